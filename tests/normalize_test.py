#!/usr/bin/env python3
"""normalize_test.py: `refparse normalize` against corpus/normalize.jsonl (TAP).

usage: normalize_test.py REFPARSE SOURCE_ROOT

corpus/normalize.jsonl holds {"id","raw","clean","warnings"} records: a messy
reference, the string `refparse normalize` must print for it, and the exact
set of warning codes its result carries. `normalize` prints only the text, and
rp_normalize() and rp_parse() report the same warnings, so the codes are read
from `refparse parse --input jsonl` (custom.warnings) on the same records.

What the expectations follow (lib/include/refparse.h, README.md):
  * the text is the input with its artefacts removed and Unicode repaired, not
    rewritten: duplicated locator fragments after the first complete locator
    are dropped, list markers stripped, mojibake, HTML/LaTeX markup, detached
    and decomposed accents, odd spaces, dashes in number ranges, apostrophes,
    doubled punctuation and brackets, lexicon-confirmed words repaired; an
    abbreviated page range stays as printed ("1510-7": only the page field is
    expanded);
  * every change to the text carries a warning naming its kind (an nbsp made a
    space is 'space', a U+2010 hyphen 'dash', "O’Brien" -> "O'Brien" 'quote');
    white space at the two ends is trimmed silently;
  * the warnings are the result's: field repairs made while parsing
    (page-expanded) are listed too; what the parser left or could not find
    (unparsed, no-title: READ_CODES) says nothing of the text and is not
    compared (tests/accounting_test.py checks it).

Checks: for every record, the text and the warning set (two TAP lines, with
corpus/normalize.jsonl:LINE, expected and got on failure); known failures are
listed in corpus/normalize-xfail.txt and reported as TODO. Then coverage: at
least 150 records and at least 8 records for every repair kind.
"""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Tap  # noqa: E402

EXE, ROOT = sys.argv[1], sys.argv[2]
CORPUS = os.path.join(ROOT, "corpus", "normalize.jsonl")
XFAIL = os.path.join(ROOT, "corpus", "normalize-xfail.txt")
REL = "corpus/normalize.jsonl"
# repair kinds that must each have at least MIN_PER_KIND records
KINDS = ["dup-locator", "marker", "mojibake", "markup", "diacritic", "nfc", "space", "dash",
         "quote", "word-repaired", "punct-repaired"]
MIN_PER_KIND = 8
# warnings on what the parser read, not on the text
READ_CODES = {"unparsed", "no-title"}
t = Tap()


def load_xfail(path):
    """{(id, aspect): reason}; aspect 'all' expands to text and warnings."""
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            body, _, why = line.partition("#")
            parts = body.split()
            if not parts:
                continue
            if len(parts) != 2 or parts[1] not in ("text", "warnings", "all"):
                t.bail(f"{path}: bad line: {line.rstrip()}")
            for a in (("text", "warnings") if parts[1] == "all" else (parts[1],)):
                out[(parts[0], a)] = why.strip() or "known failure, see corpus/normalize-xfail.txt"
    return out


def run(args, data):
    p = subprocess.run([EXE] + args, input=data, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=120)
    if p.returncode != 0:
        t.bail(f"refparse {' '.join(args)} exited {p.returncode}: {p.stderr.decode()[-300:]}")
    return p.stdout.decode("utf-8").split("\n")[:-1]


records = []
with open(CORPUS, encoding="utf-8") as f:
    for lineno, line in enumerate(f, 1):
        if line.strip():
            r = json.loads(line)
            records.append((lineno, r))
xfail = load_xfail(XFAIL)
ids = [r["id"] for _, r in records]
t.ok(len(set(ids)) == len(ids), f"{REL}: ids are unique")
unknown = sorted({i for i, _ in xfail} - set(ids))
t.ok(not unknown, "normalize-xfail.txt names only existing ids", diag=f"unknown: {unknown}")

# jsonl input without the expectations: the tool sees only id and raw
data = "".join(json.dumps({"id": r["id"], "raw": r["raw"]}, ensure_ascii=False) + "\n"
               for _, r in records).encode("utf-8")
texts = run(["normalize", "--quiet", "--input", "jsonl"], data)
items = [json.loads(x) for x in run(["parse", "--quiet", "--input", "jsonl"], data)]
t.ok(len(texts) == len(records) and len(items) == len(records),
     "one output line per record (normalize and parse)")

for (lineno, r), text, item in zip(records, texts, items):
    where = f"{REL}:{lineno} {r['id']}"
    got_w = sorted({w["code"] for w in item.get("custom", {}).get("warnings", [])} - READ_CODES)
    exp_w = sorted(set(r["warnings"]))
    for aspect, ok, exp, got in (("text", text == r["clean"], r["clean"], text),
                                 ("warnings", got_w == exp_w, exp_w, got_w)):
        diag = f"{where}: {aspect}\n  raw      {r['raw']!r}\n  expected {exp!r}\n  got      {got!r}"
        why = xfail.get((r["id"], aspect))
        if why:
            with t.todo(why):
                t.ok(ok, f"{where} {aspect}", diag=diag)
        else:
            t.ok(ok, f"{where} {aspect}", diag=diag)

# coverage of the corpus itself
t.ok(len(records) >= 150, f"{REL} has at least 150 records ({len(records)})")
for k in KINDS:
    n = sum(k in r["warnings"] for _, r in records)
    t.ok(n >= MIN_PER_KIND, f"{REL}: {n} records expect '{k}' (at least {MIN_PER_KIND})")
n_clean = sum(not r["warnings"] and r["clean"] == r["raw"] for _, r in records)
t.ok(n_clean >= MIN_PER_KIND, f"{REL}: {n_clean} records that must come out unchanged")
sys.exit(t.done())
