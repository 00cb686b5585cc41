#!/usr/bin/env python3
"""wrap.py: does `refparse parse --input list` read pasted lists back?

Every dev set (../shared/gold/*.dev.jsonl, its `raw` strings) is printed as
a reference list in three layouts, under a "References" heading:

  numbered  "[n] ", "n. " or "n) " (one style a list), continuation lines
            at the margin or under the text (one choice a list)
  hanging   first line at the margin, continuation lines indented 2-6
  blank     a blank line between references

Each reference is wrapped at a width drawn from 45-90 columns; one break in
five is hyphenated inside a word of letters, before a consonant that a
vowel follows (at least 2 letters before the hyphen and 3 after, as TeX
does; "transfor-mation", "FOU-CHER", never inside "Hans-Peter"). The list goes through `refparse parse --input list`;
a reference counts as read back when exactly one record has its input lines
(custom.lines) and that record has the same fields (all but id and custom)
as `refparse parse` of the unwrapped reference (its marker included).

Columns: "one rec" exactly one record has the reference's lines; "same" and
its fields are those of `refparse parse` (the target); "as line" and they
are those of the unwrapped reference read alone with --input list (the
reader joins nothing inside a line, so the two columns agree unless a
one-line list reads differently from `refparse parse`).

  python3 bench/wrap.py [--refparse build/cli/refparse] [--gold DIR]
                        [--seed 1] [--show N] [--keep DIR]

Prints one row per set and layout; exit 0 (1 when refparse fails). A set
that is missing is skipped; with no gold directory nothing is run.
"""
import argparse
import glob
import json
import os
import random
import subprocess
import sys
import unicodedata

LAYOUTS = ("numbered", "hanging", "blank")
# --flush: also every line at the margin, nothing between references (what
# a PDF viewer often gives)
FLUSH = "flush"


VOWELS = set("aeiouyAEIOUY")


def is_vowel(c):
    base = unicodedata.normalize("NFD", c)[:1]
    return base in VOWELS


def hyphen_split(word, rng):
    """Split a word of letters (trailing punctuation allowed) where a
    hyphenation dictionary might: before a consonant that a vowel follows,
    at least 2 letters before and 3 after. (head + "-", tail) or None."""
    n = 0
    while n < len(word) and word[n].isalpha():
        n += 1
    if n < 5 or any(c.isalnum() or c in "-/" for c in word[n:]):
        return None
    points = [k for k in range(2, n - 2)
              if not is_vowel(word[k]) and is_vowel(word[k + 1])]
    if not points:
        return None
    k = rng.choice(points)
    return word[:k] + "-", word[k:]


def wrap(text, width, rng, first_prefix, indent, owed):
    """Lines of text filled to width; returns the lines (prefix and indent
    included). Breaks go at spaces, or inside a word when owed[0] (the
    hyphenations drawn and not yet placed) allows."""
    words = text.split(" ")
    lines, cur = [], first_prefix
    start = len(first_prefix)  # where the words of the line begin
    for w in words:
        if not w and len(cur) == start:
            continue  # a double space at a break: nothing to carry over
        if len(cur) > start and len(cur) + 1 + len(w) > width:
            # one break in five is hyphenated: a draw that meets a word that
            # cannot be split is carried to the next break
            owed[0] = min(owed[0] + (rng.random() < 0.2), 3)
            split = hyphen_split(w, rng) if owed[0] else None
            if split:
                owed[0] -= 1
                lines.append(cur + " " + split[0])
                cur = " " * indent + split[1]
                start = indent
                continue
            lines.append(cur)
            cur = " " * indent + w
            start = indent
        else:
            cur = cur + " " + w if len(cur) > start else cur + w
    lines.append(cur)
    return lines


def make_list(raws, layout, rng):
    """The list text, and per reference its unwrapped form and line range."""
    out = ["References"]
    refs = []
    style = rng.choice(["[{}] ", "{}. ", "{}) "])
    under = rng.random() < 0.5
    hang = rng.randint(2, 6)
    owed = [0]
    for i, raw in enumerate(raws, 1):
        marker = style.format(i) if layout == "numbered" else ""
        indent = (len(marker) if under else 0) if layout == "numbered" else (
            hang if layout == "hanging" else 0)
        if layout == "blank":
            out.append("")
        lines = wrap(raw, rng.randint(45, 90), rng, marker, indent, owed)
        first = len(out) + 1
        out.extend(lines)
        refs.append((marker + raw, first, len(out)))
    return "\n".join(out) + "\n", refs


def run(refparse, args, data):
    p = subprocess.run([refparse] + args, input=data, capture_output=True)
    if p.returncode != 0:
        sys.exit("refparse %s failed: %s" % (" ".join(args), p.stderr.decode(errors="replace")))
    return [json.loads(l) for l in p.stdout.decode().splitlines() if l.strip()]


def fields(rec):
    return {k: v for k, v in rec.items() if k not in ("id", "custom")}


def row(name, layout, n, one, same, same_alone):
    pct = lambda v: 100.0 * v / max(n, 1)
    print("%-16s %-9s %6d %7.1f%% %7.1f%% %7.1f%%" % (name, layout, n, pct(one), pct(same),
                                                      pct(same_alone)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--refparse", default="build/cli/refparse")
    ap.add_argument("--gold", default=os.path.join(os.path.dirname(__file__), "..", "..",
                                                    "shared", "gold"))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--show", type=int, default=0, help="print N failures per row")
    ap.add_argument("--keep", help="write the generated lists to this folder")
    ap.add_argument("--flush", action="store_true",
                    help="add a fourth layout: no number, no indent, no blank line")
    a = ap.parse_args()
    sets = sorted(glob.glob(os.path.join(a.gold, "*.dev.jsonl")))
    if not sets:
        print("wrap.py: no dev sets under %s: skipped" % a.gold)
        return 0
    print("%-16s %-9s %6s %8s %8s %8s" % ("set", "layout", "refs", "one rec", "same",
                                          "as line"))
    layouts = LAYOUTS + ((FLUSH,) if a.flush else ())
    tot = {l: [0, 0, 0, 0] for l in layouts}
    for path in sets:
        name = os.path.basename(path)[: -len(".dev.jsonl")]
        raws = []
        with open(path, encoding="utf-8") as f:
            for line in f:
                raw = json.loads(line).get("raw")
                if isinstance(raw, str):
                    raw = raw.replace("\r", " ").replace("\n", " ").strip()
                    if raw:
                        raws.append(raw)
        for layout in layouts:
            rng = random.Random("%d/%s/%s" % (a.seed, name, layout))
            text, refs = make_list(raws, layout, rng)
            if a.keep:
                os.makedirs(a.keep, exist_ok=True)
                with open(os.path.join(a.keep, "%s.%s.txt" % (name, layout)), "w",
                          encoding="utf-8") as f:
                    f.write(text)
            got = run(a.refparse, ["parse", "--input", "list", "-"], text.encode())
            jl = "".join(json.dumps({"id": i, "raw": r[0]}) + "\n" for i, r in enumerate(refs))
            want = run(a.refparse, ["parse", "--input", "jsonl", "-"], jl.encode())
            # the same references unwrapped, one a line, through --input list:
            # a one-line list, to tell the reader's joins from the wrapping
            flat = "".join(r[0] + "\n" for r in refs)
            alone = {tuple(r["custom"]["lines"]): fields(r)
                     for r in run(a.refparse, ["parse", "--input", "list", "-"], flat.encode())}
            by_lines = {}
            for rec in got:
                lines = tuple(rec.get("custom", {}).get("lines", ()))
                by_lines.setdefault(lines, []).append(rec)
            one = same = same_alone = 0
            shown = 0
            for k, ((ref, first, last), w) in enumerate(zip(refs, want)):
                recs = by_lines.get((first, last), [])
                if len(recs) == 1:
                    one += 1
                    same_alone += fields(recs[0]) == alone.get((k + 1, k + 1))
                    if fields(recs[0]) == fields(w):
                        same += 1
                        continue
                if shown < a.show:
                    shown += 1
                    print("  lines %d-%d: %s" % (first, last, ref))
                    near = [r for r in got
                            if r.get("custom", {}).get("lines", [0, 0])[0] <= last
                            and r.get("custom", {}).get("lines", [0, 0])[1] >= first]
                    for r in near:
                        print("    got  %s" % json.dumps(fields(r), ensure_ascii=False))
                    print("    want %s" % json.dumps(fields(w), ensure_ascii=False))
            n = len(refs)
            for i, v in enumerate((n, one, same, same_alone)):
                tot[layout][i] += v
            row(name, layout, n, one, same, same_alone)
    for layout in layouts:
        row("all", layout, *tot[layout])
    return 0


if __name__ == "__main__":
    sys.exit(main())
