#!/usr/bin/env python3
"""Fit the confidence model (lib/confidence_weights.h) from annotated sets.

usage: tools/fit_confidence.py REFPARSE [GOLD_DIR] [-o lib/confidence_weights.h]
                               [--loso] [--check]

REFPARSE is a built `refparse`; GOLD_DIR (default ../shared/gold) holds
*.dev.jsonl gold files ({"id","raw","gold":{CSL-JSON}} a line) and
GOLD_DIR/../tools/score.py, the scorer whose definitions are the targets.

1. Every gold file is parsed (`refparse parse --input jsonl`) and each
   record's features are read from its CSL-JSON output: the same features
   lib/stage_confidence.c computes from the result (FEATURES below, in the
   same order), so the model needs nothing the output does not show.
2. Targets, from score.py's own functions: "all fields correct" (no field of
   score.py's default list that the gold has is missing or different) for
   the confidence; for each field of DOUBT_FIELDS, "not wrong" (the gold
   does not have it, or the prediction equals it) for the doubts.
3. L2-penalised logistic regression, fitted by Newton's method from zero
   weights: deterministic, no random state, the same weights for the same
   parses on every machine. Weights are rounded to 6 decimals, and every
   number printed is computed with the rounded weights.
4. Prints the reliability table pooled over the sets (buckets of width
   0.1: references, mean confidence, share all-fields-correct) and, with
   --loso, the same for each set with the model fitted without it.
   --check compares the custom.confidence and custom.doubts the library
   wrote with the values the shipped lib/confidence_weights.h gives when
   recomputed here from the output (the confidence must agree to its
   rounding, the doubts exactly): the C and Python features are the same.

With -o the header is written (only when the pooled table is calibrated:
every bucket of 50 or more references within 0.07 of its mean confidence;
else exit 1 and nothing written). Stdlib only.
"""
import importlib.util
import json
import math
import os
import subprocess
import sys

FEATURES = [
    "bias", "author", "author_log", "et_al", "editor", "title", "container", "year",
    "volume", "issue", "page", "doi", "publisher", "type_journal", "type_book",
    "type_chapter", "type_conference", "unparsed_n", "unparsed_log", "no_title", "limit",
    "dup_conflict", "page_suspect", "name_repaired", "repairs", "title_log", "title_short",
    "title_long", "journal_complete", "title_container",
]
# CSL names of the fields a doubt can name; score.py's field for each
DOUBT_FIELDS = [("author", "author"), ("title", "title"),
                ("container-title", "container-title"), ("issued", "year"),
                ("volume", "volume"), ("issue", "issue"), ("page", "page"), ("DOI", "DOI")]
REPAIRS = {"mojibake", "markup", "encoding", "word-repaired", "punct-repaired", "diacritic",
           "truncated", "invalid-utf8"}
L2 = 3.0           # penalty on every weight but the bias
DOUBT_BELOW = 0.5  # a field is doubted when its "not wrong" model says less
TOLERANCE = 0.07   # calibrated: |share correct - mean confidence| per bucket
MIN_BUCKET = 50
MIN_BLOCK = 200    # references behind each knot of the calibration map


def features(p):
    """The feature vector of one CSL-JSON output record (stage_confidence.c)."""
    c = p.get("custom", {})
    warns = c.get("warnings", [])
    codes = [w["code"] for w in warns]
    na = len(p.get("author", []))
    unparsed = [w for w in warns if w["code"] == "unparsed"]
    ub = sum(w["length"] for w in unparsed)
    title = p.get("title")
    t = p.get("type")
    x = {
        "bias": 1.0, "author": float(na > 0), "author_log": math.log1p(na),
        "et_al": float(bool(c.get("et-al"))), "editor": float(bool(p.get("editor"))),
        "title": float(title is not None), "container": float("container-title" in p),
        "year": float("issued" in p), "volume": float("volume" in p),
        "issue": float("issue" in p), "page": float("page" in p), "doi": float("DOI" in p),
        "publisher": float("publisher" in p), "type_journal": float(t == "article-journal"),
        "type_book": float(t == "book"), "type_chapter": float(t == "chapter"),
        "type_conference": float(t == "paper-conference"),
        "unparsed_n": float(min(len(unparsed), 3)), "unparsed_log": math.log1p(ub),
        "no_title": float("no-title" in codes), "limit": float("limit" in codes),
        "dup_conflict": float("dup-conflict" in codes),
        "page_suspect": float("page-suspect" in codes),
        "name_repaired": float("name-repaired" in codes),
        "repairs": float(min(sum(1 for k in codes if k in REPAIRS), 3)),
        "title_log": math.log1p(len(title)) if title is not None else 0.0,
        "title_short": float(title is not None and len(title) < 15),
        "title_long": float(title is not None and len(title) > 200),
        "journal_complete": float(t == "article-journal" and "container-title" in p
                                  and "volume" in p and "page" in p),
        "title_container": float(title is not None and "container-title" in p),
    }
    return [x[f] for f in FEATURES]


def load_scorer(path):
    spec = importlib.util.spec_from_file_location("score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def targets(score, gold, pred):
    """(all fields correct, [field not wrong for each DOUBT_FIELDS])."""
    ok_all = True
    for f in score.FIELDS:
        if f == "author-item":
            continue
        gv = score.value(gold, f)
        if gv is not None and score.value(pred, f) != gv:
            ok_all = False
    fields = []
    for _, f in DOUBT_FIELDS:
        gv = score.value(gold, f)
        fields.append(gv is None or score.value(pred, f) == gv)
    return ok_all, fields


def sigmoid(z):
    if z >= 0:
        return 1 / (1 + math.exp(-z))
    e = math.exp(z)
    return e / (1 + e)


def dot(w, x):
    return sum(a * b for a, b in zip(w, x))


def solve(a, b):
    """Gaussian elimination with partial pivoting (a is k x k, small)."""
    k = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(k):
        piv = max(range(c, k), key=lambda r: abs(m[r][c]))
        m[c], m[piv] = m[piv], m[c]
        for r in range(c + 1, k):
            f = m[r][c] / m[c][c]
            if f:
                for j in range(c, k + 1):
                    m[r][j] -= f * m[c][j]
    x = [0.0] * k
    for r in range(k - 1, -1, -1):
        x[r] = (m[r][k] - sum(m[r][j] * x[j] for j in range(r + 1, k))) / m[r][r]
    return x


def fit(X, y, iters=30):
    """L2-penalised logistic regression by Newton's method, from zeros."""
    k = len(X[0])
    w = [0.0] * k
    for _ in range(iters):
        g = [0.0] * k
        h = [[0.0] * k for _ in range(k)]
        for x, t in zip(X, y):
            p = sigmoid(dot(w, x))
            d = p - t
            s = p * (1 - p)
            nz = [(i, v) for i, v in enumerate(x) if v]
            for i, v in nz:
                g[i] += d * v
                sv = s * v
                hi = h[i]
                for j, u in nz:
                    hi[j] += sv * u
        for i in range(1, k):
            g[i] += L2 * w[i]
            h[i][i] += L2
        for i in range(k):
            h[i][i] += 1e-9
        step = solve(h, g)
        w = [a - b for a, b in zip(w, step)]
        if max(abs(s) for s in step) < 1e-10:
            break
    return [round(v, 6) for v in w]


def pav_knots(ps, ys):
    """Isotonic calibration of the logistic output: pool-adjacent-violators
    on the scores in order, blocks then merged until each holds MIN_BLOCK
    references; a knot (mean score, share correct) per block."""
    order = sorted(range(len(ps)), key=lambda i: (ps[i], ys[i]))
    blocks = []  # [n, sum p, sum y]
    for i in order:
        blocks.append([1, ps[i], float(ys[i])])
        while len(blocks) > 1 and blocks[-2][2] / blocks[-2][0] >= blocks[-1][2] / blocks[-1][0]:
            n, sp, sy = blocks.pop()
            blocks[-1][0] += n
            blocks[-1][1] += sp
            blocks[-1][2] += sy
    merged = []
    for b in blocks:
        if merged and merged[-1][0] < MIN_BLOCK:
            merged[-1] = [merged[-1][0] + b[0], merged[-1][1] + b[1], merged[-1][2] + b[2]]
        else:
            merged.append(list(b))
    if len(merged) > 1 and merged[-1][0] < MIN_BLOCK:
        n, sp, sy = merged.pop()
        merged[-1] = [merged[-1][0] + n, merged[-1][1] + sp, merged[-1][2] + sy]
    return [(round(sp / n, 6), round(sy / n, 6)) for n, sp, sy in merged]


def calibrate(knots, p):
    """Piecewise-linear through the knots, flat beyond the ends
    (stage_confidence.c does the same)."""
    if p <= knots[0][0]:
        return knots[0][1]
    for (x0, y0), (x1, y1) in zip(knots, knots[1:]):
        if p <= x1:
            return y0 + (y1 - y0) * (p - x0) / (x1 - x0) if x1 > x0 else y1
    return knots[-1][1]


def model(X, y):
    """Weights and calibration knots fitted on (X, y)."""
    w = fit(X, [float(t) for t in y])
    return w, pav_knots([sigmoid(dot(w, x)) for x in X], y)


def predict(m, x):
    return calibrate(m[1], sigmoid(dot(m[0], x)))


def table(ps, ys):
    """Reliability buckets: [(lo, n, mean p, share correct)] for non-empty buckets."""
    b = [[0, 0.0, 0] for _ in range(10)]
    for p, t in zip(ps, ys):
        i = min(int(p * 10), 9)
        b[i][0] += 1
        b[i][1] += p
        b[i][2] += t
    return [(i / 10, n, s / n, c / n) for i, (n, s, c) in enumerate(b) if n]


def calibrated(rows):
    return all(n < MIN_BUCKET or abs(share - mean) <= TOLERANCE for _, n, mean, share in rows)


def show(title, rows, out=sys.stdout):
    print(title, file=out)
    print(f"  {'bucket':9} {'refs':>6} {'mean':>6} {'correct':>7} {'diff':>6}", file=out)
    for lo, n, mean, share in rows:
        flag = "" if n < MIN_BUCKET or abs(share - mean) <= TOLERANCE else "  OUT"
        print(f"  {lo:.1f}-{lo + 0.1:.1f}   {n:6d} {mean:6.3f} {share:7.3f} {share - mean:+6.3f}{flag}",
              file=out)


def header(m, fw, sets, n):
    w, knots = m
    lines = [
        "/* lib/confidence_weights.h: GENERATED by tools/fit_confidence.py; do not edit.",
        " * Refit after any parser change: python3 tools/fit_confidence.py build/cli/refparse",
        " * ../shared/gold -o lib/confidence_weights.h",
        f" * Fitted on {n} references: {', '.join(sets)}.",
        " * Logistic models over the features of stage_confidence.c: the first for",
        " * \"all fields correct\", then one per doubted field for \"not wrong\". */",
        "#ifndef RP_CONFIDENCE_WEIGHTS_H",
        "#define RP_CONFIDENCE_WEIGHTS_H",
        "",
        f"#define RPI_CONF_NFEAT {len(FEATURES)}",
        f"#define RPI_CONF_NFIELD {len(DOUBT_FIELDS)}",
        f"#define RPI_CONF_DOUBT_BELOW {DOUBT_BELOW}",
        "/* the same threshold on the weighted sum: log(t / (1 - t)) */",
        f"#define RPI_CONF_DOUBT_LOGIT {math.log(DOUBT_BELOW / (1 - DOUBT_BELOW)):.17g}",
        f"#define RPI_CONF_NKNOT {len(knots)}",
        "",
        "static const double rpi_conf_weights[RPI_CONF_NFEAT] = {",
    ]
    lines += [f"    {v: .6f}, /* {f} */" for f, v in zip(FEATURES, w)]
    lines += ["};", "", "/* the calibration map: logistic output -> confidence, piecewise linear */",
              "static const double rpi_conf_knots[RPI_CONF_NKNOT][2] = {"]
    lines += [f"    {{{a:.6f}, {b:.6f}}}," for a, b in knots]
    lines += ["};", "", "static const char *const rpi_conf_field_names[RPI_CONF_NFIELD] = {",
              "    " + ", ".join(f'"{c}"' for c, _ in DOUBT_FIELDS) + "};", "",
              "static const double rpi_conf_field_weights[RPI_CONF_NFIELD][RPI_CONF_NFEAT] = {"]
    for (c, _), ws in zip(DOUBT_FIELDS, fw):
        lines.append(f"    /* {c} */")
        lines.append("    {" + ", ".join(f"{v:.6f}" for v in ws) + "},")
    lines += ["};", "", "#endif", ""]
    return "\n".join(lines)


def shipped(path):
    """The model in a header this script wrote: (weights, knots), field weights."""
    import re
    text = open(path, encoding="utf-8").read()
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)

    def numbers(name):
        body = re.search(name + r"\[[^=]*=\s*\{(.*?)\};", text, re.S).group(1)
        return [float(v) for v in re.findall(r"-?\d+\.\d+(?:e-?\d+)?", body)]
    w = numbers("rpi_conf_weights")
    k = numbers("rpi_conf_knots")
    fw = numbers("rpi_conf_field_weights")
    n = len(FEATURES)
    if len(w) != n or len(fw) != n * len(DOUBT_FIELDS):
        raise SystemExit(f"{path}: made for other features; refit")
    return (w, list(zip(k[::2], k[1::2]))), [fw[i:i + n] for i in range(0, len(fw), n)]


def main(argv):
    args = [a for a in argv if not a.startswith("-")]
    out = None
    if "-o" in argv:
        out = argv[argv.index("-o") + 1]
        args.remove(out)
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    exe = args[0]
    gold_dir = args[1] if len(args) > 1 else os.path.join("..", "shared", "gold")
    score = load_scorer(os.path.join(gold_dir, "..", "tools", "score.py"))
    sets = sorted(f for f in os.listdir(gold_dir) if f.endswith(".dev.jsonl"))
    data = {}  # set -> [(x, ok_all, fields_ok, written confidence)]
    for g in sets:
        path = os.path.join(gold_dir, g)
        gold = score.load(path)
        r = subprocess.run([exe, "parse", "--quiet", "--input", "jsonl", "-j", "2", path],
                           stdout=subprocess.PIPE, check=True)
        pred = [json.loads(l) for l in r.stdout.decode().splitlines() if l.strip()]
        by_id = {str(p["id"]): p for p in pred}
        rows = []
        for gr in gold:
            p = by_id.get(str(gr["id"]), {})
            ok, fo = targets(score, gr["gold"], p)
            rows.append((features(p), ok, fo, p.get("custom", {}).get("confidence"),
                         p.get("custom", {}).get("doubts", [])))
        data[g.replace(".dev.jsonl", "")] = rows
    names = list(data)
    allrows = [r for s in names for r in data[s]]
    X = [r[0] for r in allrows]
    m = model(X, [r[1] for r in allrows])
    w = m[0]
    fw = [fit(X, [float(r[2][i]) for r in allrows]) for i in range(len(DOUBT_FIELDS))]
    ps = [predict(m, x) for x in X]
    pooled = table(ps, [r[1] for r in allrows])
    print("weights (all fields correct):")
    for f, v in zip(FEATURES, w):
        print(f"  {f:16} {v: .4f}")
    print("calibration knots (logistic -> confidence): " +
          " ".join(f"{a:.3f}->{b:.3f}" for a, b in m[1]))
    show(f"pooled over {len(names)} sets ({len(X)} references), fitted on all:", pooled)
    for i, (c, _) in enumerate(DOUBT_FIELDS):
        dp = [sigmoid(dot(fw[i], x)) for x in X]
        doubted = [j for j, p in enumerate(dp) if p < DOUBT_BELOW]
        wrong = sum(1 for r in allrows if not r[2][i])
        hit = sum(1 for j in doubted if not allrows[j][2][i])
        print(f"doubt {c:16} doubted {len(doubted):5d}  of them wrong {hit:5d}  "
              f"wrong in all {wrong:5d}")
    if "--loso" in argv:
        agg_p, agg_y = [], []
        for s in names:
            train = [r for t in names if t != s for r in data[t]]
            ms = model([r[0] for r in train], [r[1] for r in train])
            sp = [predict(ms, r[0]) for r in data[s]]
            sy = [r[1] for r in data[s]]
            agg_p += sp
            agg_y += sy
            show(f"leave {s} out ({len(sp)} references), measured on it:", table(sp, sy))
        show("leave-one-source-out, each set measured with the model fitted without it, pooled:",
             table(agg_p, agg_y))
    if "--check" in argv:
        # the library against the model it ships (not the one just fitted,
        # which differs as soon as the parser has changed)
        m, fw = shipped(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib",
                                     "confidence_weights.h"))
        ps = [predict(m, x) for x in X]
        diffs = [abs(r[3] - p) for r, p in zip(allrows, ps) if r[3] is not None]
        worst = max(diffs) if diffs else 1.0
        print(f"check: custom.confidence vs recomputed: {len(diffs)} records, "
              f"largest difference {worst:.4f}")
        # doubts: the library compares the weighted sum with the threshold's logit
        logit = math.log(DOUBT_BELOW / (1 - DOUBT_BELOW))
        other = sum(1 for r in allrows if r[4] != [c for (c, _), ws in zip(DOUBT_FIELDS, fw)
                                                   if dot(ws, r[0]) < logit])
        print(f"check: custom.doubts vs recomputed: {other} records differ")
        if worst > 0.0051 or other:
            return 1
    if out:
        if not calibrated(pooled):
            print("not calibrated: header not written", file=sys.stderr)
            return 1
        with open(out, "w", encoding="utf-8") as f:
            f.write(header(m, fw, names, len(X)))
        print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
