#!/usr/bin/env python3
"""formats_test.py: `refparse parse --to FORMAT` over the whole corpus.

    formats_test.py REFPARSE ROOT

For every corpus/*.jsonl file:
  csl-json   the output is one JSON array with one item per record, in
             order (ids kept), each item passing tests/csl_check.py and,
             when the shared checkout (../shared or ../../shared from ROOT)
             and python3-jsonschema are present, the official CSL-JSON
             schema; the items equal the csl-jsonl lines one for one, but for
             the {"literal": "et al."} ending a list that had "et al."
  bibtex     one @entry per record, keys unique
  ris        one TY..ER record per record, ids kept
  tsv        a header and one row per record, all with the header's column
             count
Then exact checks of a few records, and the CLI answers to a bad --to.
"""
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Tap  # noqa: E402
import csl_check  # noqa: E402

try:
    import jsonschema
except ImportError:
    jsonschema = None

EXE, ROOT = sys.argv[1], sys.argv[2]
t = Tap()


def run(*args, stdin=None):
    return subprocess.run([EXE, *args], input=stdin, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE)


def schema_validator():
    if jsonschema is None:
        return None
    for p in (os.path.join(ROOT, "tests", "data", "csl-data.json"),):
        if os.path.exists(p):
            with open(p, encoding="utf-8") as f:
                schema = json.load(f)
            cls = jsonschema.validators.validator_for(schema)
            return cls(schema)
    return None


V = schema_validator()
cdir = os.path.join(ROOT, "corpus")
files = sorted(f for f in os.listdir(cdir) if f.endswith(".jsonl"))
def iso_issued(item):
    """csl-json's issued as ISO 8601 ("2004-03-05", a range "2004-01/2004-02",
    a range of years "1939/1940") when it has a month or is a range, else ""
    (the year alone is the year column)."""
    dp = item.get("issued", {}).get("date-parts", [[]])
    if len(dp[0]) < 2 and len(dp) < 2:
        return ""
    return "/".join("-".join(f"{v:02d}" if k else str(v) for k, v in enumerate(d)) for d in dp)


for name in files:
    path = os.path.join(cdir, name)
    with open(path, encoding="utf-8") as f:
        ids = [json.loads(l)["id"] for l in f if l.strip()]
    n = len(ids)
    p = run("parse", "--quiet", "--input", "jsonl", "--to", "csl-json", path)
    try:
        arr = json.loads(p.stdout)
    except ValueError as e:
        arr = e
    t.ok(p.returncode == 0 and isinstance(arr, list) and [x.get("id") for x in arr] == ids,
         f"{name}: --to csl-json is one array of {n} items, ids in order",
         diag=p.stderr.decode(errors="replace")[:300] or str(arr)[:300])
    if not isinstance(arr, list):
        continue
    bad = [(i + 1, csl_check.check(x)) for i, x in enumerate(arr) if csl_check.check(x)]
    t.ok(not bad, f"{name}: every csl-json item passes csl_check", diag=bad[:3])
    if V is None:
        t.skip(f"{name}: the csl-json array validates against the CSL-JSON schema",
               "python3-jsonschema not installed")
    else:
        errs = [e.message for e in V.iter_errors(arr)]
        t.ok(not errs, f"{name}: the csl-json array validates against the CSL-JSON schema",
             diag=errs[:3])
    lines = [json.loads(l) for l in
             run("parse", "--quiet", "--input", "jsonl", path).stdout.decode().splitlines()]
    for item in lines:  # csl-json adds {"literal": "et al."} after an "et al." list
        custom = item.get("custom", {})
        for role, flag in (("author", "et-al"), ("editor", "editor-et-al")):
            if custom.get(flag) and item.get(role):
                item[role].append({"literal": "et al."})
    t.ok(lines == arr, f"{name}: csl-json items equal the csl-jsonl lines, plus 'et al.' after et al.")

    p = run("parse", "--quiet", "--input", "jsonl", "--to", "bibtex", path)
    keys = re.findall(r"^@\w+\{([^,\n]*),$", p.stdout.decode(), re.M)
    t.ok(p.returncode == 0 and len(keys) == n and len(set(keys)) == n
         and all(re.fullmatch(r"[a-z0-9]+", k) for k in keys),
         f"{name}: --to bibtex gives {n} entries with unique [a-z0-9] keys",
         diag=(p.returncode, len(keys), len(set(keys))))

    p = run("parse", "--quiet", "--input", "jsonl", "--to", "ris", path)
    out = p.stdout.decode()
    t.ok(p.returncode == 0 and out.count("\nER  - \n") + out.startswith("ER  - \n") == n
         and re.findall(r"^ID  - (.*)$", out, re.M) == [str(i) for i in ids]
         and all(re.fullmatch(r"[A-Z][A-Z0-9]  - .*", l) for l in out.splitlines() if l),
         f"{name}: --to ris gives {n} records, ids in order, every line TAG  - value")

    p = run("parse", "--quiet", "--input", "jsonl", "--to", "tsv", path)
    rows = p.stdout.decode().split("\n")
    t.ok(p.returncode == 0 and rows[-1] == "" and len(rows) == n + 2
         and all(r.count("\t") == 29 for r in rows[:-1])
         and [r.split("\t")[0] for r in rows[1:-1]] == [str(i) for i in ids],
         f"{name}: --to tsv gives a header and {n} rows of 30 columns")
    items = [json.loads(l) for l in run("parse", "--quiet", "--input", "jsonl", "--no-custom",
                                         path).stdout.decode().splitlines()]
    t.eq([r.split("\t")[26] for r in rows[1:-1]], [iso_issued(i) for i in items],
         f"{name}: the tsv date column is csl-json's issued in ISO 8601 (when it has a month or is a range)")

# exact records through the CLI (text input: ids are line numbers)
murry = (b"Murry CE, Soonpaa MH, Reinecke H, et al. Haematopoietic stem cells do not "
         b"transdifferentiate into cardiac myocytes in myocardial infarcts. Nature. "
         b"2004;428(6983):664-8.\n")
p = run("parse", "--quiet", "--to", "bibtex", stdin=murry * 2)
t.eq(re.findall(r"^@article\{(\w+),$", p.stdout.decode(), re.M),
     ["murry2004haematopoietic", "murry2004haematopoietica"], "bibtex from stdin: keys a-suffixed")
p = run("parse", "--quiet", "--to", "csl-json", stdin=murry)
t.eq([x["id"] for x in json.loads(p.stdout)], [1], "csl-json from text: numeric id 1")
t.eq(json.loads(p.stdout)[0]["author"][-2:], [{"family": "Reinecke", "given": "H."}, {"literal": "et al."}],
     "csl-json: et al. as a final {literal: et al.}")
p = run("parse", "--quiet", "--to", "csl-json", stdin=b"")
t.eq(json.loads(p.stdout), [], "csl-json of no input: []")
p = run("parse", "--quiet", "--to", "csl-jsonl", stdin=murry)
t.eq(p.stdout, run("parse", "--quiet", stdin=murry).stdout, "--to csl-jsonl is the default")
p = run("parse", "--quiet", "--to", "xml", stdin=murry)
t.ok(p.returncode == 2 and b"csl-json" in p.stderr, "--to xml: exit 2, formats named")
p = run("parse", "--quiet", "--input", "jsonl", "--to", "ris", stdin=b'{"id": "a", "raw": "x"}\nnot json\n')
t.ok(p.returncode == 0 and p.stdout.decode().count("ER  - ") == 2 and b":2: input line is not" in p.stderr,
     "a bad JSON line: reported on stderr, still one record")
if os.path.exists("/dev/full"):
    with open("/dev/full", "wb") as full:
        p = subprocess.run([EXE, "parse", "--quiet", "--to", "bibtex"], input=murry,
                           stdout=full, stderr=subprocess.PIPE)
    t.ok(p.returncode == 1 and b"write error" in p.stderr, "--to bibtex > /dev/full: exit 1, write error")
else:
    t.skip("--to bibtex > /dev/full: exit 1", "no /dev/full")

# a 50 MB line through the file formats: truncated, bounded memory
if os.environ.get("RP_TEST_SKIP_HUGE") == "1":
    t.skip("50 MB line through --to csl-json and bibtex", "RP_TEST_SKIP_HUGE=1")
else:
    import resource
    import tempfile
    with tempfile.NamedTemporaryFile(suffix=".txt") as f:
        f.write(b"Murry CE. " + b"x" * 50_000_000 + b"\n" + murry)
        f.flush()
        p = run("parse", "--quiet", "--to", "csl-json", f.name)
        arr = json.loads(p.stdout) if p.returncode == 0 else []
        t.ok(len(arr) == 2 and [w["code"] for w in arr[0]["custom"]["warnings"]] == ["truncated"]
             and arr[1]["title"].startswith("Haematopoietic"),
             "50 MB line --to csl-json: 2 records, the first 'truncated', the next parsed")
        p = run("parse", "--quiet", "--to", "bibtex", f.name)
        t.ok(p.returncode == 0 and p.stdout.count(b"\n@") == 1, "50 MB line --to bibtex: 2 entries")
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    if os.environ.get("RP_TEST_SANITIZED") == "1":
        t.skip(f"50 MB line: peak RSS {rss:.0f} MB < 200 MB", "RP_TEST_SANITIZED=1")
    else:
        t.ok(rss < 200, f"50 MB line: peak RSS {rss:.0f} MB < 200 MB")
sys.exit(t.done())
