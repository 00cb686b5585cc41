#!/usr/bin/env python3
"""damage.py: damaged copies of reference strings, to measure the normalizer.

    python3 bench/damage.py IN.jsonl [IN2.jsonl ...] -o OUT.jsonl [--seed N]
                            [--kinds k1,k2,...] [--max N]

Reads JSON Lines records with a "raw" string (the gold format
{"id","raw","gold"} or anything else with "raw") and writes, for each, one
record

    {"id": ID, "set": "IN.jsonl", "raw": DAMAGED, "orig": RAW,
     "damage": [kinds], "numbered": bool}

where DAMAGED is RAW with one to three of the artefacts below (60 % one,
30 % two, 10 % three, among those that apply to the reference). "numbered" is
true when a numbered list marker was added (the parse then has a
citation-number the original has not). bench/damage_check.py compares the
parses of "orig" and "raw".

Artefacts, as found in references pasted from publisher sites, PDFs and
BibTeX (--kinds picks a subset):

  dup-locator  a Vancouver copy of the locator appended after the original
               locator, whatever the original's style: Vancouver
               "2019;4(1):1-15", PLOS "Genome Biol Evol 4: 136–154",
               Elsevier "412 (2012) 136–154", APA/Harvard "4(1), 136–154" or
               "pp. 136-154", ABNT "v. 4, n. 1, p. 136-154, 2012", IEEE
               "vol. 4, no. 1, pp. 136–154, 2012", physics "4, 136 (2012)";
               the copy in one of the forms full ("2012;4(1):136–154.", the
               last page maybe abbreviated "136–54"), first page only
               ("2012;4:136."), no issue ("2012;4:136-54."), year only
               ("2012."), "Vol Page 2012;4:136." (and "4:1. 2012" after
               Vancouver), placed right after the locator or after a DOI or
               URL that follows it (year only: where a full stop or bracket
               ends what comes before). With gold, the original must carry the
               gold volume and first page (so the copy agrees with it). The
               output record names it: "dup": "STYLE/FORM" ("+id" when an
               identifier stands between)
  punct        a doubled comma ("Abramson,, S.") or period ("disease.. J")
  bracket      a doubled closing bracket ("(Noisy-le-Grand))")
  quote        straight quotes made curly ("O’Brien", “Title”, ‘Title’) or
               an apostrophe printed as a prime or acute ("O′Brien", "O´Brien")
  dash         the hyphens of number ranges as –, —, −, ‐, ‒, "--" or " – "
  tag          HTML inline tags: <i>Journal</i>, <em>, <b>volume</b>
  entity       HTML entities: &amp; &eacute; &#246; &#xE9; &ndash; &#8217; &nbsp;
  latex        LaTeX escapes: {\\"o} \\'e \\'{\\i} \\c{c} \\v{s} {\\aa} {\\o} {\\ss} \\&
  diacritic    accents detached as spacing marks, after their letter as in
               "Lo¨tvall" or before it as TeX-made PDFs print them ("Jos´e",
               "Garc´ıa" with a dotless i)
  tex-accent   every accent before its letter as pdftotext writes a TeX-made
               PDF: acute ´, grave `, circumflex ˆ, tilde ˜ or ASCII ~
               ("S~ao"), diaeresis ¨, cedilla ¸, caron ˇ, breve ˘, ring ˚,
               double acute ˝, macron ¯, dot ˙; i under an accent dotless
  ligature     typographic ligatures ﬁ ﬂ ﬀ ﬃ ﬄ for fi fl ff ffi ffl (not in
               DOIs and URLs)
  nfd          the whole string in NFD (decomposed accents)
  mojibake     the whole string's UTF-8 read as Windows-1252 ("LÃ¶tvall")
  space        no-break, thin, narrow and en spaces, zero-width spaces and
               soft hyphens inside words, a BOM, a doubled space, a tab
  marker       a list marker or number in front: "• ", "· ", "▪ ", "- ",
               "* ", "12. ", "[12] ", "12) ", "(12) ", "12 "
  cp1252       the whole line in Windows-1252 bytes, for text input only:
               JSON cannot hold the bytes, so "raw" keeps the (otherwise
               damaged) text and the record says "encoding": "cp1252";
               damage_check writes such lines as bytes and parses them (and
               their originals) with --input text. Only lines with a letter
               above ASCII that Windows-1252 can encode

Deterministic: each record's damage comes from random.Random("SEED:ID:N"),
so the same input and seed always give the same bytes, whatever the order or
number of input files. Python 3 standard library only.
"""
import argparse
import json
import os
import random
import re
import sys
import unicodedata

SEED = 20240611
KINDS = ["dup-locator", "punct", "bracket", "quote", "dash", "tag", "entity", "latex",
         "diacritic", "tex-accent", "ligature", "nfd", "mojibake", "space", "marker", "cp1252"]
# kinds that re-encode the accented letters: one at most per copy
ENCODINGS = {"entity", "latex", "diacritic", "tex-accent", "nfd", "mojibake", "cp1252"}

DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2212"
LOC = re.compile(r"((?:19|20)\d\d)(?: [A-Z][a-z]{2}(?: \d{1,2})?)?\s?;\s?(\d+)"
                 r"(?:\s?\(([^()]{1,12})\))?\s?:\s?([A-Za-z]?\d+)"
                 r"(?:\s?(?:--|[" + DASHES + r"])\s?([A-Za-z]?\d+))?(?![\w" + DASHES + r"])\.?")
RANGE = re.compile(r"(?<=\d)(?:-|\u2013)(?=[A-Za-z]?\d)")
MARKER = re.compile(r"^\s*(?:[\u2022\u00b7\u25aa*\-\u2013]\s|\[\d+[a-z]?\]|\(\d+\)\s|\d+[.)]?\s)")

SPACING = {0x308: "\u00a8", 0x301: "\u00b4", 0x300: "`", 0x302: "\u02c6", 0x303: "\u02dc",
           0x327: "\u00b8", 0x30C: "\u02c7", 0x306: "\u02d8", 0x30A: "\u02da", 0x304: "\u00af",
           0x30B: "\u02dd", 0x307: "\u02d9", 0x328: "\u02db"}
LATEX_ACC = {0x308: '"', 0x301: "'", 0x300: "`", 0x302: "^", 0x303: "~", 0x327: "c",
             0x30C: "v", 0x306: "u", 0x30A: "r", 0x304: "=", 0x30B: "H", 0x307: ".", 0x328: "k"}
LATEX_LETTERS = {"ß": "{\\ss}", "æ": "{\\ae}", "Æ": "{\\AE}", "ø": "{\\o}", "Ø": "{\\O}",
                 "å": "{\\aa}", "Å": "{\\AA}", "ł": "{\\l}", "Ł": "{\\L}", "œ": "{\\oe}"}
NAMED = {"é": "eacute", "è": "egrave", "ê": "ecirc", "ë": "euml", "á": "aacute", "à": "agrave",
         "â": "acirc", "ä": "auml", "ã": "atilde", "å": "aring", "í": "iacute", "ï": "iuml",
         "ó": "oacute", "ô": "ocirc", "ö": "ouml", "õ": "otilde", "ú": "uacute", "ü": "uuml",
         "ñ": "ntilde", "ç": "ccedil", "ß": "szlig", "ø": "oslash", "É": "Eacute",
         "Ö": "Ouml", "Ü": "Uuml", "Å": "Aring", "\u2013": "ndash", "\u2014": "mdash",
         "\u2019": "rsquo", "\u2018": "lsquo", "\u201c": "ldquo", "\u201d": "rdquo"}


def split_accent(c):
    """(base, mark) when c is a letter plus one accent, else None."""
    d = unicodedata.normalize("NFD", c)
    if len(d) == 2 and d[0].isascii() and d[0].isalpha() and ord(d[1]) in SPACING:
        return d[0], ord(d[1])
    return None


# ---- the artefacts: each returns the damaged string, or None when it does not apply

# ---- dup-locator: a Vancouver copy appended after the original locator

# the original locator, by style; each pattern names v (volume), i (issue),
# p1, p2 (pages) and y (year) where the style prints them
_PG = r"(?P<p1>[A-Za-z]?\d+)(?:\s?(?:--|[" + DASHES + r"])\s?(?P<p2>[A-Za-z]?\d+))?"
_Y = r"(?P<y>(?:1[6-9]|20)\d\d)[a-z]?"
_V = r"(?<![\w.:;(/-])(?P<v>\d+)(?:\s?\((?P<i>[\w/-]{1,12})\))?"
STYLES = [
    ("vancouver", re.compile(_Y + r"(?: [A-Z][a-z]{2}(?: \d{1,2})?)?\s?;\s?(?P<v>\d+)"
                             r"(?:\s?\((?P<i>[^()]{1,12})\))?\s?:\s?" + _PG + r"(?![\w" + DASHES + r"])")),
    ("ieee", re.compile(r"\bvol\.\s?(?P<v>\d+)(?:,\s?no\.\s?(?P<i>[\w/-]{1,12}))?,\s?pp?\.\s?" + _PG +
                        r",\s?(?:[A-Z][a-z]{2,3}\.?(?:[-/][A-Z][a-z]{2,3}\.?)?\s(?:\d{1,2},?\s)?)?" + _Y)),
    ("abnt", re.compile(r"\bv\.\s?(?P<v>\d+),\s?(?:n\.\s?(?P<i>[\w/-]{1,12}),\s?)?p\.\s?" + _PG +
                        r",\s?(?:[a-z]{3,4}\.?(?:/[a-z]{3,4}\.?)?\s)?" + _Y)),
    ("physics", re.compile(_V + r",\s" + _PG + r"\s\(" + _Y + r"\)")),
    ("elsevier", re.compile(_V + r"\s\(" + _Y + r"\)\s" + _PG + r"(?![\w" + DASHES + r"])")),
    ("plos", re.compile(_V + r":\s?" + _PG + r"(?![\w" + DASHES + r"])")),
    ("apa", re.compile(_V + r",\s(?:pp?\.\s?)?" + _PG + r"(?![\w" + DASHES + r"])")),
]
# an identifier that may stand between the original and the copy
IDENT = re.compile(r"(?i)(?:\bdoi\s?:?\s?|https?://|\bwww\.)\S+|\b10\.\d{4,9}/\S+")
# a page count's unit after a number ("95 p."): the number is no locator end
PAGE_UNIT = re.compile(r"\s?(?:pp?|pages)\b\.?")
DUP_FORMS = ["full", "first-page", "no-issue", "year-only", "vol-page"]


def _gold_year(rec):
    gold = rec.get("gold") if isinstance(rec.get("gold"), dict) else {}
    try:
        return str(gold["issued"]["date-parts"][0][0])
    except (KeyError, IndexError, TypeError):
        return None


def find_locator(s, rec):
    """(style, match, year) of the original locator: the first match that
    agrees with the gold volume and first page when the record has gold."""
    gold = rec.get("gold") if isinstance(rec.get("gold"), dict) else None
    for style, rx in STYLES:
        for m in rx.finditer(s):
            g = m.groupdict()
            if PAGE_UNIT.match(s, m.end()):
                continue  # "8(12), 95 p.": 95 counts pages, the locator goes on
            if gold is not None:
                gv, gp = gold.get("volume"), gold.get("page")
                if not gv or not gp:
                    return None  # a copy needs both; the parse of the original has them
                if str(gv) != g["v"]:
                    continue
                if re.split(r"\s?[-\u2013]\s?", str(gp))[0].lower() != g["p1"].lower():
                    continue
            y = _gold_year(rec) or g.get("y")
            if not y:
                m2 = re.search(r"\b((?:1[6-9]|20)\d\d)\b", s)
                y = m2.group(1) if m2 else None
            if not y or not re.fullmatch(r"\d{4}", y):
                continue
            return style, m, y
    return None


def dup_sites(s, m):
    """Where a copy may go: right after the locator (and its full stop) when
    white space or the end follows, and after an identifier that follows it."""
    e = m.end()
    if s[e:e + 1] == "." and not s[e + 1:e + 2].strip():
        e += 1
    sites = []
    if not s[e:e + 1].strip():
        sites.append(("", e))
    d = IDENT.search(s, e)
    if d and not s[d.end():d.end() + 1].strip():
        sites.append(("+id", d.end()))
    return sites


def medline(p1, p2):
    """'231', '237' -> '7' (the MEDLINE abbreviated last page)."""
    if p1.isdigit() and p2.isdigit() and len(p1) == len(p2):
        k = 0
        while k < len(p1) - 1 and p1[k] == p2[k]:
            k += 1
        return p2[k:]
    return p2


def dup_copy(rng, form, style, g, y):
    v, i, p1, p2 = g["v"], g.get("i"), g["p1"], g.get("p2")
    dash = rng.choice(["\u2013", "-"])
    if form == "full":
        last = medline(p1, p2) if p2 and rng.random() < 0.5 else p2
        return f"{y};{v}" + (f"({i})" if i else "") + f":{p1}" + (f"{dash}{last}" if p2 else "") + "."
    if form == "first-page":
        return f"{y};{v}" + (f"({i})" if i and rng.random() < 0.3 else "") + f":{p1}."
    if form == "no-issue":
        if not p2:
            return f"{y};{v}:{p1}."
        return f"{y};{v}:{p1}{dash}{medline(p1, p2) if rng.random() < 0.6 else p2}."
    if form == "year-only":
        return f"{y}."
    if form == "vol-page":
        return f"Vol Page {y};{v}" + (f"({i})" if i and rng.random() < 0.3 else "") + f":{p1}."
    if form == "vol-issue":  # "13:2. 2017", seen after Vancouver locators
        return f"{v}:{i}. {y}"
    raise ValueError(form)


def t_dup(rng, s, rec):
    """A Vancouver copy of the locator ("2012;4(1):136-154.", "2012;4:136.",
    "2012;4:136-54.", "2012.", "Vol Page 2012;4:136.") after the original, in
    any style, or after a DOI or URL that follows it. rec['_dup'] names
    'STYLE/FORM' (with '+id' when an identifier stands between)."""
    found = find_locator(s, rec)
    if not found:
        return None
    style, m, y = found
    sites = dup_sites(s, m)
    if not sites:
        return None
    g = m.groupdict()
    forms = list(DUP_FORMS)
    if style == "vancouver" and g.get("i"):
        forms.append("vol-issue")
    where, at = rng.choice(sites)
    if s[at - 1:at] not in (".", ")"):
        forms.remove("year-only")  # "27-47 1988." would be ambiguous to a reader too
    form = rng.choice(forms)
    frag = dup_copy(rng, form, style, g, y)
    rec["_dup"] = f"{style}/{form}{where}"
    return s[:at] + " " + frag + s[at:]


def t_punct(rng, s, rec):
    commas = [m.start() for m in re.finditer(r", ", s)]
    periods = [m.start() for m in re.finditer(r"(?<=[a-z]{3})\. (?=[A-Z])", s)]
    if not commas and not periods:
        return None
    if commas and (not periods or rng.random() < 0.7):
        k = rng.choice(commas)
        return s[:k] + "," + s[k:]
    k = rng.choice(periods)
    return s[:k] + "." + s[k:]


def t_bracket(rng, s, rec):
    pos = [i for i, c in enumerate(s) if c in ")]"]
    if not pos:
        return None
    k = rng.choice(pos)
    return s[:k + 1] + s[k] + s[k + 1:]


def t_quote(rng, s, rec):
    out, changed = s, False
    if re.search(r"(?<=[A-Za-z])'(?=[A-Za-z])", out):
        q = rng.choices(["\u2019", "\u2032", "\u00b4"], [8, 1, 1])[0]
        out = re.sub(r"(?<=[A-Za-z])'(?=[A-Za-z])", q, out)
        changed = True
    if out.count('"') >= 2 and out.count('"') % 2 == 0:
        parts = out.split('"')
        out = parts[0] + "".join(("\u201c" if k % 2 else "\u201d") + p
                                 for k, p in enumerate(parts[1:], 1))
        changed = True
    m = re.search(r"(?<![A-Za-z])'([^']{8,}?)'(?![A-Za-z])", out)
    if m:
        out = out[:m.start()] + "\u2018" + m.group(1) + "\u2019" + out[m.end():]
        changed = True
    return out if changed else None


def ranges(s):
    """Positions of the hyphens or en dashes of number ranges ("664-668",
    "e264–e277", "2010-2015"), not those inside a DOI, URL, ISBN or ISSN."""
    out = []
    for tok in re.finditer(r"\S+", s):
        w = tok.group(0)
        if "/" in w or w.lower().startswith(("doi", "http", "www", "10.")) or \
                re.search(r"(?i)isbn|issn", s[max(0, tok.start() - 6):tok.start()]):
            continue
        out.extend(tok.start() + m.start() for m in RANGE.finditer(w))
    return out


def sub_at(s, positions, rep):
    for k in sorted(positions, reverse=True):
        s = s[:k] + rep + s[k + 1:]
    return s


def t_dash(rng, s, rec):
    pos = ranges(s)
    if not pos:
        return None
    d = rng.choices(["\u2013", "\u2014", "\u2212", "\u2010", "\u2012", "--", " \u2013 ", " - "],
                    [6, 2, 1, 1, 1, 2, 2, 1])[0]
    return sub_at(s, pos, d)


def t_tag(rng, s, rec):
    gold = rec.get("gold") if isinstance(rec.get("gold"), dict) else {}
    for key, tag in (("container-title", "i"), ("title", "i")):
        v = gold.get(key)
        if isinstance(v, str) and len(v) > 3 and v in s:
            t = rng.choice([tag, "em", "i"])
            k = s.index(v)
            return s[:k] + f"<{t}>" + v + f"</{t}>" + s[k + len(v):]
    v = gold.get("volume")
    if isinstance(v, str) and re.search(rf"(?<![\d])({re.escape(v)})(?!\d)", s):
        m = re.search(rf"(?<![\d])({re.escape(v)})(?!\d)", s)
        return s[:m.start()] + "<b>" + v + "</b>" + s[m.end():]
    words = list(re.finditer(r"[A-Za-z]{3,}(?: [A-Za-z]{3,}){1,2}", s))
    if not words:
        return None
    m = rng.choice(words)
    return s[:m.start()] + "<i>" + m.group(0) + "</i>" + s[m.end():]


def t_entity(rng, s, rec):
    out = []
    hit = False
    for c in s:
        if c == "&":
            out.append("&amp;")
            hit = True
        elif ord(c) > 127 and (split_accent(c) or c in NAMED or unicodedata.category(c)[0] == "L"):
            form = rng.random()
            if c in NAMED and form < 0.4:
                out.append(f"&{NAMED[c]};")
            elif form < 0.7:
                out.append(f"&#{ord(c)};")
            else:
                out.append(f"&#x{ord(c):X};")
            hit = True
        else:
            out.append(c)
    s2 = "".join(out)
    if hit:
        return s2
    pos = ranges(s)
    if pos:
        return sub_at(s, pos[:1], rng.choice(["&ndash;", "&#8211;"]))
    m = re.search(r"(?<=[A-Za-z]) (?=[A-Z])", s)
    if m:
        return s[:m.start()] + "&nbsp;" + s[m.end():]
    return None


def t_latex(rng, s, rec):
    out, hit = [], False
    for c in s:
        sa = split_accent(c)
        if c in LATEX_LETTERS:
            out.append(LATEX_LETTERS[c])
            hit = True
        elif sa:
            base, mark = sa
            acc = LATEX_ACC[mark]
            if base in "ij" and mark in (0x301, 0x300, 0x302, 0x308):
                base = "\\" + base
            if base.startswith("\\"):  # dotless i: \'{\i} or {\'\i}
                forms = ["\\" + acc + "{" + base + "}", "{\\" + acc + base + "}"]
            elif acc.isalpha():  # \c{c} or {\c c}
                forms = ["\\" + acc + "{" + base + "}", "{\\" + acc + " " + base + "}"]
            else:  # {\"o}, \"{o} or \"o
                forms = ["{\\" + acc + base + "}", "\\" + acc + "{" + base + "}", "\\" + acc + base]
            out.append(rng.choice(forms))
            hit = True
        elif c in "&%" and not "".join(out).endswith("\\"):
            out.append("\\" + c)
            hit = True
        else:
            out.append(c)
    return "".join(out) if hit else None


def t_diacritic(rng, s, rec):
    before = rng.random() < 0.5  # TeX-made PDFs print the accent first
    out, hit = [], False
    for c in s:
        sa = split_accent(c)
        if sa:
            base, mark = sa
            sp = SPACING[mark]
            if before:
                out.append(sp + ("\u0131" if base == "i" else base))
            else:
                out.append(base + sp)
            hit = True
        else:
            out.append(c)
    return "".join(out) if hit else None


def t_nfd(rng, s, rec):
    d = unicodedata.normalize("NFD", s)
    return d if d != s else None


def t_mojibake(rng, s, rec):
    if s.isascii():
        return None
    out = []
    for b in s.encode("utf-8"):
        try:
            out.append(bytes([b]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(b))  # the five bytes cp1252 leaves undefined: C1 controls
    return "".join(out)


def t_space(rng, s, rec):
    ops = rng.sample(["nbsp", "odd", "zw", "shy", "bom", "double", "tab"], rng.choice([1, 1, 2]))
    out = s
    for op in ops:
        spaces = [m.start() for m in re.finditer(" ", out)]
        if op == "nbsp" and spaces:
            for k in rng.sample(spaces, min(len(spaces), rng.randint(1, 3))):
                out = out[:k] + "\u00a0" + out[k + 1:]
        elif op == "odd" and spaces:
            k = rng.choice(spaces)
            out = out[:k] + rng.choice(["\u2009", "\u202f", "\u2002", "\u3000"]) + out[k + 1:]
        elif op in ("zw", "shy"):
            # a plain word, not the name of an entity or a tag
            words = [m for m in re.finditer(r"(?<![&#<\\/A-Za-z])[A-Za-z]{6,}(?![;>A-Za-z])", out)]
            if words:
                m = rng.choice(words)
                k = m.start() + rng.randint(2, len(m.group(0)) - 2)
                out = out[:k] + ("\u200b" if op == "zw" else "\u00ad") + out[k:]
        elif op == "bom":
            out = "\ufeff" + out
        elif op == "double" and spaces:
            k = rng.choice(spaces)
            out = out[:k] + "  " + out[k + 1:]
        elif op == "tab" and spaces:
            k = rng.choice(spaces)
            out = out[:k] + "\t" + out[k + 1:]
    return out if out != s else None


# pdftotext on a TeX-made PDF: the accent as a spacing mark before its letter
# ("Educa\u00b8c~ao", "Sch\u00a8afer", "\u02daAngstr\u00a8om", "Garc\u00b4\u0131a" with a dotless i)
TEX_BEFORE = {0x301: "\u00b4", 0x300: "`", 0x302: "\u02c6", 0x303: "\u02dc", 0x308: "\u00a8",
              0x327: "\u00b8", 0x30C: "\u02c7", 0x306: "\u02d8", 0x30A: "\u02da", 0x30B: "\u02dd",
              0x304: "\u00af", 0x307: "\u02d9"}
DOTLESS = {0x301, 0x300, 0x302, 0x303, 0x308, 0x306, 0x304}


def t_tex_accent(rng, s, rec):
    tilde = rng.choice(["~", "\u02dc"])  # pdftotext writes either, a whole document alike
    out, hit = [], False
    for c in s:
        sa = split_accent(c)
        if sa and sa[1] in TEX_BEFORE:
            base, mark = sa
            sp = tilde if mark == 0x303 else TEX_BEFORE[mark]
            out.append(sp + ("\u0131" if base == "i" and mark in DOTLESS else base))
            hit = True
        else:
            out.append(c)
    return "".join(out) if hit else None


LIGATURES = [("ffi", "\ufb03"), ("ffl", "\ufb04"), ("ff", "\ufb00"), ("fi", "\ufb01"), ("fl", "\ufb02")]
LIG_RX = re.compile("ffi|ffl|ff|fi|fl")


def t_ligature(rng, s, rec):
    """Typographic ligatures as a PDF's text layer gives them, in every word
    but identifiers (DOIs and URLs are set in a font without them)."""
    lig = dict(LIGATURES)
    out, hit = [], False
    for tok in re.split(r"(\s+)", s):
        if re.match(r"(?i)(?:doi|https?:|www\.|10\.\d)", tok) or "/" in tok or "@" in tok:
            out.append(tok)
            continue
        t2 = LIG_RX.sub(lambda m: lig[m.group(0)], tok)
        hit |= t2 != tok
        out.append(t2)
    return "".join(out) if hit else None


def t_cp1252(rng, s, rec):
    """The whole line in Windows-1252 bytes (text input only). The string is
    not changed here: the record gets "encoding": "cp1252" and damage_check
    feeds its bytes as a text line. Applies to a line with a letter above
    ASCII that Windows-1252 can encode."""
    if s.isascii() or "\n" in s or "\r" in s:
        return None
    try:
        s.encode("cp1252")
    except UnicodeEncodeError:
        return None
    if not any(ord(c) > 127 and c.isalpha() for c in s):
        return None
    rec["_encoding"] = "cp1252"
    return s


def t_marker(rng, s, rec):
    if MARKER.match(s) or not s[:1].strip():
        return None
    n = rng.randint(1, 150)
    forms = ["\u2022 ", "\u00b7 ", "\u25aa ", "- ", "* ", f"{n}. ", f"[{n}] ", f"{n}) ", f"({n}) "]
    if s[:1].isupper() and not s[:1].isdigit():
        forms.append(f"{n} ")
    m = rng.choice(forms)
    rec["_numbered"] = any(ch.isdigit() for ch in m)
    return m + s


APPLY = {"dup-locator": t_dup, "punct": t_punct, "bracket": t_bracket, "quote": t_quote,
         "dash": t_dash, "tag": t_tag, "entity": t_entity, "latex": t_latex,
         "diacritic": t_diacritic, "nfd": t_nfd, "mojibake": t_mojibake, "space": t_space,
         "marker": t_marker, "tex-accent": t_tex_accent, "ligature": t_ligature,
         "cp1252": t_cp1252}


def damage(rec, seed, kinds, attempt=0):
    """(damaged string, applied kinds, numbered) for one record."""
    raw = rec["raw"]
    rng = random.Random(f"{seed}:{rec.get('id')}:{attempt}")
    want = rng.choices([1, 2, 3], [6, 3, 1])[0]
    # which kinds apply: try each on a scratch generator
    ok = [k for k in kinds if APPLY[k](random.Random(0), raw, dict(rec)) is not None]
    rng.shuffle(ok)
    chosen = []
    for k in ok:
        if len(chosen) == want:
            break
        if k in ENCODINGS and any(c in ENCODINGS for c in chosen):
            continue
        chosen.append(k)
    s = raw
    applied = []
    work = dict(rec)
    for k in KINDS:  # a fixed order: content first, encodings, then spaces and markers
        if k in chosen:  # (cp1252 last: it re-encodes the finished line)
            out = APPLY[k](rng, s, work)
            if out is not None and (out != s or k == "cp1252"):
                s = out
                applied.append(k)
    extra = {}
    if "dup-locator" in applied:
        extra["dup"] = work["_dup"]
    if "cp1252" in applied:
        extra["encoding"] = "cp1252"
    return s, applied, bool(work.get("_numbered")) and "marker" in applied, extra


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--kinds", default=",".join(KINDS))
    ap.add_argument("--max", type=int, default=0, help="at most N records per input file")
    a = ap.parse_args()
    kinds = [k for k in a.kinds.split(",") if k]
    bad = [k for k in kinds if k not in APPLY]
    if bad:
        ap.error(f"unknown kinds: {bad}")
    n = 0
    with open(a.output, "w", encoding="utf-8") as out:
        for path in a.inputs:
            name = os.path.basename(path)
            with open(path, encoding="utf-8") as f:
                taken = 0
                for lineno, line in enumerate(f, 1):
                    if not line.strip():
                        continue
                    rec = json.loads(line)
                    if not isinstance(rec.get("raw"), str) or not rec["raw"].strip():
                        continue
                    rec.setdefault("id", f"{name}:{lineno}")
                    s, applied, numbered, extra = damage(rec, a.seed, kinds)
                    if not applied:
                        continue
                    o = {"id": rec["id"], "set": name, "raw": s, "orig": rec["raw"],
                         "damage": applied, "numbered": numbered}
                    o.update(extra)
                    out.write(json.dumps(o, ensure_ascii=False) + "\n")
                    n += 1
                    taken += 1
                    if a.max and taken >= a.max:
                        break
    print(f"damage.py: {n} damaged references -> {a.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
