#!/usr/bin/env python3
"""eval_test.py: `refparse eval GOLD` (TAP).

usage: eval_test.py REFPARSE SOURCE_ROOT

1. When SOURCE_ROOT/../shared/gold exists (a developer checkout; not in CI):
   for each *.dev.jsonl, `refparse eval GOLD` must print byte-for-byte what
   `python3 ../shared/tools/score.py GOLD PRED` prints, PRED being
   `refparse parse --input jsonl GOLD`; the --json numbers must agree too.
   Otherwise one "ok # SKIP ../shared not present".
2. Always: the table format on corpus/seeds.jsonl (header, one line per
   field, "references N  macro-F1 x  all-fields-correct y"), expected counts
   taken from the gold file, and exact scores on a small gold file with one
   deliberately wrong title. Nothing from ../shared is copied here.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Tap  # noqa: E402

EXE, ROOT = sys.argv[1], sys.argv[2]
SHARED = os.path.normpath(os.path.join(ROOT, "..", "shared"))
FIELDS = ["author", "author-item", "title", "container-title", "year", "volume", "issue",
          "page", "DOI"]
t = Tap()
tmp = tempfile.TemporaryDirectory(prefix="rp-eval-")


def run(args, **kw):
    return subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=240, **kw)


# ---- 1. against the independent scorer ---------------------------------------------
gold_dir = os.path.join(SHARED, "gold")
score_py = os.path.join(SHARED, "tools", "score.py")
if not (os.path.isdir(gold_dir) and os.path.isfile(score_py)):
    t.skip("refparse eval == ../shared/tools/score.py", "../shared not present")
else:
    golds = sorted(f for f in os.listdir(gold_dir) if f.endswith(".dev.jsonl"))
    t.ok(golds, f"../shared/gold has *.dev.jsonl files ({len(golds)})")
    for g in golds:
        gp = os.path.join(gold_dir, g)
        pred = os.path.join(tmp.name, g + ".pred")
        p = run([EXE, "parse", "--quiet", "--input", "jsonl", gp])
        with open(pred, "wb") as f:
            f.write(p.stdout)
        e = run([EXE, "eval", gp])
        s = run([sys.executable, score_py, gp, pred])
        ok = e.returncode == 0 and s.returncode == 0 and p.returncode == 0 and e.stdout == s.stdout
        t.ok(ok, f"{g}: refparse eval output == score.py output",
             diag=f"refparse eval (exit {e.returncode}):\n{e.stdout.decode()}"
                  f"score.py (exit {s.returncode}):\n{s.stdout.decode()}{s.stderr.decode()[-500:]}")
        ej = run([EXE, "eval", "--json", gp])
        sj = run([sys.executable, score_py, gp, pred, "--json"])
        try:
            same = json.loads(ej.stdout) == json.loads(sj.stdout)
        except ValueError:
            same = False
        t.ok(same, f"{g}: refparse eval --json numbers == score.py --json",
             diag=f"{ej.stdout.decode()[:600]}\n{sj.stdout.decode()[:600]}")

# ---- 2. always: format and arithmetic --------------------------------------------------
seeds = os.path.join(ROOT, "corpus", "seeds.jsonl")
with open(seeds, encoding="utf-8") as f:
    records = [json.loads(l) for l in f if l.strip()]

ROW = re.compile(r"^(\S+) +(\d\.\d{3}) +(\d\.\d{3}) +(\d\.\d{3}) +(\d+)$")
LAST = re.compile(r"^references (\d+)  macro-F1 (\d\.\d{3})  all-fields-correct (\d\.\d{3})$")


def table(path):
    """Run eval; return (exit, header, {field: (p, r, f1, expected)}, last match, lines)."""
    e = run([EXE, "eval", path])
    lines = e.stdout.decode().split("\n")
    t.ok(e.stdout.endswith(b"\n") and lines[-1] == "", f"eval {os.path.basename(path)}: "
         "output ends with a newline")
    lines = lines[:-1]
    rows = {}
    for l in lines[1:-1]:
        m = ROW.match(l)
        if m:
            rows[m.group(1)] = (float(m.group(2)), float(m.group(3)), float(m.group(4)),
                                int(m.group(5)))
    return e.returncode, lines[0] if lines else "", rows, LAST.match(lines[-1]) if lines else None, lines


def expected_counts(recs):
    def has(g, k):
        v = g.get(k)
        return isinstance(v, str) and v.strip(" \t.,;:'\"()[]{}<>*") != ""
    c = {f: 0 for f in FIELDS}
    for r in recs:
        g = r["gold"]
        authors = [a for a in g.get("author") or [] if a.get("family") or a.get("literal")]
        c["author"] += bool(authors)
        c["author-item"] += len(authors)
        c["year"] += bool(re.search(r"\b(1[5-9]\d\d|20\d\d)\b",
                                    str(((g.get("issued") or {}).get("date-parts") or [[""]])[0][0])))
        for k in ("title", "container-title", "volume", "issue", "page", "DOI"):
            c[k] += has(g, k)
    return c


rc, header, rows, last, lines = table(seeds)
t.eq(rc, 0, "eval corpus/seeds.jsonl: exit 0")
t.eq(header, f"{'field':16} {'prec':>6} {'recall':>6} {'f1':>6} {'expected':>8}",
     "eval: header line")
exp = expected_counts(records)
want_fields = [f for f in FIELDS if exp[f]]
t.eq([l.split(" ")[0] for l in lines[1:-1]], want_fields,
     "eval: one line per field with gold values, in the scorer's order")


def row_text(name, r):
    """The scorer's row format: f"{field:16} {p:6.3f} {r:6.3f} {f1:6.3f} {n:8d}"."""
    return f"{name:16} {r[0]:6.3f} {r[1]:6.3f} {r[2]:6.3f} {r[3]:8d}"


bad_rows = [l for l in lines[1:-1] if not ROW.match(l) or row_text(l.split(" ")[0], rows[l.split(" ")[0]]) != l]
t.ok(lines[1:-1] and not bad_rows, "eval: field lines are '%-16s %6.3f %6.3f %6.3f %8d'",
     diag="\n".join(bad_rows))
t.eq({f: rows[f][3] for f in rows}, {f: exp[f] for f in want_fields},
     "eval: 'expected' column counts the gold values")
t.ok(last is not None, "eval: last line 'references N  macro-F1 x  all-fields-correct y'",
     diag=lines[-1] if lines else "(no output)")
if last:
    t.eq(int(last.group(1)), len(records), "eval: references N counts the gold records")
    macro = sum(r[2] for r in rows.values()) / len(rows) if rows else -1
    t.ok(abs(float(last.group(2)) - macro) <= 0.0015,
         "eval: macro-F1 is the mean of the f1 column", diag=f"{last.group(2)} vs {macro:.4f}")
    # corpus-seeds passes exactly, so every normalized field matches as well
    t.eq((last.group(2), last.group(3)), ("1.000", "1.000"), "eval seeds: all correct")

# a small gold file with known scores: 4 seed records, one gold title made wrong
small = [dict(r) for r in records[:4]]
small[1] = json.loads(json.dumps(small[1]))
small[1]["gold"]["title"] = "A title the parser cannot produce"
sp = os.path.join(tmp.name, "small.jsonl")
with open(sp, "w", encoding="utf-8") as f:
    f.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in small))
    f.write("\n")  # a blank line is not a record
rc, header, rows, last, lines = table(sp)
t.eq(rows.get("title"), (0.75, 0.75, 0.75, 4), "eval small: title 3 of 4 -> 0.750 0.750 0.750 4")
t.eq(last.group(1, 3) if last else None, ("4", "0.750"),
     "eval small: references 4, all-fields-correct 0.750")
e = run([EXE, "eval", "--json", sp])
try:
    js = json.loads(e.stdout)
except ValueError:
    js = {}
t.eq((js.get("n"), js.get("fields", {}).get("title", {}).get("correct"),
      js.get("fields", {}).get("title", {}).get("predicted"), js.get("instance_accuracy")),
     (4, 3, 4, 0.75), "eval --json: n, title correct/predicted, instance_accuracy")
p = run([EXE, "eval", "--errors", "5", sp])
t.ok(p.returncode == 0 and b"gold='a title the parser cannot produce'" in p.stderr,
     "eval --errors 5: the wrong title is shown on stderr", diag=p.stderr.decode()[:500])

bad = os.path.join(tmp.name, "bad.jsonl")
with open(bad, "w") as f:
    f.write(json.dumps(records[0]) + "\nnot json\n")
t.eq(run([EXE, "eval", bad]).returncode, 1, "eval on a malformed gold file: exit 1")

tmp.cleanup()
sys.exit(t.done())
