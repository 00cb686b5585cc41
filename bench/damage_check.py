#!/usr/bin/env python3
"""damage_check.py: does damage change the parse? (the normalizer's measure)

    python3 bench/damage_check.py DAMAGED.jsonl [...] [--refparse EXE]
                                  [--examples N] [--json OUT.json]
    python3 bench/damage_check.py --dev [GOLD_DIR] [--kinds k1,k2] [--seed N]
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
The bar: at least 99.5 % identical. Exit status 0 (a measure, not a test).

Records with "encoding": "cp1252" (damage kind cp1252) are parsed as text
lines: the copy's bytes in Windows-1252, the original in UTF-8, both with
`--input text`. Records with "dup" (kind dup-locator) are also counted per
original style ("dup-locator apa") and per copy form ("dup-locator
/first-page", "+id": after a DOI or URL).

--dev: for every development set GOLD_DIR/*.dev.jsonl (default
../shared/gold beside the repository; nothing to do, exit 0, when there is
none; ../../shared/gold is tried too, for a worktree in ../wt/NAME), makes
with bench/damage.py one copy of every reference per damage kind
that applies to it (that kind alone, the same seed), plus the usual 1-3 kind
mix ("mixed"), parses copies and originals and prints one table: per kind
(and dup-locator per style and form) and per set, the share of copies that
parse to the same fields as their original, with the number of copies.
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


def default_gold():
    """../shared/gold beside the checkout; for a worktree in a folder beside
    it (../wt/NAME), ../../shared/gold."""
    for up in (("..",), ("..", "..")):
        d = os.path.normpath(os.path.join(ROOT, *up, "shared", "gold"))
        if os.path.isdir(d):
            return d
    return os.path.normpath(os.path.join(ROOT, "..", "shared", "gold"))


def run_parse(exe, args, data, n):
    p = subprocess.run([exe, "parse", "--quiet"] + args, input=data,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=True)
    out = [json.loads(x) for x in p.stdout.decode("utf-8").split("\n")[:-1]]
    if len(out) != n:
        sys.exit(f"damage_check: {len(out)} parses for {n} records")
    return out


def parse(exe, recs, key):
    """Parses of recs[*][key]: JSON Lines, except records with "encoding":
    "cp1252", which go as text lines (the copy in Windows-1252 bytes)."""
    out = [None] * len(recs)
    js = [k for k, r in enumerate(recs) if r.get("encoding") != "cp1252"]
    tx = [k for k, r in enumerate(recs) if r.get("encoding") == "cp1252"]
    if js:
        data = "".join(json.dumps({"id": recs[k]["id"], "raw": recs[k][key]}, ensure_ascii=False) + "\n"
                       for k in js).encode("utf-8")
        for k, item in zip(js, run_parse(exe, ["--input", "jsonl"], data, len(js))):
            out[k] = item
    if tx:
        enc = "cp1252" if key == "raw" else "utf-8"
        data = b"".join(recs[k][key].encode(enc) + b"\n" for k in tx)
        for k, item in zip(tx, run_parse(exe, ["--input", "text"], data, len(tx))):
            out[k] = item
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


def subkinds(r):
    """The kinds a record counts under: its damage kinds, and for dup-locator
    also 'dup-locator STYLE' and 'dup-locator /FORM'."""
    ks = list(r["damage"])
    if r.get("dup"):
        style, form = r["dup"].split("/", 1)
        ks += [f"dup-locator {style}", f"dup-locator /{form}"]
    return ks


def evaluate(exe, recs):
    clean = parse(exe, recs, "orig")
    damaged = parse(exe, recs, "raw")
    st = {"per_set": collections.Counter(), "same_set": collections.Counter(), "typo_same": 0,
          "kind_all": collections.Counter(), "kind_same": collections.Counter(),
          "kind_one": collections.Counter(), "kind_one_same": collections.Counter(),
          "bad": collections.defaultdict(list)}
    for r, c, d in zip(recs, clean, damaged):
        fc, fd = fields(c, r.get("numbered")), fields(d, r.get("numbered"))
        same = fc == fd
        st["typo_same"] += same or typo(fc) == typo(fd)
        st["per_set"][r.get("set", "")] += 1
        st["same_set"][r.get("set", "")] += same
        for k in subkinds(r):
            st["kind_all"][k] += 1
            st["kind_same"][k] += same
            if len(r["damage"]) == 1:
                st["kind_one"][k] += 1
                st["kind_one_same"][k] += same
        if not same:
            diff = sorted(k for k in set(fc) | set(fd) if fc.get(k) != fd.get(k))
            ex = {"id": r["id"], "set": r.get("set"), "damage": r["damage"], "orig": r["orig"],
                  "raw": r["raw"], "dup": r.get("dup"), "encoding": r.get("encoding"),
                  "fields": {k: [fc.get(k), fd.get(k)] for k in diff}}
            for k in r["damage"]:
                st["bad"][k].append(ex)
    return st


def print_examples(bad, n):
    for k in sorted(bad):
        exs = sorted(bad[k], key=lambda e: len(e["damage"]))[:n]
        print(f"   -- {k}: {len(bad[k])} mismatches; examples:")
        for e in exs:
            print(f"      {e['id']} {e['damage']}" + (f" {e['dup']}" if e.get("dup") else "")
                  + (f" ({e['encoding']} bytes)" if e.get("encoding") else ""))
            print(f"        orig {e['orig']}")
            print(f"        raw  {e['raw']!r}")
            for f, (x, y) in e["fields"].items():
                print(f"        {f}: {json.dumps(x, ensure_ascii=False)[:150]}")
                print(f"        {' ' * len(f)}  {json.dumps(y, ensure_ascii=False)[:150]}")


def kind_order(k):
    return (k.split(" ")[0], 0 if " " not in k else 1 if "/" not in k else 2, k)


def files_mode(a, exe):
    report = {}
    for path in a.inputs:
        recs = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
        st = evaluate(exe, recs)
        per_set, same_set = st["per_set"], st["same_set"]
        kind_all, kind_same = st["kind_all"], st["kind_same"]
        kind_one, kind_one_same = st["kind_one"], st["kind_one_same"]
        total, same, typo_same = sum(per_set.values()), sum(same_set.values()), st["typo_same"]
        name = os.path.basename(path)
        print(f"== {name}: {same}/{total} identical = {pct(same, total)}; "
              f"same up to typography {typo_same}/{total} = {pct(typo_same, total)}")
        if len(per_set) > 1:
            for s in sorted(per_set):
                print(f"   {s:28} {same_set[s]:6}/{per_set[s]:<6} {pct(same_set[s], per_set[s])}")
        print(f"   {'kind':28} {'copies':>7} {'identical':>10}   {'alone':>6} {'identical':>10}")
        for k in sorted(kind_all, key=kind_order):
            print(f"   {k:28} {kind_all[k]:7} {pct(kind_same[k], kind_all[k]):>10}   "
                  f"{kind_one[k]:6} {pct(kind_one_same[k], kind_one[k]):>10}")
        if a.examples:
            print_examples(st["bad"], a.examples)
        report[name] = {"total": total, "identical": same, "typography": typo_same,
                        "sets": {s: [same_set[s], per_set[s]] for s in per_set},
                        "kinds": {k: {"copies": kind_all[k], "identical": kind_same[k],
                                      "alone": kind_one[k], "alone_identical": kind_one_same[k]}
                                  for k in kind_all},
                        "mismatches": {k: v for k, v in st["bad"].items()}}
    return report


def dev_mode(a, exe):
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import damage as dmg  # noqa: E402  (bench/damage.py)
    gold_dir = a.dev
    paths = sorted(os.path.join(gold_dir, f) for f in os.listdir(gold_dir)
                   if f.endswith(".dev.jsonl")) if os.path.isdir(gold_dir) else []
    if not paths:
        print(f"damage_check: no development sets (*.dev.jsonl) in {gold_dir}: skipped")
        return {}
    kinds = [k for k in (a.kinds or ",".join(dmg.KINDS)).split(",") if k]
    bad = [k for k in kinds if k not in dmg.APPLY]
    if bad:
        sys.exit(f"damage_check: unknown kinds: {bad}")
    sets, table, report = [], {}, {}
    for path in paths:
        name = os.path.basename(path)[:-len(".dev.jsonl")]
        sets.append(name)
        gold = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
        gold = [g for g in gold if isinstance(g.get("raw"), str) and g["raw"].strip()]
        recs = []
        for runs, ks in [(k, [k]) for k in kinds] + [("mixed", kinds)]:
            for g in gold:
                s, applied, numbered, extra = dmg.damage(g, a.seed, ks)
                if not applied:
                    continue
                r = {"id": g.get("id"), "set": runs, "raw": s, "orig": g["raw"],
                     "damage": applied, "numbered": numbered}
                r.update(extra)
                recs.append(r)
        st = evaluate(exe, recs)
        # one-kind runs: a copy's row is its run's kind (and its dup style and form)
        rows = collections.defaultdict(lambda: [0, 0])
        for k in st["per_set"]:
            rows[k] = [st["same_set"][k], st["per_set"][k]]
        for k in st["kind_one"]:
            if " " in k:  # dup-locator style and form, from the one-kind run only
                rows[k] = [st["kind_one_same"][k], st["kind_one"][k]]
        table[name] = rows
        report[name] = {"rows": {k: v for k, v in rows.items()},
                        "mismatches": dict(st["bad"])}
        if a.examples:
            print(f"== {name}")
            print_examples({k: [e for e in v if len(e["damage"]) == 1]
                            for k, v in st["bad"].items()
                            if any(len(e["damage"]) == 1 for e in v)}, a.examples)
    allrows = sorted({k for t in table.values() for k in t if k != "mixed"}, key=kind_order)
    allrows.append("mixed")
    w = max(len(k) for k in allrows) + 1
    print(f"damage_check --dev {gold_dir}: share of copies that parse to the same fields as"
          f" their original (copies); seed {a.seed}")
    print(f"{'kind':{w}}" + "".join(f" {s[:16]:>17}" for s in sets))
    for k in allrows:
        cells = []
        for s in sets:
            same, n = table[s].get(k, [0, 0])
            cells.append(f"{pct(same, n).strip():>9} ({n:>5})" if n else f"{'-':>17}")
        print(f"{k:{w}}" + "".join(f" {c:>17}" for c in cells))
    return report


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("inputs", nargs="*")
    ap.add_argument("--refparse", default=None)
    ap.add_argument("--examples", type=int, default=3)
    ap.add_argument("--json", default=None, help="also write the figures as JSON")
    ap.add_argument("--dev", nargs="?", default=None,
                    const=default_gold(),
                    help="measure every GOLD_DIR/*.dev.jsonl per damage kind")
    ap.add_argument("--kinds", default=None, help="--dev: the damage kinds (default all)")
    ap.add_argument("--seed", type=int, default=None, help="--dev: damage.py seed")
    a = ap.parse_args()
    exe = a.refparse or find_exe()
    if a.dev is not None:
        if a.seed is None:
            sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
            import damage as dmg  # noqa: E402
            a.seed = dmg.SEED
        report = dev_mode(a, exe)
    elif a.inputs:
        report = files_mode(a, exe)
    else:
        ap.error("give DAMAGED.jsonl files or --dev")
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump(report, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
