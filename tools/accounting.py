#!/usr/bin/env python3
"""Content words of the input that no output field and no warning accounts for.

    tools/accounting.py REFPARSE FILE.jsonl... [--min N] [--show N] [--strict]

Parses each file with `refparse parse --input jsonl` (records with an "id" and
a "raw" reference, as corpus/*.jsonl and ../shared/gold/*.dev.jsonl) and, per
record, lists the content words of the reference that are accounted for by
nothing in the output. Prints, per file, the number of records and how many
have at least N (--min, default 3) such words; --show N prints the first N of
those records with their words.

A content word is a run of letters and digits (Unicode) of at least two
characters that is not a stop word (STOP below: function words of the
languages the corpus holds, the labels a reference carries around its parts
such as "pp", "vol", "doi", "In", "Available from", "et al.", roles and
media such as "Director", "[DVD]", and month names and the days next to
them, since dates are read to the year). A word is accounted for when

  * it is a word of some output field (every string or number in the CSL-JSON
    item outside custom.warnings: title, names, DOI, ...), compared case- and
    accent-insensitively word by word, so normalised fields still count (a
    number with an ordinal or a year's letter, "2nd", "2e", "1993a", by its
    number); or
  * its bytes overlap the span of a warning (custom.warnings offset and
    length, bytes of the input): an `unparsed` warning reports it, a repair
    warning (mojibake, word-repaired, dup-locator...) says it was rewritten.

--strict counts only `unparsed` and `dup-locator` warnings (text reported as
left over, or removed as a copy) as accounting for a word, not the repairs.

The words come from the input as given (not the cleaned text): a word the
cleaner rewrites is covered by the warning of that repair.

tests/accounting_test.py imports unaccounted() and content_words() from here.
Exit status 0 (a measure, not a check).
"""
import argparse
import json
import os
import re
import subprocess
import sys
import unicodedata

WORD = re.compile(r"[^\W_]+")

# Function words (en, fr, de, es, pt, it, nl), reference labels and
# scraping artefacts (link texts such as "[PubMed]"); at least two characters
# (shorter words never count). Lower case, accents removed. Month names come
# from lib/data/months.txt (the parser's own list) when it is there.
STOP = set("""
an and the of in on at to for by with from as or its is be are was were this that these
not but into via per vs versus than upon about under over between through
de la le les des du et en un une au aux sur par pour dans avec ou est
der die das den dem des und im am zum zur von zu fur mit aus bei ein eine einer eines auf oder uber
el los las del al con por para una sin sobre se lo
da do dos das em no na nos nas um uma ao aos com pelo pela
il di della delle dei degli dello gli nel nella per una con
het een van voor op te met viewed
pp pg pgs page pages vol vols volume no nos nr num iss issue ed eds edn edited edition editor editors
hrsg hg herausgegeben erstausgabe aufl bd cap ch chap chapter coord coords dir dirs tr trad trans translated
et al etal doi org http https www url retrieved recuperado retirado obtenido consultado abgerufen accessed acceso
acesso cited online internet available disponible disponivel
epub ahead print pmid pmcid pubmed pubmedcentral isbn issn arxiv dx art preprint inc ltd llc gmbh
st nd rd th er eme dans ligne consulte cura band fasc heft jg tome sous number web col coll collection collana coleccion colecao reihe bde bande edite edites edicion repr reprint reprinted voll volumes volumi tomes tomi tomos place unknown verfugbar unter zuletzt gepruft aufgerufen zugriff orig original originally published work inspire
roc arg jahrgang ano anno publisher stand abruf abrufdatum
article anais sv pags zugriff version
utg udg uppl painos izd teoksessa toim
auflage rev revised anniversary expanded enlarged corrected augm augmentee uberarb uberarbeitete erw erweiterte
aktualisierte durchges durchgesehene neubearb neubearbeitete atual ampl aum corr
urteil urt beschluss beschl vom
producer producers director directors writer writers host narrator composer performer creator
dvd video videorecording film podcast motion picture software program dataset blog post
""".split())
MONTHS = set("""
jan january feb february mar march apr april may jun june jul july aug august
sep sept september oct october nov november dec december spring summer autumn winter
""".split())


def fold(s):
    """Lower case, compatibility forms and accents removed."""
    s = unicodedata.normalize("NFKD", s.casefold())
    return "".join(c for c in s if not unicodedata.combining(c))


_MONTHS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib", "data", "months.txt")
if os.path.exists(_MONTHS):
    with open(_MONTHS, encoding="utf-8") as _f:
        for _l in _f:
            if _l.strip() and not _l.startswith("#"):
                MONTHS.add(fold(_l.split("|")[0].strip()))
STOP |= MONTHS
# Two-word labels whose second word is content elsewhere.
PAIRS = {("pubmed", "central"), ("in", "press")}
# A number with an ordinal or a year's letter ("2nd", "2e", "1993a"): the
# number is what a field holds.
NUMBERED = re.compile(r"(\d+)(?:st|nd|rd|th|er|eme|e|a|b|c|d|o)")


# An arXiv subject class or a link text in brackets after an identifier
# ("arXiv:1012.5412[ hep-ph]", "[astro-ph.GA]", "[INSPIRE]") is a label.
CLASS = re.compile(r"\[\s*(?:[a-z]+(?:\s*-\s*[a-z]+)?(?:\.[A-Za-z]{1,3})?|INSPIRE|ADS)\s*\]")


def class_spans(raw):
    out = []
    for m in CLASS.finditer(raw):
        before = raw[:m.start()].rstrip()
        if re.search(r"[\d\]]$", before) and re.search(r"arxiv|\d{4}\.\d{4,5}", before, re.I):
            a = len(raw[:m.start()].encode("utf-8"))
            out.append((a, a + len(m.group(0).encode("utf-8"))))
    return out


def words(s):
    return WORD.findall(fold(s))


def is_content(w):
    """w: a folded word."""
    return len(w) >= 2 and w not in STOP


def field_strings(item):
    """Every string or number of a CSL-JSON item but its warnings."""
    out = []

    def walk(v, key=None):
        if isinstance(v, dict):
            for k, x in v.items():
                if k in ("warnings", "id"):
                    continue
                walk(x, k)
        elif isinstance(v, list):
            for x in v:
                walk(x, key)
        elif isinstance(v, (str, int, float)) and not isinstance(v, bool):
            out.append(str(v))

    walk(item)
    return out


def content_words(raw):
    """(word, folded parts, byte start, byte end) for each content word of
    raw. A day (one or two digits) next to a month name is not one: dates
    are read to the year."""
    out = []
    ascii_only = raw.isascii()
    ms = list(WORD.finditer(raw))
    fw = [words(m.group(0)) for m in ms]
    for k, m in enumerate(ms):
        f = [w for w in fw[k] if is_content(w)]
        if not f:
            continue
        if k and fw[k - 1] and fw[k] and (fw[k - 1][-1], fw[k][0]) in PAIRS and len(f) == 1:
            continue
        if len(f) == 1 and f[0].isdigit() and len(f[0]) <= 2 and any(
                0 <= j < len(ms) and fw[j] and fw[j][0] in MONTHS for j in (k - 1, k + 1)):
            continue
        if ascii_only:
            a, b = m.start(), m.end()
        else:
            a = len(raw[:m.start()].encode("utf-8"))
            b = a + len(m.group(0).encode("utf-8"))
        out.append((m.group(0), f, a, b))
    return out


def spans(item, strict=False):
    ws = (item.get("custom") or {}).get("warnings") or []
    return [(w["offset"], w["offset"] + w["length"]) for w in ws
            if w.get("length") and (not strict or w["code"] in ("unparsed", "dup-locator"))]


def unaccounted(raw, item, strict=False):
    """The content words of raw (as printed) that item does not account for."""
    have = set()
    for s in field_strings(item):
        have.update(words(s))
    sp = spans(item, strict) + class_spans(raw)
    out = []
    for w, f, a, b in content_words(raw):
        # a number with a leading zero ("03" of "03.11.2021") is its value
        if all(x in have or (NUMBERED.fullmatch(x) and NUMBERED.fullmatch(x).group(1) in have) or
               (x.isdigit() and str(int(x)) in have) for x in f):
            continue
        if any(a <= e and s <= b for s, e in sp):  # touching: "M&uuml;ller"
            continue
        out.append(w)
    return out


def parse(exe, path):
    p = subprocess.run([exe, "parse", "--input", "jsonl", "--quiet", "-j", "2", path],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                       check=True)
    return [json.loads(l) for l in p.stdout.decode("utf-8").splitlines()]


def records(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("refparse")
    ap.add_argument("files", nargs="+")
    ap.add_argument("--min", type=int, default=3)
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--strict", action="store_true")
    a = ap.parse_args()
    print("%-28s %8s %8s" % ("file", "records", ">=%d" % a.min))
    tot = bad = 0
    shown = 0
    for path in a.files:
        recs = records(path)
        outs = parse(a.refparse, path)
        n = 0
        for r, o in zip(recs, outs):
            u = unaccounted(r.get("raw") or "", o, a.strict)
            if len(u) >= a.min:
                n += 1
                if shown < a.show:
                    shown += 1
                    print("  %s: %s\n    %s" % (r.get("id"), " ".join(u), r.get("raw")), file=sys.stderr)
        print("%-28s %8d %8d" % (os.path.basename(path), len(recs), n))
        tot += len(recs)
        bad += n
    print("%-28s %8d %8d" % ("total", tot, bad))
    return 0


if __name__ == "__main__":
    sys.exit(main())
