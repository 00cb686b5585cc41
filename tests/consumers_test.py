#!/usr/bin/env python3
"""consumers_test.py: real consumers read what refparse writes (TAP).

    consumers_test.py REFPARSE ROOT

For every corpus/*.jsonl file, each part skipped cleanly when its tool is
not installed:

  bibutils   `--to bibtex | bib2xml` and `--to ris | ris2xml` (Debian
             bibutils) give one MODS record per input record, in order, and
             keep each record's title, container title, year, volume,
             issue, first and last page, and its authors (count, family
             names or organisation names; "et al." as bibutils' "others");
  pandoc     `pandoc --citeproc` (Debian pandoc) renders the `--to csl-json`
             array with its default style: exit 0, no warning, one
             bibliography entry per item;
  citeproc   citeproc-js (npm `citeproc`, found through NODE_PATH or
             RP_CITEPROC_JS=/path/to/citeproc_commonjs.js) renders the same
             array with a small Vancouver-like style: no error, one entry
             per item;
  styles     the whole corpus as one csl-json array rendered by pandoc and
             citeproc-js with Debian's apa.csl and vancouver.csl
             (citation-style-language-styles): one entry per item, no
             warning, no error.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Tap  # noqa: E402

EXE, ROOT = sys.argv[1], sys.argv[2]
M = "{http://www.loc.gov/mods/v3}"
t = Tap()
tmp = tempfile.mkdtemp(prefix="rp-consumers-")
cdir = os.path.join(ROOT, "corpus")
FILES = sorted(f for f in os.listdir(cdir) if f.endswith(".jsonl"))


def refparse(path, fmt):
    p = subprocess.run([EXE, "parse", "--quiet", "--input", "jsonl", "--to", fmt, path],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=True)
    return p.stdout


def items_of(path):
    """The csl-jsonl items (no 'others' marker) of a corpus file."""
    return [json.loads(l) for l in refparse(path, "csl-jsonl").decode().splitlines()]


def text(e):
    return "".join(e.itertext()).strip() if e is not None else None


def title_of(parent):
    """The first non-empty title among parent's titleInfo elements (bibutils
    files a journal name that looks abbreviated under type="abbreviated"),
    with its subTitle as bibutils split it off ("Title: subtitle")."""
    if parent is None:
        return None
    for e in parent.findall(f"{M}titleInfo"):
        full = text(e.find(f"{M}title"))
        sub = e.find(f"{M}subTitle")
        if sub is not None:
            full = f"{full}: {text(sub)}"
        if full:
            return full
    return None


def mods_view(m):
    """The fields compared, from one MODS record."""
    host = m.find(f"{M}relatedItem[@type='host']")
    names = []
    for n in m.findall(f"{M}name"):
        roles = [text(r) for r in n.findall(f"{M}role/{M}roleTerm")]
        if roles and "author" not in roles:
            continue  # editors, translators
        fam = [text(p) for p in n.findall(f"{M}namePart[@type='family']")]
        whole = " ".join(text(p) for p in n.findall(f"{M}namePart"))
        names.append((" ".join(fam) if fam else whole, whole))
    detail, start, end, date = {}, None, None, None
    for part in (m.find(f"{M}part"), host.find(f"{M}part") if host is not None else None):
        if part is None:
            continue
        for d in part.findall(f"{M}detail"):
            detail.setdefault(d.get("type"), text(d.find(f"{M}number")))
        ext = part.find(f"{M}extent")
        if ext is not None and start is None:
            start, end = text(ext.find(f"{M}start")), text(ext.find(f"{M}end"))
        date = date or text(part.find(f"{M}date"))
    if start is None and detail.get("page"):  # a single page
        start = detail["page"]
    date = text(m.find(f"{M}originInfo/{M}dateIssued")) or date
    return {
        "title": title_of(m),
        "container-title": title_of(host),
        # (an access date alone, RIS's Y2 with no PY, comes back dated "XXXX")
        "year": date[:4] if date and not date.startswith("XXXX") else None,
        "volume": detail.get("volume"),
        # BibTeX's "number" of a proceedings paper stays "number" in MODS
        "issue": detail.get("issue") or detail.get("number"),
        "page": (start, end),
        "author": names,
    }


# types whose container BibTeX and RIS both carry (journal, booktitle, T2)
CONTAINED = {"article-journal", "article", "chapter", "paper-conference"}


def norm(v):
    """What bibutils may change without loss: the typographic apostrophe and
    double quote it makes of "'" and '"' (LaTeX's right quotes), and the
    space before a subtitle's colon it drops when it splits "Title :
    subtitle" and joins it again."""
    v = v.replace("\u2019", "'").replace("\u201d", '"').replace(" :", ":")
    return re.sub(r"([?!]):", r"\1", v)


def same(got, want):
    """got (from MODS) equals want (from CSL-JSON) as bibutils keeps it.
    Names: a personal name by its family name, an organisation (a CSL
    literal, prefixed "=") by all its name parts joined."""
    if isinstance(want, list):
        return len(got) == len(want) and all(
            norm(g[1] if w.startswith("=") else g[0]) == norm(w.lstrip("="))
            for g, w in zip(got, want))
    if isinstance(want, tuple):
        return got == want
    if isinstance(got, str) and isinstance(want, str):
        return norm(got) == norm(want)
    return got == want


def csl_view(item, et_al):
    def name(n):
        if "literal" in n:
            return "=" + n["literal"]
        return " ".join(x for x in (n.get("dropping-particle"), n.get("non-dropping-particle"),
                                    n.get("family")) if x)
    page = item.get("page")
    first, _, last = page.partition("-") if page else (None, "", None)
    authors = [name(n) for n in item.get("author", [])]
    if et_al and item.get("custom", {}).get("et-al") and authors:
        authors.append("=others")  # BibTeX's "and others"
    dp = item.get("issued", {}).get("date-parts", [[None]])[0][0]
    return {
        "title": item.get("title"),
        "container-title": item.get("container-title") if item["type"] in CONTAINED else None,
        "year": str(dp) if dp else None,
        "volume": item.get("volume"),
        # with no issue, the writers put a paper's number, else the number
        # in the series, in BibTeX's number and RIS's IS, which bibutils
        # reads as the issue; an arXiv id (CSL's number with archive
        # "arXiv") is written as the eprint
        "issue": item.get("issue") or (item.get("number") if "archive" not in item else None)
                 or item.get("collection-number"),
        "page": (first, last or None) if page else (None, None),
        "author": authors,
        "type": item["type"],
    }


def compare(name, fmt, tool, items):
    p = subprocess.run([tool], input=refparse(os.path.join(cdir, name), fmt),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        mods = ET.fromstring(p.stdout.decode("utf-8-sig")).findall(f"{M}mods")
    except ET.ParseError as e:
        t.ok(False, f"{name}: {tool} output is MODS XML", diag=str(e))
        return
    if not t.ok(p.returncode == 0 and len(mods) == len(items),
                f"{name}: {fmt} read back by {tool}: {len(items)} records in, {len(mods)} out",
                diag=p.stderr.decode(errors="replace")[-300:]):
        return
    bad, orgs = [], []
    for i, (m, item) in enumerate(zip(mods, items)):
        got, want = mods_view(m), csl_view(item, fmt == "bibtex")
        for k in want:
            if k == "type" or (k == "container-title" and not want[k]):
                continue  # other types' container comes back as series, howpublished...
            if k in ("volume", "issue", "page") and (want["type"] not in CONTAINED or (
                    want["type"] == "article" and not item.get("container-title"))):
                continue  # BibTeX's @book, @phdthesis, @misc (a preprint) have no pages or volume
            if k == "page" and "," in (item.get("page") or ""):
                continue  # a page list ("1, 5-9"): bibutils keeps one range only
            if not same(got[k], want[k]):
                msg = f"record {i + 1} {k}: wrote {want[k]!r}, read {got[k]!r}"
                # RIS has no mark for an organisation or a name without a
                # given name: bibutils reads each as "Given Family", and
                # splits one at " and "
                lone = [n for n in item.get(k, []) if "literal" in n or "given" not in n]
                (orgs if k == "author" and fmt == "ris" and lone else bad).append(msg)
    t.ok(not bad, f"{name}: {tool} keeps authors, title, container, year, volume, issue, pages",
         diag="\n".join(bad[:8]))
    if orgs:
        with t.todo("bibutils reads an organisation in RIS as a person"):
            t.ok(False, f"{name}: {tool} keeps organisations and family-only names",
                 diag="\n".join(orgs[:4]))


# ---- bibutils -----------------------------------------------------------------
for fmt, tool in (("bibtex", "bib2xml"), ("ris", "ris2xml")):
    if not shutil.which(tool):
        t.skip(f"{fmt} read back by {tool}", "bibutils is not installed")
        continue
    for name in FILES:
        compare(name, fmt, tool, items_of(os.path.join(cdir, name)))

# ---- pandoc --citeproc ------------------------------------------------------------
doc = os.path.join(tmp, "doc.md")
with open(doc, "w") as f:
    f.write('---\nnocite: "@*"\n---\n')
pandoc_ok = False
def murry_json():
    """A csl-json file of one reference whose author list ends "et al."."""
    path = os.path.join(tmp, "murry.json")
    with open(path, "wb") as f:
        f.write(subprocess.run(
            [EXE, "parse", "--quiet", "--to", "csl-json"],
            input=b"Murry CE, Soonpaa MH, Reinecke H, et al. Haematopoietic stem cells. "
                  b"Nature. 2004;428(6983):664-8.\n", stdout=subprocess.PIPE).stdout)
    return path


if shutil.which("pandoc"):
    v = subprocess.run(["pandoc", "--version"], stdout=subprocess.PIPE).stdout.decode()
    m = re.match(r"pandoc(?:\.exe)? (\d+)\.(\d+)", v)
    pandoc_ok = bool(m) and (int(m.group(1)), int(m.group(2))) >= (2, 11)  # --citeproc built in
if not pandoc_ok:
    t.skip("pandoc --citeproc renders the csl-json arrays", "pandoc >= 2.11 is not installed")
else:
    for name in FILES:
        path = os.path.join(tmp, name + ".json")
        with open(path, "wb") as f:
            f.write(refparse(os.path.join(cdir, name), "csl-json"))
        n = len(json.load(open(path, encoding="utf-8")))
        p = subprocess.run(["pandoc", doc, "--citeproc", "--bibliography", path, "-t", "html"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        entries = p.stdout.decode().count('class="csl-entry"')
        t.ok(p.returncode == 0 and not p.stderr and entries == n,
             f"{name}: pandoc --citeproc renders {n} entries without a warning",
             diag=f"exit {p.returncode}, {entries} entries\n" + p.stderr.decode(errors="replace")[-500:])
    # et al. as a final {"literal": "et al."}: printed as it is (the default
    # Chicago style puts its "and" before it, as before any last name)
    p = subprocess.run(["pandoc", doc, "--citeproc", "--bibliography", murry_json(), "-t", "plain"],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = " ".join(p.stdout.decode().split())
    t.ok("H. Reinecke, and et al. 2004" in out and "others" not in out,
         "pandoc renders the csl-json 'et al.' marker after the last name", diag=out)

# ---- citeproc-js ------------------------------------------------------------------
STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0" default-locale="en-US">
  <info><title>refparse test</title><id>refparse-test</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography et-al-min="7" et-al-use-first="6">
    <layout suffix=".">
      <group delimiter=". ">
        <names variable="author"><name initialize-with="" name-as-sort-order="all" sort-separator=" " delimiter=", "/><substitute><names variable="editor"/></substitute></names>
        <text variable="title"/>
        <text variable="container-title"/>
        <group delimiter=";"><date variable="issued"><date-part name="year"/></date><text variable="volume"/></group>
        <text variable="page"/>
        <text variable="URL"/>
      </group>
    </layout>
  </bibliography>
</style>"""
LOCALE = """<?xml version="1.0" encoding="utf-8"?>
<locale xmlns="http://purl.org/net/xbiblio/csl" version="1.0" xml:lang="en-US">
  <terms><term name="et-al">et al.</term><term name="and">and</term></terms>
</locale>"""
RENDER = r"""
const fs = require('fs');
const CSL = require(process.env.RP_CITEPROC_JS || 'citeproc');
const [items, style, locale] = process.argv.slice(2).map(f => fs.readFileSync(f, 'utf8'));
const list = JSON.parse(items);
const byId = new Map(list.map(i => [String(i.id), i]));
const sys = {retrieveLocale: () => locale, retrieveItem: id => byId.get(String(id))};
const engine = new CSL.Engine(sys, style);
engine.setOutputFormat('text');
engine.updateItems(list.map(i => String(i.id)));
const [meta, entries] = engine.makeBibliography();
process.stdout.write(JSON.stringify({errors: meta.bibliography_errors.length, entries}));
"""
node = shutil.which("node") or shutil.which("nodejs")
found = node and subprocess.run(
    [node, "-e", "require(process.env.RP_CITEPROC_JS || 'citeproc')"],
    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0
if not found:
    t.skip("citeproc-js renders the csl-json arrays",
           "node or the npm package citeproc (NODE_PATH / RP_CITEPROC_JS) not found")
else:
    files = {}
    for k, v in (("style.csl", STYLE), ("locale.xml", LOCALE), ("render.js", RENDER)):
        files[k] = os.path.join(tmp, k)
        with open(files[k], "w") as f:
            f.write(v)
    for name in FILES:
        path = os.path.join(tmp, name + ".json")
        with open(path, "wb") as f:
            f.write(refparse(os.path.join(cdir, name), "csl-json"))
        n = len(json.load(open(path, encoding="utf-8")))
        p = subprocess.run([node, files["render.js"], path, files["style.csl"], files["locale.xml"]],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            r = json.loads(p.stdout)
        except ValueError:
            r = {"errors": -1, "entries": []}
        t.ok(p.returncode == 0 and r["errors"] == 0 and len(r["entries"]) == n,
             f"{name}: citeproc-js renders {n} entries without an error",
             diag=p.stderr.decode(errors="replace")[-500:])
    # et al. as a final {"literal": "et al."}: after a comma, as a name list
    # the style cut itself would end
    p = subprocess.run([node, files["render.js"], murry_json(), files["style.csl"], files["locale.xml"]],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = p.stdout.decode()
    t.ok("Murry CE, Soonpaa MH, Reinecke H, et al. Haematopoietic" in out and "others" not in out,
         "citeproc-js renders the csl-json 'et al.' marker as 'Reinecke H, et al.'", diag=out)

# ---- the real APA and Vancouver styles over the whole corpus ----------------------
# Debian's citation-style-language-styles read every variable refparse writes
# (editors, accessed dates, genre, number, archive, edition...); the corpus as
# one array must render one entry per item, without a pandoc warning or a
# citeproc-js bibliography error. tests/render_test.py checks the text.
import render_test  # noqa: E402

if not all(os.path.isfile(render_test.style_path(s)) for s in render_test.STYLES):
    t.skip("the corpus rendered with the APA and Vancouver styles",
           f"apa.csl or vancouver.csl not in {render_test.STYLE_DIR} (citation-style-language-styles)")
else:
    allin = os.path.join(tmp, "all.jsonl")
    with open(allin, "wb") as out:
        for name in FILES:
            with open(os.path.join(cdir, name), "rb") as f:
                out.write(f.read())
    allcsl = os.path.join(tmp, "all.json")
    with open(allcsl, "wb") as f:
        f.write(refparse(allin, "csl-json"))
    n = len(json.load(open(allcsl, encoding="utf-8")))
    for renderer, version_of, render in render_test.RENDERERS:
        version, why = version_of()
        if not version:
            t.skip(f"{renderer} renders the corpus with the APA and Vancouver styles", why)
            continue
        for style in render_test.STYLES:
            try:
                entries, err = render(allcsl, style, tmp), ""
            except RuntimeError as e:
                entries, err = [], str(e)
            t.ok(len(entries) == n and not err,
                 f"corpus/*.jsonl as one array: {renderer} renders {n} entries with {style}.csl "
                 "without a warning or an error", diag=f"{len(entries)} entries\n{err}")

shutil.rmtree(tmp, ignore_errors=True)
sys.exit(t.done())
