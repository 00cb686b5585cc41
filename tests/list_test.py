#!/usr/bin/env python3
"""list_test.py: `refparse parse|normalize --input list` (TAP).

usage: list_test.py REFPARSE

Each case is a pasted list and the references it must give, joined, with
their input lines. `parse --input list` must give one record per reference,
ids 1, 2, ... (going on across files), custom.lines = [first, last], and
otherwise exactly the record `parse --input jsonl` gives for the joined
text; `normalize --input list` exactly what `normalize` gives for it. So
the test pins the framing, and the parser's own output stays the golden
test's business.
"""
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Tap  # noqa: E402

EXE = sys.argv[1]

CASES = [
    ("numbered, heading, hyphenated, a volume that looks like a marker",
     b"References\n\n"
     b"1. Murry CE, Soonpaa MH. Regeneration of the heart by transfor-\n"
     b"   mation of stem cells. Nature. 2004;428:664-668.\n"
     b"2. Balsam LB, Wagers AJ. Haematopoietic stem cells. J Biol Chem. 2004;\n"
     b"12. 345-350.\n"
     b"3. Nygren JM. Bone marrow. Nat Med. 2004;10:494-501.\n",
     [("1. Murry CE, Soonpaa MH. Regeneration of the heart by transformation of stem "
       "cells. Nature. 2004;428:664-668.", 3, 4),
      ("2. Balsam LB, Wagers AJ. Haematopoietic stem cells. J Biol Chem. 2004; 12. "
       "345-350.", 5, 6),
      ("3. Nygren JM. Bone marrow. Nat Med. 2004;10:494-501.", 7, 7)]),
    ("hanging indent, CR LF",
     b"Smith, J. (2001). A title that was\r\n"
     b"    wrapped. Nature, 1, 2-3.\r\n"
     b"Hans-Peter, D. (2002). Long-\r\n"
     b"    term effects. Cell, 4, 5.\r\n",
     [("Smith, J. (2001). A title that was wrapped. Nature, 1, 2-3.", 1, 2),
      ("Hans-Peter, D. (2002). Long-term effects. Cell, 4, 5.", 3, 4)]),
    ("blank-line separated",
     b"Smith J. One that\nis wrapped. Nature. 2001.\n\n"
     b"Doe A. Two. Cell. 2002.\n\n"
     b"Roe B. Three. Gene.\n2003;6:7.\n",
     [("Smith J. One that is wrapped. Nature. 2001.", 1, 2),
      ("Doe A. Two. Cell. 2002.", 4, 4),
      ("Roe B. Three. Gene. 2003;6:7.", 6, 7)]),
    ("bulleted",
     "\u2022 Smith J. One\n  wrapped. Nature. 2001.\n\u2022 Doe A. Two. Cell. 2002.\n"
     .encode(),
     [("\u2022 Smith J. One wrapped. Nature. 2001.", 1, 2),
      ("\u2022 Doe A. Two. Cell. 2002.", 3, 3)]),
    ("one a line", b"Smith J. One. Nature. 2001.\nDoe A. Two. Cell. 2002.",
     [("Smith J. One. Nature. 2001.", 1, 1), ("Doe A. Two. Cell. 2002.", 2, 2)]),
]


def run(args, data=b""):
    p = subprocess.run([EXE] + args, input=data, capture_output=True)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8", "replace")


def records(out):
    return [json.loads(l) for l in out.splitlines()]


def main():
    t = Tap()
    for what, data, refs in CASES:
        rc, out, err = run(["parse", "--input", "list", "-"], data)
        t.eq(rc, 0, f"{what}: parse exit status")
        got = records(out)
        t.eq([(r["id"], r["custom"]["lines"]) for r in got],
             [(i, [a, b]) for i, (_, a, b) in enumerate(refs, 1)], f"{what}: ids and lines")
        jl = "".join(json.dumps({"id": i, "raw": r[0]}) + "\n" for i, r in enumerate(refs, 1))
        rc, wout, _ = run(["parse", "--input", "jsonl", "-"], jl.encode())
        want = records(wout)
        for r in got:
            r["custom"].pop("lines", None)
        t.eq(got, want, f"{what}: records as parse of the joined references")
        rc, out, _ = run(["normalize", "--input", "list", "-"], data)
        rc, wout, _ = run(["normalize", "--input", "jsonl", "-"], jl.encode())
        t.eq(out, wout, f"{what}: normalize as normalize of the joined references")

    # two files: ids go on; --no-custom drops lines; -j is accepted
    with tempfile.TemporaryDirectory() as d:
        a, b = os.path.join(d, "a.txt"), os.path.join(d, "b.txt")
        with open(a, "wb") as f:
            f.write(CASES[2][1])
        with open(b, "wb") as f:
            f.write(CASES[1][1])
        rc, out, _ = run(["parse", "--input", "list", "-j", "2", a, b])
        got = records(out)
        t.eq([(r["id"], r["custom"]["lines"]) for r in got],
             [(1, [1, 2]), (2, [4, 4]), (3, [6, 7]), (4, [1, 2]), (5, [3, 4])],
             "two files: ids go on, lines count per file")
        rc, out, _ = run(["parse", "--input", "list", "--no-custom", a])
        t.ok(rc == 0 and all("custom" not in r for r in records(out)) and len(records(out)) == 3,
             "--no-custom: no custom object, no lines")
        rc, out, err = run(["parse", "--input", "list", os.path.join(d, "missing.txt")])
        t.ok(rc == 1 and "missing.txt" in err, "a missing file: exit 1 and its name", diag=err)
    rc, out, err = run(["parse", "--input", "pages", "-"])
    t.ok(rc == 2 and "text, jsonl or list" in err, "an unknown --input: usage error", diag=err)
    rc, out, _ = run(["parse", "--input", "list", "-"], b"")
    t.ok(rc == 0 and out == "", "empty input: no record")
    rc, out, _ = run(["normalize", "--input", "list", "-"], b"\x00\xff\xfe binary \x00\n\n\x01")
    t.ok(rc == 0 and len(out.splitlines()) == 2, "binary input: one line per reference")
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
