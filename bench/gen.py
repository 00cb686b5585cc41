#!/usr/bin/env python3
"""Generate the benchmark input: N references, one per line (default 1,000,000).

    python3 bench/gen.py [-n N] [-o FILE]     (default bench/data/refs-1m.txt)

Source: every "raw" string in corpus/*.jsonl (all styles: Vancouver, APA,
Harvard, Chicago, MLA, IEEE, ABNT, physics, PLOS, European, types, seeds).
Each output line is one corpus reference with its numbers varied (year,
volume, pages shifted so lines are not all identical) and, with fixed
probabilities, the damage seen in real pasted reference lists:

  dup-locator  "2019;4(1):1." followed by a second "2019;4:1–15." (30%)
  quotes       straight quotes -> curly, or the title wrapped in “…” (15%)
  nbsp         some spaces -> U+00A0 (15%)
  marker       "• ", "[12] ", "12. ", "- ", "(3) " in front (25%)
  mojibake     UTF-8 read as Windows-1252: "Ã¶" (8%, non-ASCII lines)
  diacritic    detached diacritics: "o¨", "e´" (8%, non-ASCII lines)
  entities     "&amp;", "&#8211;", "<i>…</i>" (10%)
  commas       a doubled comma ",," (10%)
  crlf         line ends in CR LF (10%)

Numbers are varied range-aware ("932–9" stays a valid abbreviated range),
and the corpus's own odd spaces (NBSP, thin, ideographic) are kept: only
line breaks inside a raw string become spaces.

Deterministic: random.Random(SEED) with a fixed seed, sorted corpus files,
so the same corpus always gives the same bytes (the sha256 printed at the
end identifies the input; it changes whenever a corpus/*.jsonl file does).
Python 3 stdlib only; about 30 s for 1,000,000 lines.
"""
import argparse
import glob
import hashlib
import json
import os
import random
import re
import unicodedata

SEED = 20240611
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

LOC = re.compile(r"((?:19|20)\d\d)\s*;\s*(\d+)(?:\((\d+)\))?:\s*([A-Za-z]?\d+)(?:[-–](\d+))?")
NUM = re.compile(r"\b(\d{1,4})(?:([-–])(\d{1,4}))?\b")
# refparse's text input ends a record at LF (and strips a CR before it):
# only these must not survive inside one reference
LINEBREAK = re.compile(r"[\r\n]+")


def load_raws():
    raws = []
    for path in sorted(glob.glob(os.path.join(ROOT, "corpus", "*.jsonl"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if not line:
                    continue
                raw = json.loads(line).get("raw")
                if isinstance(raw, str) and raw.strip():
                    # One reference per line: only line breaks become spaces.
                    # (str.split() would also flatten the corpus's own
                    # NBSP, thin and ideographic spaces, i.e. its damage.)
                    raws.append(LINEBREAK.sub(" ", raw).strip(" "))
    return raws


def vary_numbers(s, rng):
    """Shift years by -5..+5 and other small numbers by 0..9 (keeps shape).

    A range "932–9" / "1995-2000" moves as one unit, its abbreviated end
    kept abbreviated, so the variation never turns a good range into an
    inverted one ("941–18")."""
    dy = rng.randint(-5, 5)
    dn = rng.randint(0, 9)

    def shift(t):
        v = int(t)
        if len(t) == 4 and 1900 <= v <= 2099:
            return min(2025, v + dy) - v
        return 0 if t.startswith("0") else dn

    def sub(m):
        a, dash, b = m.group(1), m.group(2), m.group(3)
        d = shift(a)
        na = str(int(a) + d) if d else a
        if b is None:
            return na
        if b.startswith("0") or a.startswith("0"):
            return na + dash + b
        if len(b) < len(a) and int(a[: len(a) - len(b)] + b) >= int(a):
            full = str(int(a[: len(a) - len(b)] + b) + d)  # abbreviated end
            keep = len(na) - len(b)
            nb = full[keep:] if len(full) == len(na) and full[:keep] == na[:keep] else full
        else:
            nb = str(int(b) + (d if len(b) == len(a) or d == dn else shift(b)))
        return na + dash + nb

    # leave DOIs, URLs, ISBN/ISSN and ids alone
    cut = re.search(r"(doi|https?://|ISBN|ISSN|PMID|PMC|arXiv)", s, re.I)
    head, tail = (s[: cut.start()], s[cut.start():]) if cut else (s, "")
    return NUM.sub(sub, head) + tail


def dup_locator(s, rng):
    m = LOC.search(s)
    if m:
        year, vol, iss, first, last = m.groups()
        forms = [f" {year};{vol}:{first}" + (f"–{last}" if last else "") + ".",
                 f" {year};{vol}({iss or 1}):{first}.",
                 f" {year} {vol}:{first}" + (f"-{last}" if last else "") + "."]
        return s[: m.end()] + "." + rng.choice(forms) + s[m.end():].lstrip(".")
    return s.rstrip(".") + ". 2019;4(1):1. 2019;4:1–15."


def curly(s, rng):
    if '"' in s or "'" in s:
        out, open_ = [], True
        for ch in s:
            if ch == '"':
                out.append("“" if open_ else "”")
                open_ = not open_
            elif ch == "'":
                out.append("’")
            else:
                out.append(ch)
        return "".join(out)
    parts = s.split(". ", 2)
    if len(parts) == 3:
        return f"{parts[0]}. “{parts[1]}.” {parts[2]}"
    return s


def nbsp(s, rng):
    return "".join("\u00a0" if c == " " and rng.random() < 0.3 else c for c in s)


def marker(s, rng):
    n = rng.randint(1, 250)
    return rng.choice([f"• {s}", f"[{n}] {s}", f"{n}. {s}", f"- {s}", f"({n}) {s}", f"{n}\t{s}"])


def mojibake(s, rng):
    b = s.encode("utf-8")
    out = []
    for byte in b:
        try:
            out.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(byte))
    return "".join(out)


DETACH = {"\u0308": "\u00a8", "\u0301": "\u00b4", "\u0300": "`", "\u0303": "~", "\u0327": "\u00b8"}


def diacritic(s, rng):
    d = unicodedata.normalize("NFD", s)
    return "".join(DETACH.get(c, c) for c in d)


def entities(s, rng):
    s = s.replace("&", "&amp;", 1).replace("–", "&#8211;")
    parts = s.split(". ")
    if len(parts) > 3:
        parts[2] = f"<i>{parts[2]}</i>"
    return ". ".join(parts)


def commas(s, rng):
    i = s.find(", ")
    return s if i < 0 else s[:i] + ",," + s[i + 1:]


def damage(s, rng):
    if rng.random() < 0.30:
        s = dup_locator(s, rng)
    if rng.random() < 0.15:
        s = curly(s, rng)
    if rng.random() < 0.10:
        s = entities(s, rng)
    nonascii = any(ord(c) > 127 for c in s)
    r = rng.random()
    if nonascii and r < 0.08:
        s = mojibake(s, rng)
    elif nonascii and r < 0.16:
        s = diacritic(s, rng)
    if rng.random() < 0.15:
        s = nbsp(s, rng)
    if rng.random() < 0.10:
        s = commas(s, rng)
    if rng.random() < 0.25:
        s = marker(s, rng)
    return s


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=1_000_000)
    ap.add_argument("-o", default=os.path.join(ROOT, "bench", "data", "refs-1m.txt"))
    a = ap.parse_args()
    raws = load_raws()
    rng = random.Random(SEED)
    os.makedirs(os.path.dirname(os.path.abspath(a.o)), exist_ok=True)
    with open(a.o, "w", encoding="utf-8", newline="") as f:
        for _ in range(a.n):
            s = damage(vary_numbers(rng.choice(raws), rng), rng)
            f.write(s + ("\r\n" if rng.random() < 0.10 else "\n"))
    h = hashlib.sha256()
    with open(a.o, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    print(f"{a.n} references from {len(raws)} corpus strings -> {a.o} "
          f"({os.path.getsize(a.o)} bytes, sha256 {h.hexdigest()})")


if __name__ == "__main__":
    main()
