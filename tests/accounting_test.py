#!/usr/bin/env python3
"""accounting_test.py: every word of a reference is in a field or a warning (TAP).

usage: accounting_test.py REFPARSE SOURCE_ROOT

The parser's last stage reports what no stage took as `unparsed` warnings
(offset and length in the input, the text in the message) and a reference
without title or container as `no-title` (README.md, Output). Checks:

  * exact cases written here: a trailing note gets exactly one `unparsed`
    warning with its span and text; labels, separators, identifiers and
    their notes are not reported; text a stage consumed without keeping it
    is; offsets are the input's even after a repair before them; `no-title`
    comes once whenever neither title nor container was found;
  * over every corpus/*.jsonl record and, when SOURCE_ROOT/../shared/gold
    exists, every ../shared/gold/*.dev.jsonl record (otherwise one SKIP
    line): no record has MIN or more content words accounted for by nothing
    (in no field and under no warning's span), as tools/accounting.py
    counts them (which words count, and how they are compared, is said
    there). One line per file, listing the first records that fail.
"""
import glob
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Tap  # noqa: E402

EXE, ROOT = sys.argv[1], sys.argv[2]
sys.path.insert(0, os.path.join(ROOT, "tools"))
import accounting  # noqa: E402

GOLD = os.path.normpath(os.path.join(ROOT, "..", "shared", "gold"))
MIN = 3
SHOW = 5
t = Tap()


def parse_lines(lines):
    data = "".join(json.dumps({"id": str(i), "raw": x}, ensure_ascii=False) + "\n"
                   for i, x in enumerate(lines)).encode("utf-8")
    p = subprocess.run([EXE, "parse", "--quiet", "--input", "jsonl"], input=data,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    if p.returncode != 0:
        t.bail(f"refparse parse exited {p.returncode}: {p.stderr.decode()[-300:]}")
    return [json.loads(x) for x in p.stdout.decode("utf-8").splitlines()]


def warnings(item, code):
    return [(w["offset"], w["length"], w["message"])
            for w in item.get("custom", {}).get("warnings", []) if w["code"] == code]


def at(raw, text):
    """(offset, length) in bytes of text in raw."""
    b, x = raw.encode("utf-8"), text.encode("utf-8")
    return b.index(x), len(x)


# ---- exact cases ---------------------------------------------------------------------
NOTE = "Smith J, Jones K. A study of things. J Biol. 2001;12(3):45-9. Also in Smith 1990."
MARKUP = "M&uuml;ller H. A study of things. J Biol. 2001;12(3):45-9. Also in Smith 1990."
# (raw, expected unparsed texts, expected no-title count, what)
CASES = [
    (NOTE, ["Also in Smith 1990."], 0, "a trailing note is one unparsed warning"),
    ("Smith J, Jones K. A study of things. J Biol. 2001;12(3):45-9. doi:10.1000/xyz123",
     [], 0, "a fully parsed reference has none"),
    ("Smith J, Jones K. A study of things. J Biol. 2001;12(3):45-9. [ ] ; -",
     [], 0, "punctuation left over is not reported"),
    ("Smith J, Jones K. A study of things [Internet]. J Biol. 2001 [cited 2020 Jan 5];12(3):45-9. "
     "Available from: http://example.org/a. PubMed PMID: 12345678; PubMed Central PMCID: PMC123456.",
     [], 0, "labels and access notes are not reported"),
    ("Smith J. A study of things. 2nd ed. London: Macmillan; 2001.",
     [], 0, "an edition statement is not reported"),
    ("Angrist, J., & Rubin, D. (1995). Identification of causal effects. "
     "Journal of the American Statistical Association, in press.",
     [], 0, "'in press' is not reported"),
    (MARKUP, ["Also in Smith 1990."], 0, "offsets are the input's after a repair before them"),
    ("Hansen MT, Meyer HB (2016), arXiv:1610.03843 [hep-lat]",
     ["[hep-lat]"], 1, "text consumed with an identifier but kept nowhere is reported"),
    ("J. Tromp, \"How to Construct an Atomic Variable\", Proceedings of the Third International "
     "Workshop on Distributed Algorithms, Lecture Notes in Computer Science 392, Springer Verlag, "
     "1989, pp. 292-302.",
     ["Lecture Notes in Computer Science 392, Springer Verlag"], 0,
     "text inside a field's span but not in its value is reported"),
    ("Smith J. 2001.", [], 1, "no title on a reference without a locator"),
    ('S. Iqbal, M. Farooq, A. Rehman, J. High Energy Phys. 2024, 115 (2024).', None, 1,
     "no title, once, with a locator"),
]
items = parse_lines([c[0] for c in CASES])
for (raw, texts, nt, what), item in zip(CASES, items):
    got = warnings(item, "unparsed")
    if texts is not None:
        exp = [at(raw, x) + (x,) for x in texts]
        t.eq(got, exp, f"{what}: {raw[:50]}...")
    t.eq(len(warnings(item, "no-title")), nt, f"{what}: no-title x{nt}")
t.eq(parse_lines([""])[0].get("custom", {}).get("warnings", [{}])[0].get("code"), "empty",
     "an empty reference: 'empty' only")

# ---- every corpus and dev-set reference ----------------------------------------------
sets = sorted(glob.glob(os.path.join(ROOT, "corpus", "*.jsonl")))
golds = sorted(glob.glob(os.path.join(GOLD, "*.dev.jsonl")))
t.ok(sets, f"corpus/*.jsonl: {len(sets)} files")
if not golds:
    t.skip("../shared/gold/*.dev.jsonl", "../shared/gold not present")
for path in sets + golds:
    recs = accounting.records(path)
    outs = accounting.parse(EXE, path)
    bad = []
    for r, o in zip(recs, outs):
        u = accounting.unaccounted(r.get("raw") or "", o)
        if len(u) >= MIN:
            bad.append(f"{r.get('id')}: {' '.join(u)}\n    {r.get('raw')}")
    name = os.path.basename(path)
    t.ok(len(outs) == len(recs) and not bad,
         f"{name}: no record with {MIN}+ content words in no field and no warning "
         f"({len(recs) - len(bad)}/{len(recs)})",
         diag="\n".join(bad[:SHOW]) + (f"\n... and {len(bad) - SHOW} more" if len(bad) > SHOW else ""))
sys.exit(t.done())
