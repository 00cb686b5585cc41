#!/usr/bin/env python3
"""properties_test.py: properties of `refparse normalize` over every reference (TAP).

usage: properties_test.py REFPARSE SOURCE_ROOT

Sets: the "raw" of every record of corpus/*.jsonl and, only when
SOURCE_ROOT/../shared/gold exists (a developer checkout), of every
../shared/gold/*.dev.jsonl (read, never copied); otherwise one SKIP line.

For every reference x, with N(x) the `normalize` text, P(x) the `parse` item:
  (a) idempotence:  N(N(x)) == N(x)
  (b) same fields:  P(N(x)) == P(x) for every CSL field except "custom", "id"
      and "citation-number" (normalize strips the list marker that carries the
      citation number, by design)
  (d) every change is reported: when N(x) differs from x (white space at the
      ends aside) P(x) carries a warning of a text repair, and a warning only
      a text repair gives (TEXT_CODES below) comes with a changed text
and for corpus/clean.jsonl, references with nothing to repair:
  (c) N(x) == x byte for byte and P(x) has no warning but those on what the
      parser read (READ_CODES: unparsed, no-title), which say nothing of the
      text.
corpus/clean.jsonl: "clean-<id>" records copy corpus references whose raw has
no artefact by a check independent of refparse (NFC; no dash, quote, space or
bullet variants, markers, markup, doubled punctuation or brackets, digits
inside words, abbreviated page ranges, repeated locators); "clean-uN" records
are written by hand: legitimate non-ASCII text (Greek, Cyrillic, CJK,
Vietnamese, « », …, ‘seny’, "Müller–Lyer") that a cleaner must leave alone.

(a), (b), (d): one TAP line per set and property, listing the first failing
references; a reference known to fail because of a parse.c bug is listed in
KNOWN below, checked on its own line under "# TODO", and left out of its set's
line. Keep KNOWN short: every entry is a bug to fix.
"""
import glob
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Tap  # noqa: E402

EXE, ROOT = sys.argv[1], sys.argv[2]
GOLD = os.path.normpath(os.path.join(ROOT, "..", "shared", "gold"))
SHOW = 5  # failing references shown per line
# warnings that only a change of the text gives; field repairs and doubts
# (page-expanded, name-repaired, unparsed, ...) leave the text as it is
TEXT_CODES = {"invalid-utf8", "control-char", "mojibake", "markup", "diacritic", "nfc", "space",
              "marker", "dup-locator", "dash", "quote"}
# ... and these two are given for the text and for the container field alike
# ("Pharm0aceutics" in the text, a stray "The." before a journal title)
ALSO_TEXT = {"punct-repaired", "word-repaired"}
# warnings on what the parser read (text left over, no title), not on the
# text: a clean reference may carry them (tests/accounting_test.py)
READ_CODES = {"unparsed", "no-title"}
# (property, id) -> reason: parse.c bugs, each a TODO line
KNOWN = {
}
t = Tap()
tmp = tempfile.TemporaryDirectory(prefix="rp-prop-")


def run(args, lines):
    """Run refparse on JSONL records {"id","raw"}; one output line each."""
    data = "".join(json.dumps({"id": i, "raw": x}, ensure_ascii=False) + "\n"
                   for i, x in lines).encode("utf-8")
    p = subprocess.run([EXE] + args + ["--quiet", "--input", "jsonl"], input=data,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=240)
    if p.returncode != 0:
        t.bail(f"refparse {args[0]} exited {p.returncode}: {p.stderr.decode()[-300:]}")
    out = p.stdout.decode("utf-8").split("\n")[:-1]
    if len(out) != len(lines):
        t.bail(f"refparse {args[0]}: {len(out)} output lines for {len(lines)} records")
    return out


def fields(item):
    return {k: v for k, v in item.items() if k not in ("custom", "id", "citation-number")}


def codes(item):
    return sorted({w["code"] for w in item.get("custom", {}).get("warnings", [])})


def load(path):
    recs = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                r = json.loads(line)
                if isinstance(r.get("raw"), str):
                    recs.append((str(r.get("id", n)), r["raw"]))
    return recs


def check(name, prop, what, results):
    """results: [(id, ok, diag)]; one line for the set, one per KNOWN id."""
    bad = []
    for i, ok, diag in results:
        why = KNOWN.get((prop, i))
        if why:
            with t.todo(why):
                t.ok(ok, f"{name} {i}: ({prop}) {what}", diag=diag)
        elif not ok:
            bad.append(diag)
    t.ok(not bad, f"{name}: ({prop}) {what}, {len(results) - len(bad)}/{len(results)}",
         diag="\n".join(bad[:SHOW]) + (f"\n... and {len(bad) - SHOW} more" if len(bad) > SHOW else ""))


def properties(name, recs):
    n1 = run(["normalize"], recs)
    p1 = [json.loads(x) for x in run(["parse"], recs)]
    again = [(i, x) for (i, _), x in zip(recs, n1)]
    n2 = run(["normalize"], again)
    p2 = [json.loads(x) for x in run(["parse"], again)]
    a, b, d = [], [], []
    for (i, raw), x1, x2, i1, i2 in zip(recs, n1, n2, p1, p2):
        a.append((i, x1 == x2, f"{i}: raw {raw!r}\n  N(x)    {x1!r}\n  N(N(x)) {x2!r}"))
        f1, f2 = fields(i1), fields(i2)
        diff = sorted(k for k in set(f1) | set(f2) if f1.get(k) != f2.get(k))
        b.append((i, not diff, f"{i}: raw {raw!r}\n  N(x) {x1!r}\n" + "\n".join(
            f"  {k}: P(x) {json.dumps(f1.get(k), ensure_ascii=False)}"
            f" P(N(x)) {json.dumps(f2.get(k), ensure_ascii=False)}" for k in diff)))
        changed = x1 != raw.strip(" ")
        told = sorted(set(codes(i1)) & (TEXT_CODES | ALSO_TEXT))
        strict = set(codes(i1)) & TEXT_CODES
        d.append((i, (not changed or told) and (changed or not strict),
                  f"{i}: raw {raw!r}\n  N(x) {x1!r}\n  text repairs reported: {told}"))
    check(name, "a", "normalize is idempotent", a)
    check(name, "b", "parse(normalize(x)) has the fields of parse(x)", b)
    check(name, "d", "every change of the text is reported, and only changes", d)
    return n1, p1


# ---- corpus/*.jsonl ----------------------------------------------------------------
corpus = sorted(glob.glob(os.path.join(ROOT, "corpus", "*.jsonl")))
t.ok(corpus, f"corpus/*.jsonl: {len(corpus)} files")
for path in corpus:
    name = "corpus/" + os.path.basename(path)
    recs = load(path)
    n1, p1 = properties(name, recs)
    if os.path.basename(path) == "clean.jsonl":
        t.ok(len(recs) >= 100, f"{name}: at least 100 clean references ({len(recs)})")
        for (i, raw), x1, i1 in zip(recs, n1, p1):
            ok = x1 == raw and not set(codes(i1)) - READ_CODES
            diag = f"{i}: raw {raw!r}\n  N(x) {x1!r}\n  warnings {codes(i1)}"
            why = KNOWN.get(("c", i))
            if why:
                with t.todo(why):
                    t.ok(ok, f"{name} {i}: (c) unchanged, no warning", diag=diag)
            else:
                t.ok(ok, f"{name} {i}: (c) unchanged, no warning", diag=diag)

# ---- ../shared/gold/*.dev.jsonl ------------------------------------------------------
golds = sorted(glob.glob(os.path.join(GOLD, "*.dev.jsonl")))
if not golds:
    t.skip("../shared/gold/*.dev.jsonl properties", "../shared/gold not present")
for path in golds:
    properties("../shared/gold/" + os.path.basename(path), load(path))
sys.exit(t.done())
