#!/usr/bin/env python3
"""damage_check.py: does damage change the parse? (the normalizer's measure)

    python3 bench/damage_check.py DAMAGED.jsonl [...] [--refparse EXE]
                                  [--examples N] [--json OUT.json]

Reads the records bench/damage.py writes ({"id","set","raw","orig","damage",
"numbered"}), parses "orig" and "raw" with `refparse parse --input jsonl`, and
counts a reference as identical when every CSL field but "custom" and "id" is
the same in both parses ("citation-number" too, except when the damage added
a numbered list marker, which is where the parse of the copy gets one).

Prints, per input file and per "set" inside it: the share of identical
references; per artefact kind: the share among all copies with that kind and
among copies with that kind alone; then up to N examples of mismatches per
kind (single-kind copies first), with the fields that differ.
A second figure, "same up to typography", also counts as identical the
references whose fields differ only in quote and dash characters, Unicode
compatibility forms and white space (“x” = "x", ’ = ', – = -, "43 - 102" =
"43-102"): normalize keeps curly quotes as printed, by design, so a copy with
curly quotes differs from the straight original in the quotes inside a title.
The issue's bar: at least 99 % identical. Exit status 0 (a measure, not a test).
Python 3 standard library only.
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def find_exe():
    for d in ("build-norm", "build", "build-dev", "build-t", "build-ci"):
        p = os.path.join(ROOT, d, "cli", "refparse")
        if os.access(p, os.X_OK):
            return p
    return "refparse"


def parse(exe, recs, key):
    data = "".join(json.dumps({"id": r["id"], "raw": r[key]}, ensure_ascii=False) + "\n"
                   for r in recs).encode("utf-8")
    p = subprocess.run([exe, "parse", "--quiet", "--input", "jsonl"], input=data,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=True)
    out = [json.loads(x) for x in p.stdout.decode("utf-8").split("\n")[:-1]]
    if len(out) != len(recs):
        sys.exit(f"damage_check: {len(out)} parses for {len(recs)} records")
    return out


def fields(item, numbered):
    skip = {"custom", "id"} | ({"citation-number"} if numbered else set())
    return {k: v for k, v in item.items() if k not in skip}


QUOTES = {ord(c): "'" for c in "\u2018\u2019\u201a\u201b\u2032\u00b4`"}
QUOTES.update({ord(c): '"' for c in "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033"})
QUOTES.update({ord(c): "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"})


def typo(v):
    """v with quotes and dashes made ASCII, NFKC, white space collapsed."""
    if isinstance(v, str):
        v = unicodedata.normalize("NFKC", v).translate(QUOTES)
        return re.sub(r"\s*-\s*", "-", " ".join(v.split()))
    if isinstance(v, list):
        return [typo(x) for x in v]
    if isinstance(v, dict):
        return {k: typo(x) for k, x in v.items()}
    return v


def pct(a, b):
    return f"{100.0 * a / b:6.2f} %" if b else "     -  "


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("--refparse", default=None)
    ap.add_argument("--examples", type=int, default=3)
    ap.add_argument("--json", default=None, help="also write the figures as JSON")
    a = ap.parse_args()
    exe = a.refparse or find_exe()
    report = {}
    for path in a.inputs:
        recs = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
        clean = parse(exe, recs, "orig")
        damaged = parse(exe, recs, "raw")
        per_set = collections.Counter()
        same_set = collections.Counter()
        typo_same = 0
        kind_all = collections.Counter()
        kind_same = collections.Counter()
        kind_one = collections.Counter()
        kind_one_same = collections.Counter()
        bad = collections.defaultdict(list)
        for r, c, d in zip(recs, clean, damaged):
            fc, fd = fields(c, r.get("numbered")), fields(d, r.get("numbered"))
            same = fc == fd
            typo_same += same or typo(fc) == typo(fd)
            per_set[r.get("set", "")] += 1
            same_set[r.get("set", "")] += same
            for k in r["damage"]:
                kind_all[k] += 1
                kind_same[k] += same
                if len(r["damage"]) == 1:
                    kind_one[k] += 1
                    kind_one_same[k] += same
            if not same:
                diff = sorted(k for k in set(fc) | set(fd) if fc.get(k) != fd.get(k))
                ex = {"id": r["id"], "set": r.get("set"), "damage": r["damage"], "orig": r["orig"],
                      "raw": r["raw"],
                      "fields": {k: [fc.get(k), fd.get(k)] for k in diff}}
                for k in r["damage"]:
                    bad[k].append(ex)
        total, same = sum(per_set.values()), sum(same_set.values())
        name = os.path.basename(path)
        print(f"== {name}: {same}/{total} identical = {pct(same, total)}; "
              f"same up to typography {typo_same}/{total} = {pct(typo_same, total)}")
        if len(per_set) > 1:
            for s in sorted(per_set):
                print(f"   {s:28} {same_set[s]:6}/{per_set[s]:<6} {pct(same_set[s], per_set[s])}")
        print(f"   {'kind':14} {'copies':>7} {'identical':>10}   {'alone':>6} {'identical':>10}")
        for k in sorted(kind_all):
            print(f"   {k:14} {kind_all[k]:7} {pct(kind_same[k], kind_all[k]):>10}   "
                  f"{kind_one[k]:6} {pct(kind_one_same[k], kind_one[k]):>10}")
        if a.examples:
            for k in sorted(bad):
                exs = sorted(bad[k], key=lambda e: len(e["damage"]))[:a.examples]
                print(f"   -- {k}: {len(bad[k])} mismatches; examples:")
                for e in exs:
                    print(f"      {e['id']} {e['damage']}")
                    print(f"        orig {e['orig']}")
                    print(f"        raw  {e['raw']!r}")
                    for f, (x, y) in e["fields"].items():
                        print(f"        {f}: {json.dumps(x, ensure_ascii=False)[:150]}")
                        print(f"        {' ' * len(f)}  {json.dumps(y, ensure_ascii=False)[:150]}")
        report[name] = {"total": total, "identical": same, "typography": typo_same,
                        "sets": {s: [same_set[s], per_set[s]] for s in per_set},
                        "kinds": {k: {"copies": kind_all[k], "identical": kind_same[k],
                                      "alone": kind_one[k], "alone_identical": kind_one_same[k]}
                                  for k in kind_all},
                        "mismatches": {k: v for k, v in bad.items()}}
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump(report, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
