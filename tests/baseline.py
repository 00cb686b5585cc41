#!/usr/bin/env python3
"""baseline.py: the corpus accuracy baseline (TAP test and its recorder).

usage: baseline.py REFPARSE SOURCE_ROOT           check (a TAP test)
       baseline.py REFPARSE SOURCE_ROOT --record  rewrite corpus/baseline.json

For every gold file corpus/*.jsonl (not normalize.jsonl / clean.jsonl, which
are not field-annotated), `refparse eval --json FILE` gives per-field F1.
corpus/baseline.json records them; the check fails when any field of any
file drops below its recorded F1, or a recorded file disappears. Raising the
baseline after an improvement is part of the improvement (--record).
"""
import glob
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Tap  # noqa: E402

EXE, ROOT = sys.argv[1], sys.argv[2]
RECORD = "--record" in sys.argv[3:]
BASE = os.path.join(ROOT, "corpus", "baseline.json")
SKIP = {"normalize.jsonl", "clean.jsonl"}


def gold_files():
    out = []
    for p in sorted(glob.glob(os.path.join(ROOT, "corpus", "*.jsonl"))):
        if os.path.basename(p) in SKIP:
            continue
        with open(p, encoding="utf-8") as f:
            first = next((l for l in f if l.strip()), "")
        if '"gold"' in first:
            out.append(p)
    return out


def scores(path):
    r = subprocess.run([EXE, "eval", "--json", path], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=300)
    if r.returncode != 0:
        raise RuntimeError(f"refparse eval {path}: exit {r.returncode}: {r.stderr[:300]!r}")
    js = json.loads(r.stdout)
    return {k: round(v["f1"], 6) for k, v in js["fields"].items()}


if RECORD:
    base = {os.path.basename(p): scores(p) for p in gold_files()}
    with open(BASE, "w", encoding="utf-8") as f:
        json.dump(base, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"recorded {len(base)} files in {BASE}")
    sys.exit(0)

def drops(recorded, got):
    return [(k, v, got.get(k, 0.0)) for k, v in sorted(recorded.items())
            if got.get(k, 0.0) < v - 1e-9]


t = Tap()
with open(BASE, encoding="utf-8") as f:
    base = json.load(f)
present = {os.path.basename(p): p for p in gold_files()}
last = None
for name in sorted(base):
    if name not in present:
        t.ok(False, f"{name}: recorded in the baseline but missing from corpus/")
        continue
    got = last = scores(present[name])
    d = drops(base[name], got)
    t.ok(not d, f"{name}: no field below its baseline F1",
         diag="\n".join(f"{name}: {k}: baseline {v:.6f}, now {g:.6f}" for k, v, g in d))
new = sorted(set(present) - set(base))
t.ok(not new, "every corpus gold file has a baseline (tests/baseline.py REFPARSE . --record)",
     diag=", ".join(new))
# the check can fail: a baseline above what is measured is reported
t.ok(last is not None and drops({k: 1.5 for k in last}, last),
     "a baseline above the measured F1 is reported (the check can fail)")
sys.exit(t.done())
