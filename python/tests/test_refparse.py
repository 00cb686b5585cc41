"""The Python binding (python/refparse) against exact expectations and
against the CLI. Run by tests/run_pytest.py (meson test python) with
PYTHONPATH=<build>/python, REFPARSE_EXE and REFPARSE_ROOT set."""
import json
import os
import subprocess

import pytest

import refparse

EXE = os.environ["REFPARSE_EXE"]
ROOT = os.environ["REFPARSE_ROOT"]
MURRY = ("Murry CE, Soonpaa MH, Reinecke H, et al. Haematopoietic stem cells do not "
         "transdifferentiate into cardiac myocytes in myocardial infarcts. Nature. "
         "2004;428(6983):664\u20138.")
TITLE = ("Haematopoietic stem cells do not transdifferentiate into cardiac myocytes in "
         "myocardial infarcts")


def corpus_files():
    d = os.path.join(ROOT, "corpus")
    return sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(".jsonl"))


def test_parse_exact():
    item = refparse.parse(MURRY)
    assert item["id"] == 1
    assert item["type"] == "article-journal"
    assert item["author"] == [{"family": "Murry", "given": "C. E."},
                              {"family": "Soonpaa", "given": "M. H."},
                              {"family": "Reinecke", "given": "H."}]
    assert item["title"] == TITLE
    assert item["container-title"] == "Nature"
    assert item["issued"] == {"date-parts": [[2004]]}
    assert (item["volume"], item["issue"], item["page"]) == ("428", "6983", "664-668")
    assert item["custom"]["et-al"] is True


def test_parse_warnings_and_spans():
    item = refparse.parse(MURRY, id="m", spans=True)
    assert item["id"] == "m"
    raw = MURRY.encode()
    dash = [w for w in item["custom"]["warnings"] if w["code"] == "dash"]
    assert dash and raw[dash[0]["offset"]:dash[0]["offset"] + dash[0]["length"]] == "\u2013".encode()
    off, n = item["custom"]["spans"]["title"]
    assert raw[off:off + n].decode() == TITLE
    off, n = item["custom"]["spans"]["container-title"]
    assert raw[off:off + n].decode() == "Nature"


def test_parse_options():
    assert "custom" not in refparse.parse(MURRY, custom=False)
    assert refparse.parse(MURRY, et_al_others=True)["author"][-1] == {"literal": "others"}
    caps = refparse.Parser(titlecase_names=True).parse("MURRY CE. Title here. Nature. 2004;1:1-2.")
    assert caps["author"] == [{"family": "Murry", "given": "C. E."}]
    with pytest.raises(TypeError):
        refparse.parse(MURRY, id=1.5)
    with pytest.raises(refparse.RefparseError):
        refparse.Parser(max_length=1)


def test_invalid_utf8_is_repaired_with_a_warning():
    item = refparse.parse(b"Smith J. A \xff title. Nature. 2004;1:1-2.")
    assert "\ufffd" in item["title"]
    assert [w["code"] for w in item["custom"]["warnings"]][:1] == ["invalid-utf8"]


def test_normalize():
    text = "Murry CE,  Soonpaa MH. Title. Nature. 2004;428:664\u20138."
    got = refparse.normalize(text)
    # repaired, not rewritten: the page range is reported, left as printed
    assert got["text"] == "Murry CE, Soonpaa MH. Title. Nature. 2004;428:664-8."
    assert got["warnings"] == [
        {"code": "space", "offset": 9, "length": 2, "message": "repeated spaces collapsed"},
        {"code": "dash", "offset": 50, "length": 3,
         "message": "dash in a number range unified to '-'"},
        {"code": "page-expanded", "offset": 47, "length": 7, "message": "664-8 -> 664-668"}]
    cli = subprocess.run([EXE, "normalize", "--quiet"], input=text.encode() + b"\n",
                         stdout=subprocess.PIPE, check=True).stdout.decode()
    assert cli == got["text"] + "\n"


@pytest.mark.parametrize("path", corpus_files(), ids=os.path.basename)
def test_parse_many_equals_cli(path):
    with open(path, encoding="utf-8") as f:
        recs = [json.loads(l) for l in f if l.strip()]
    cli = subprocess.run([EXE, "parse", "--quiet", "--input", "jsonl", path],
                         stdout=subprocess.PIPE, check=True).stdout.decode().splitlines()
    got = refparse.parse_many([r["raw"] for r in recs], threads=4, ids=[r["id"] for r in recs])
    assert got == [json.loads(l) for l in cli]


def test_parse_many_order_and_threads():
    path = os.path.join(ROOT, "corpus", "apa.jsonl")
    with open(path, encoding="utf-8") as f:
        raws = [json.loads(l)["raw"] for l in f if l.strip()]
    one = refparse.parse_many(raws, threads=1)
    assert refparse.parse_many(raws, threads=8) == one
    assert [x["id"] for x in one] == list(range(1, len(raws) + 1))
    assert one[3] == refparse.parse(raws[3], id=4)
    assert refparse.parse_many([]) == []


@pytest.mark.parametrize("fmt", ["csl-json", "bibtex", "ris", "tsv", "csl-jsonl", "vancouver"])
def test_write_equals_cli(fmt):
    lines = [MURRY, MURRY, "van der Berg J. The cells. Eur Heart J. 2019;40:812-21."]
    cli = subprocess.run([EXE, "parse", "--quiet", "--to", fmt],
                         input="\n".join(lines).encode() + b"\n",
                         stdout=subprocess.PIPE, check=True).stdout.decode()
    assert refparse.write(lines, fmt) == cli


def test_write_bibtex_keys():
    out = refparse.write([MURRY, MURRY], "bibtex")
    assert "@article{murry2004haematopoietic,\n" in out
    assert "@article{murry2004haematopoietica,\n" in out
    with pytest.raises(ValueError):
        refparse.write([MURRY], "xml")


def test_version():
    assert refparse.version() == subprocess.run(
        [EXE, "--version"], stdout=subprocess.PIPE, check=True).stdout.decode().split()[1]
