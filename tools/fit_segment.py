#!/usr/bin/env python3
"""Fit the weights of the title/container segmenter (lib/segment_weights.h).

usage: tools/fit_segment.py SEG_DUMP [GOLD_DIR] [--corpus DIR] [-o FILE]
                            [--loso] [--margin M]

SEG_DUMP is the built tools/seg_dump (`ninja -C build tools/seg_dump`);
GOLD_DIR (default ../shared/gold) holds *.dev.jsonl gold files ({"id",
"raw","gold":{CSL-JSON}} a line); --corpus (default corpus/) adds the
project's own corpus/*.jsonl as one more source, "corpus".

1. Every raw reference goes through seg_dump, which prints, for each one
   that reaches the default of the title stage (lib/stage_title.c), the
   candidate cut points (sentence stops) with the text left of each (the
   title it would give) and the features of lib/segment.h.
2. Label: where the gold title ends, the first candidate whose left text
   ends with the gold title (compared casefolded, letters and digits
   only: text the names stage left before the title does not matter). A
   reference with no such candidate (its gold title ends elsewhere, or it
   has none) is not used; one with a single candidate carries no choice.
3. Model: a linear score per candidate, softmax over a reference's
   candidates (a ranking loss), L2 penalty L2, fitted by Newton's method
   from zero weights: deterministic (nothing is random; no seed needed),
   the same weights for the same dump on every machine. Weights are
   rounded to 6 decimals and every figure is computed with the rounded
   weights. Stdlib only (no numpy).
4. Prints the boundary accuracy (share of labelled references whose
   chosen candidate is the label) per source: today's rule (the last
   stop), the fitted scorer in sample, and the scorer applied with the
   margin policy of lib/segment.c (an earlier stop only when it beats the
   last one by --margin). With --loso, also the same figures with the
   weights fitted without that source (leave one source out).

With -o the header is written (weights fitted on every source).
"""
import glob
import json
import math
import os
import subprocess
import sys
import unicodedata

from fit_confidence import solve  # Gaussian elimination (the Hessian is positive definite)

L2 = 1.0
ITERS = 30


def norm(s):
    return "".join(ch for ch in unicodedata.normalize("NFC", s).casefold() if ch.isalnum())


def load_sources(gold_dir, corpus_dir):
    sources = []
    for path in sorted(glob.glob(os.path.join(gold_dir, "*.dev.jsonl"))):
        name = os.path.basename(path)[: -len(".dev.jsonl")]
        sources.append((name, [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]))
    if corpus_dir:
        recs = []
        for path in sorted(glob.glob(os.path.join(corpus_dir, "*.jsonl"))):
            recs += [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
        sources.append(("corpus", recs))
    return sources


def dump(exe, recs):
    inp = "".join(r["raw"].replace("\n", " ").replace("\r", " ") + "\n" for r in recs)
    out = subprocess.run([exe], input=inp.encode("utf-8"), stdout=subprocess.PIPE, check=True).stdout
    lines = out.decode("utf-8", "replace").split("\n")
    names = json.loads(lines[0])["features"]
    rows = [json.loads(l) for l in lines[1 : 1 + len(recs)]]
    if len(rows) != len(recs):
        raise SystemExit("seg_dump: one output line per reference expected")
    return names, rows


def examples(recs, rows):
    """(candidate feature vectors, label index) for every labelled reference."""
    ex, unlabelled = [], 0
    for rec, row in zip(recs, rows):
        cands = row.get("cands")
        if not cands:
            continue
        title = rec.get("gold", {}).get("title")
        lab = None
        if isinstance(title, str):
            t = norm(title)
            for k, c in enumerate(cands):
                if t and norm(c["left"]).endswith(t):
                    lab = k
                    break
        if lab is None:
            unlabelled += 1
            continue
        ex.append(([c["f"] for c in cands], lab))
    return ex, unlabelled


def scores(w, X):
    return [sum(wj for wj, xj in zip(w, x) if xj) for x in X]


def fit(ex, nf):
    """Softmax ranking, L2-penalised, Newton from zero weights."""
    w = [0.0] * nf
    data = [(X, y) for X, y in ex if len(X) > 1]
    for _ in range(ITERS):
        g = [L2 * wj for wj in w]
        H = [[(L2 if i == j else 0.0) for j in range(nf)] for i in range(nf)]
        for X, y in data:
            s = scores(w, X)
            m = max(s)
            e = [math.exp(v - m) for v in s]
            z = sum(e)
            p = [v / z for v in e]
            mu = [sum(p[k] * X[k][j] for k in range(len(X))) for j in range(nf)]
            for j in range(nf):
                g[j] += mu[j] - X[y][j]
            for k in range(len(X)):
                if p[k] < 1e-12:
                    continue
                idx = [j for j in range(nf) if X[k][j]]
                for i in idx:
                    row = H[i]
                    for j in idx:
                        row[j] += p[k]
            act = [j for j in range(nf) if mu[j]]
            for i in act:
                row = H[i]
                for j in act:
                    row[j] -= mu[i] * mu[j]
        step = solve(H, g)
        w = [wj - sj for wj, sj in zip(w, step)]
        if max(abs(sj) for sj in step) < 1e-9:
            break
    return [round(wj, 6) if abs(wj) >= 5e-7 else 0.0 for wj in w]


def choose(w, X, margin):
    """The index lib/segment.c's rpi_seg_cut picks (the rightmost on a tie)."""
    s = scores(w, X)
    best = 0
    for k in range(1, len(s)):
        if s[k] >= s[best]:
            best = k
    last = len(X) - 1
    if best == last or margin is None:
        return best
    return best if s[best] - s[last] >= margin else last


def accuracy(ex, pick):
    if not ex:
        return float("nan")
    return sum(1 for X, y in ex if pick(X) == y) / len(ex)


def header(w, names, margin, counts, cmd):
    lines = [
        "/* lib/segment_weights.h: GENERATED by tools/fit_segment.py; do not edit.",
        " * Refit after a change to the features (lib/segment.c) or the stages before",
        " * the title stage:",
        " *   " + cmd,
        " * Fitted on " + ", ".join(f"{n} ({c})" for n, c in counts) + " labelled references",
        " * (name: references with a label; see docs/segment.md). Softmax over a",
        " * reference's candidate cuts, L2 " + f"{L2:g}" + ", Newton from zero weights. */",
        "#ifndef RP_SEGMENT_WEIGHTS_H",
        "#define RP_SEGMENT_WEIGHTS_H",
        "",
        "/* an earlier stop replaces the last one when it scores this much more */",
        f"#define RPI_SEG_MARGIN {margin:g}",
        "",
        f'_Static_assert(RPI_SEG_NFEAT == {len(names)}, "made for other features: refit (tools/fit_segment.py)");',
        "",
        "static const double rpi_seg_weights[RPI_SEG_NFEAT] = {",
    ]
    for n, v in zip(names, w):
        lines.append(f"    {v: .6f}, /* {n} */")
    lines += ["};", "", "#endif", ""]
    return "\n".join(lines)


def main(argv):
    args = argv[1:]
    out = None
    loso = False
    margin = 1.0
    corpus = "corpus"
    pos = []
    i = 0
    while i < len(args):
        a = args[i]
        if a == "-o":
            out = args[i + 1]
            i += 2
        elif a == "--loso":
            loso = True
            i += 1
        elif a == "--margin":
            margin = float(args[i + 1])
            i += 2
        elif a == "--corpus":
            corpus = args[i + 1] or None
            i += 2
        else:
            pos.append(a)
            i += 1
    if not pos:
        raise SystemExit(__doc__)
    exe = pos[0]
    gold = pos[1] if len(pos) > 1 else "../shared/gold"
    sources = load_sources(gold, corpus)
    per = []
    names = None
    for name, recs in sources:
        names, rows = dump(exe, recs)
        ex, unl = examples(recs, rows)
        per.append((name, ex, unl, sum(1 for r in rows if r.get("cands"))))
    nf = len(names)
    allex = [e for _, ex, _, _ in per for e in ex]
    w = fit(allex, nf)
    last = lambda X: len(X) - 1
    print(f"{'source':16} {'default':>7} {'label':>6} {'choice':>6}  {'rule':>6} {'fit-in':>6} "
          f"{'in+m':>6}" + (f" {'loso':>6} {'loso+m':>6}" if loso else ""))
    tot = {"n": 0, "rule": 0, "in": 0, "inm": 0, "lo": 0, "lom": 0}
    for name, ex, unl, nd in per:
        choice = [e for e in ex if len(e[0]) > 1]
        r = accuracy(ex, last)
        fi = accuracy(ex, lambda X: choose(w, X, None))
        fm = accuracy(ex, lambda X: choose(w, X, margin))
        line = f"{name:16} {nd:7d} {len(ex):6d} {len(choice):6d}  {r:6.3f} {fi:6.3f} {fm:6.3f}"
        tot["n"] += len(ex)
        tot["rule"] += r * len(ex)
        tot["in"] += fi * len(ex)
        tot["inm"] += fm * len(ex)
        if loso:
            wo = fit([e for n2, ex2, _, _ in per if n2 != name for e in ex2], nf)
            lo = accuracy(ex, lambda X: choose(wo, X, None))
            lm = accuracy(ex, lambda X: choose(wo, X, margin))
            tot["lo"] += lo * len(ex)
            tot["lom"] += lm * len(ex)
            line += f" {lo:6.3f} {lm:6.3f}"
        print(line)
    n = tot["n"] or 1
    line = f"{'all':16} {sum(p[3] for p in per):7d} {tot['n']:6d} " \
           f"{sum(1 for e in allex if len(e[0]) > 1):6d}  {tot['rule'] / n:6.3f} {tot['in'] / n:6.3f} {tot['inm'] / n:6.3f}"
    if loso:
        line += f" {tot['lo'] / n:6.3f} {tot['lom'] / n:6.3f}"
    print(line)
    print("weights: " + ", ".join(f"{a}={b:g}" for a, b in zip(names, w)))
    if out:
        cmd = "python3 tools/fit_segment.py build/tools/seg_dump ../shared/gold"
        if margin != 1.0:
            cmd += f" --margin {margin:g}"
        cmd += " -o lib/segment_weights.h"
        with open(out, "w", encoding="utf-8") as f:
            f.write(header(w, names, margin, [(p[0], len(p[1])) for p in per], cmd))


if __name__ == "__main__":
    main(sys.argv)
