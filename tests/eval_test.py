#!/usr/bin/env python3
"""eval_test.py: `refparse eval GOLD` (TAP).

usage: eval_test.py REFPARSE SOURCE_ROOT

1. When SOURCE_ROOT/../shared/gold exists (a developer checkout; not in CI):
   for each *.dev.jsonl, the score table `refparse eval GOLD` prints (all
   before the reliability table) must be byte-for-byte what
   `python3 ../shared/tools/score.py GOLD PRED` prints, PRED being
   `refparse parse --input jsonl GOLD`; the --json numbers must agree too;
   and the same with `--fields` type,publisher,publisher-place,edition,
   editor,URL,ISBN. Then the calibration guard: pooled over the sets, every
   confidence bucket holding 50 or more references has a share
   all-fields-correct within 0.07 of its mean confidence (when a parser
   change breaks it, refit: README.md, "Confidence"), and
   `tools/fit_confidence.py --check` (the fit's features are the library's).
   Otherwise one "ok # SKIP ../shared not present" for each.
2. Always: the table format on corpus/seeds.jsonl (header, one line per
   field, "references N  macro-F1 x  all-fields-correct y"), expected counts
   taken from the gold file, exact scores on a small gold file with one
   deliberately wrong title, the reliability table on a small gold file with
   known right and wrong records (counts exact, means as the parse output's
   custom.confidence says), and refusals (malformed, no gold). Nothing from
   ../shared is copied here.
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


EXTRA = "type,publisher,publisher-place,edition,editor,URL,ISBN"
TOLERANCE, MIN_BUCKET = 0.07, 50


def scores_part(out):
    """The score table of `refparse eval` text output: everything before the
    blank line that opens the reliability table."""
    return out.split(b"\n\n", 1)[0] + b"\n" if b"\n\n" in out else out


def without_reliability(js):
    js = dict(js)
    js.pop("reliability", None)
    return js


# ---- 1. against the independent scorer ---------------------------------------------
gold_dir = os.path.join(SHARED, "gold")
score_py = os.path.join(SHARED, "tools", "score.py")
if not (os.path.isdir(gold_dir) and os.path.isfile(score_py)):
    t.skip("refparse eval == ../shared/tools/score.py", "../shared not present")
    t.skip("refparse eval --fields == score.py --fields", "../shared not present")
    t.skip("confidence calibrated over the dev sets", "../shared not present")
    t.skip("tools/fit_confidence.py --check", "../shared not present")
else:
    pooled = {}  # bucket "from" -> [references, sum of confidence, correct]
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
        ok = (e.returncode == 0 and s.returncode == 0 and p.returncode == 0
              and scores_part(e.stdout) == s.stdout)
        t.ok(ok, f"{g}: refparse eval output == score.py output",
             diag=f"refparse eval (exit {e.returncode}):\n{e.stdout.decode()}"
                  f"score.py (exit {s.returncode}):\n{s.stdout.decode()}{s.stderr.decode()[-500:]}")
        ej = run([EXE, "eval", "--json", gp])
        sj = run([sys.executable, score_py, gp, pred, "--json"])
        try:
            ejs = json.loads(ej.stdout)
            same = without_reliability(ejs) == json.loads(sj.stdout)
        except ValueError:
            ejs, same = {}, False
        t.ok(same, f"{g}: refparse eval --json numbers == score.py --json",
             diag=f"{ej.stdout.decode()[:600]}\n{sj.stdout.decode()[:600]}")
        for b in ejs.get("reliability", []):
            acc = pooled.setdefault(b["from"], [0, 0.0, 0])
            acc[0] += b["references"]
            acc[1] += b["mean_confidence"] * b["references"]
            acc[2] += round(b["all_fields_correct"] * b["references"])
        e = run([EXE, "eval", "--fields", EXTRA, gp])
        s = run([sys.executable, score_py, gp, pred, "--fields=" + EXTRA])
        t.ok(e.returncode == 0 and scores_part(e.stdout) == s.stdout,
             f"{g}: refparse eval --fields {EXTRA} == score.py --fields",
             diag=f"{e.stdout.decode()}\n{s.stdout.decode()}{s.stderr.decode()[-300:]}")
        ej = run([EXE, "eval", "--json", "--fields=" + EXTRA, gp])
        sj = run([sys.executable, score_py, gp, pred, "--json", "--fields=" + EXTRA])
        try:
            same = without_reliability(json.loads(ej.stdout)) == json.loads(sj.stdout)
        except ValueError:
            same = False
        t.ok(same, f"{g}: refparse eval --json --fields=... numbers == score.py's",
             diag=f"{ej.stdout.decode()[:600]}\n{sj.stdout.decode()[:600]}")
    rows = sorted(pooled.items())
    table_text = "\n".join(f"{lo:.1f}: {n:5d} refs, mean {c / n:.3f}, correct {k / n:.3f}"
                           for lo, (n, c, k) in rows)
    t.ok(sum(n for _, (n, _, _) in rows) == sum(
        sum(1 for l in open(os.path.join(gold_dir, g), encoding="utf-8") if l.strip())
        for g in golds), "reliability tables count every dev reference once")
    bad = [lo for lo, (n, c, k) in rows if n >= MIN_BUCKET and abs(k / n - c / n) > TOLERANCE]
    t.ok(rows and not bad, f"confidence calibrated over the dev sets: every bucket of "
         f"{MIN_BUCKET}+ references within {TOLERANCE} (refit: tools/fit_confidence.py)",
         diag=table_text)
    # the features the fit reads from the output are the ones the library computes
    c = run([sys.executable, os.path.join(ROOT, "tools", "fit_confidence.py"), EXE, gold_dir,
             "--check"])
    t.ok(c.returncode == 0, "tools/fit_confidence.py --check: the library's confidence and "
         "doubts == the shipped model recomputed from the output",
         diag=(c.stdout + c.stderr).decode()[-800:])

# ---- 2. always: format and arithmetic --------------------------------------------------
seeds = os.path.join(ROOT, "corpus", "seeds.jsonl")
with open(seeds, encoding="utf-8") as f:
    records = [json.loads(l) for l in f if l.strip()]

ROW = re.compile(r"^(\S+) +(\d\.\d{3}) +(\d\.\d{3}) +(\d\.\d{3}) +(\d+)$")
LAST = re.compile(r"^references (\d+)  macro-F1 (\d\.\d{3})  all-fields-correct (\d\.\d{3})$")


def table(path):
    """Run eval; return (exit, header, {field: (p, r, f1, expected)}, last match, lines)."""
    e = run([EXE, "eval", path])
    lines = scores_part(e.stdout).decode().split("\n")
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
nogold = os.path.join(tmp.name, "nogold.jsonl")
with open(nogold, "w") as f:
    f.write(json.dumps(records[0]) + "\n" + json.dumps({"id": "x", "raw": records[1]["raw"]}) + "\n")
for extra in ([], ["--fields", EXTRA], ["--json"]):
    e = run([EXE, "eval"] + extra + [nogold])
    t.ok(e.returncode == 1 and b'no "gold" object' in e.stderr and b"nogold.jsonl:2" in e.stderr,
         f"eval {' '.join(extra)} on a record without gold: exit 1, file:line and why",
         diag=f"exit {e.returncode}: {e.stderr.decode()[:300]}")

# ---- the reliability table -----------------------------------------------------------
# 8 seed records (every field right, as corpus-seeds checks), 3 of them with a
# gold title made wrong: 5 right of 8, whatever the confidences are. Chosen
# by their written confidence: one from each bucket first, then the next
# ones, none on a bucket edge (where the unrounded value may fall on either
# side), so that the counts per bucket can be asserted exactly.
seed_conf = [json.loads(l)["custom"]["confidence"] for l in
             run([EXE, "parse", "--quiet", "--input", "jsonl", seeds]).stdout.decode().splitlines()]
inner = [i for i, c in enumerate(seed_conf) if round(c * 100) % 10]
firsts = {}
for i in inner:
    firsts.setdefault(min(int(seed_conf[i] * 10), 9), i)
chosen = sorted(firsts.values())[:8]
chosen += [i for i in inner if i not in chosen][:8 - len(chosen)]
rel = [json.loads(json.dumps(records[i])) for i in sorted(chosen)]
t.eq(len(rel), 8, "reliability: 8 seed records chosen")
for i in (1, 4, 6):
    rel[i]["gold"]["title"] = "A title the parser cannot produce"
rp = os.path.join(tmp.name, "reliability.jsonl")
with open(rp, "w", encoding="utf-8") as f:
    f.write("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rel))
parsed = run([EXE, "parse", "--quiet", "--input", "jsonl", rp])
conf = [json.loads(l)["custom"]["confidence"] for l in parsed.stdout.decode().splitlines()]
t.ok(len(conf) == 8 and all(0 <= c <= 1 for c in conf),
     "parse: custom.confidence in [0, 1] on every record", diag=str(conf))
e = run([EXE, "eval", "--json", rp])
js = json.loads(e.stdout) if e.returncode == 0 else {}
table_rows = js.get("reliability", [])
t.eq(sum(b["references"] for b in table_rows), 8, "reliability --json: 8 references in all")
t.eq(round(sum(b["all_fields_correct"] * b["references"] for b in table_rows)), 5,
     "reliability --json: 5 of them all-fields-correct (3 wrong titles)")
t.ok(all(b["from"] <= b["mean_confidence"] <= b["to"] and round(b["to"] - b["from"], 9) == 0.1
         for b in table_rows) and [b["from"] for b in table_rows] == sorted(
             {b["from"] for b in table_rows}),
     "reliability --json: buckets of 0.1 in order, each mean inside its bucket",
     diag=json.dumps(table_rows))
mean_all = sum(b["mean_confidence"] * b["references"] for b in table_rows) / 8 if table_rows else -1
t.ok(abs(mean_all - sum(conf) / 8) <= 0.0051,
     "reliability: mean confidence == mean of the parse output's custom.confidence",
     diag=f"{mean_all} vs {sum(conf) / 8}")
# exact per bucket when no written confidence sits on a bucket edge (there
# the unrounded value may fall on either side)
right = [i not in (1, 4, 6) for i in range(8)]
if all(round(c * 100) % 10 for c in conf):
    want = {}
    for c, ok in zip(conf, right):
        w = want.setdefault(min(int(c * 10), 9) / 10, [0, 0])
        w[0] += 1
        w[1] += ok
    t.eq({b["from"]: [b["references"], round(b["all_fields_correct"] * b["references"])]
          for b in table_rows}, want, "reliability --json: references and right per bucket")
else:
    t.skip("reliability --json: references and right per bucket", "a confidence on an edge")
e = run([EXE, "eval", rp])
lines = e.stdout.decode().split("\n")
try:
    at = lines.index("")
except ValueError:
    at = len(lines)
t.eq(lines[at + 1] if at + 1 < len(lines) else None,
     f"{'confidence':10} {'references':>10} {'mean':>6} {'all-fields-correct':>18}",
     "reliability text: a blank line, then the header")
want_lines = [f"{b['from']:.1f}-{b['to']:.1f}    {b['references']:10d} {b['mean_confidence']:6.3f} "
              f"{b['all_fields_correct']:18.3f}" for b in table_rows]
t.eq(lines[at + 2:-1], want_lines, "reliability text: one line per bucket, as --json says")
t.eq(lines[-1], "", "reliability text: ends with a newline")

tmp.cleanup()
sys.exit(t.done())
