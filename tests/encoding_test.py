#!/usr/bin/env python3
"""encoding_test.py: input bytes that JSON Lines cannot carry (TAP).

usage: encoding_test.py REFPARSE

Text lines in Windows-1252 (no valid UTF-8 sequence above ASCII, every high
byte assigned in Windows-1252, one a common accented letter not followed by
a byte of UTF-8's continuation range, or a common sign after ASCII) are read as
Windows-1252 with an `encoding` warning per run of such bytes; a UTF-8 line
with a stray byte keeps its UTF-8 and gets U+FFFD with `invalid-utf8`.
Each case: the exact `refparse normalize` text, and the exact warnings of
`refparse parse` (code, offset, length, message) for the repaired bytes.

`--encoding NAME`: input in a named charset is decoded before it is read,
in every input mode (text lines, `--input jsonl`, `--input list`, and the
file formats of `parse --to`). Each charset: the exact fields of one
reference written in it, no warning in the record, and output byte for byte
the same as from the UTF-8 input, also for a stream of more than 64 KiB
(characters split between reads). An unknown name is a usage error.
"""
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Tap  # noqa: E402

EXE = sys.argv[1]

CASES = [
    # (raw bytes, normalize text, [(code, offset, length, message)] of the
    #  encoding-related warnings, in order)
    (b"M\xfcller H. \xdcber Tests. J Test. 2001;3:1-4.",
     "Müller H. Über Tests. J Test. 2001;3:1-4.",
     [("encoding", 1, 1, "\\xFC -> ü"), ("encoding", 10, 1, "\\xDC -> Ü")]),
    (b"Garc\xeda P, N\xfa\xf1ez C. Chagas en Espa\xf1a. Rev Esp Salud. 2010;84:1-9.",
     "García P, Núñez C. Chagas en España. Rev Esp Salud. 2010;84:1-9.",
     [("encoding", 4, 1, "\\xED -> í"), ("encoding", 11, 2, "\\xFA\\xF1 -> úñ"),
      ("encoding", 33, 1, "\\xF1 -> ñ")]),
    # Windows-1252's own range 0x80..0x9F: curly quotes and an en dash
    (b"Lef\xe8vre A. \x93Les \xe9toiles\x94. Rev Astron. 1990;12:1\x9620.",
     "Lefèvre A. “Les étoiles”. Rev Astron. 1990;12:1-20.",
     [("encoding", 3, 1, "\\xE8 -> è"), ("encoding", 11, 1, "\\x93 -> “"),
      ("encoding", 16, 1, "\\xE9 -> é"), ("encoding", 23, 1, "\\x94 -> ”"),
      ("encoding", 47, 1, "\\x96 -> –")]),
    # UTF-8 text with one stray byte stays UTF-8
    (b"M\xc3\xbcller H. Tests \xff. J Test. 2001;3:1-4.",
     "Müller H. Tests \ufffd. J Test. 2001;3:1-4.",
     [("invalid-utf8", 17, 1, "invalid UTF-8 replaced by U+FFFD")]),
    # a common sign after an ASCII byte reads as Windows-1252 too
    (b"Smith J. Costs \x80 100. J Econ. 2001;3:1-4.",
     "Smith J. Costs \u20ac 100. J Econ. 2001;3:1-4.",
     [("encoding", 15, 1, "\\x80 -> \u20ac")]),
    # letters between spaces, S/Z with caron, the degree sign
    (b"Bo\x9eic M. \xe0 Paris, n\xb01103. Rev. 2001;3:1-4.",
     "Božic M. à Paris, n°1103. Rev. 2001;3:1-4.",
     [("encoding", 2, 1, "\\x9E -> ž"), ("encoding", 9, 1, "\\xE0 -> à"),
      ("encoding", 19, 1, "\\xB0 -> °")]),
    # a UTF-8 lead byte and its continuation range: broken UTF-8, not
    # Windows-1252 ("\xC0\xAF" is an overlong "/")
    (b"Overlong \xc0\xaf slash. J. 2001;2:3.",
     "Overlong \ufffd\ufffd slash. J. 2001;2:3.",
     [("invalid-utf8", 9, 2, "invalid UTF-8 replaced by U+FFFD")]),
    # a capital "Â" between capitals or full stops (an initial), and a
    # spacing accent between ASCII bytes, read as Windows-1252
    (b"Pessoa E\xc2C, Brito E. Acesso aos servicos. Physis. 2015;25:1-9.",
     "Pessoa E\u00c2C, Brito E. Acesso aos servicos. Physis. 2015;25:1-9.",
     [("encoding", 8, 1, "\\xC2 -> \u00c2")]),
    (b"Marini M.\xc2. 2004. Bird flocks. Biol Conserv. 2004;116:19-26.",
     "Marini M.\u00c2. 2004. Bird flocks. Biol Conserv. 2004;116:19-26.",
     [("encoding", 9, 1, "\\xC2 -> \u00c2")]),
    (b"Jing N. Representations of Uq ( \x88 sl (2)). J Algebra. 1996;182:448-68.",
     "Jing N. Representations of Uq ( \u02c6 sl (2)). J Algebra. 1996;182:448-68.",
     [("encoding", 32, 1, "\\x88 -> \u02c6")]),
    # a UTF-8 lead byte before a small letter, a capital and a space, or an
    # accent byte before a full stop: broken UTF-8 still
    (b"M\xc3ller H. Title. J Foo. 2001;2:3.",
     "M\ufffdller H. Title. J Foo. 2001;2:3.",
     [("invalid-utf8", 1, 1, "invalid UTF-8 replaced by U+FFFD")]),
    (b"JOSE\xc3 A. Title. J Foo. 2001;2:3.",
     "JOSE\ufffd A. Title. J Foo. 2001;2:3.",
     [("invalid-utf8", 4, 1, "invalid UTF-8 replaced by U+FFFD")]),
    (b"Smith\x88. Title. J Foo. 2001;2:3.",
     "Smith\ufffd. Title. J Foo. 2001;2:3.",
     [("invalid-utf8", 5, 1, "invalid UTF-8 replaced by U+FFFD")]),
    # 0x81 is unassigned in Windows-1252
    (b"M\xfcller H. Test \x81. J Test. 2001;3:1-4.",
     "M\ufffdller H. Test \ufffd. J Test. 2001;3:1-4.",
     [("invalid-utf8", 1, 1, "invalid UTF-8 replaced by U+FFFD"),
      ("invalid-utf8", 15, 1, "invalid UTF-8 replaced by U+FFFD")]),
]
CODES = ("encoding", "invalid-utf8")


def run(args, data):
    p = subprocess.run([EXE] + args + ["--quiet", "-j", "1"], input=data, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    return p.returncode, p.stdout.decode("utf-8")


t = Tap()
for raw, clean, warns in CASES:
    rc, out = run(["normalize"], raw + b"\n")
    t.eq((rc, out), (0, clean + "\n"), "normalize %r" % raw[:30])
    rc, out = run(["parse"], raw + b"\n")
    got = [(w["code"], w["offset"], w["length"], w["message"])
           for w in json.loads(out).get("custom", {}).get("warnings", []) if w["code"] in CODES]
    t.eq((rc, got), (0, warns), "parse warnings %r" % raw[:30])
# the Müller author survives as a name with its umlaut
rc, out = run(["parse"], CASES[0][0] + b"\n")
rec = json.loads(out)
t.eq((rec.get("author"), rec.get("title")), ([{"family": "Müller", "given": "H."}], "Über Tests"),
     "Windows-1252 line parses to its author and title")

# --encoding NAME: (charset, reference, expected fields but id and custom)
ENCODED = [
    ("windows-1252", "Lefèvre A, Müller H. Les étoiles et l’œuvre. Rev Astron. 1990;12:1–20.",
     {"type": "article-journal",
      "author": [{"family": "Lefèvre", "given": "A."}, {"family": "Müller", "given": "H."}],
      "title": "Les étoiles et l'œuvre", "container-title": "Rev Astron",
      "issued": {"date-parts": [[1990]]}, "volume": "12", "page": "1-20"}),
    ("latin1", "Núñez C, García P. Chagas en España. Rev Esp Salud. 2010;84:1-9.",
     {"type": "article-journal",
      "author": [{"family": "Núñez", "given": "C."}, {"family": "García", "given": "P."}],
      "title": "Chagas en España", "container-title": "Rev Esp Salud",
      "issued": {"date-parts": [[2010]]}, "volume": "84", "page": "1-9"}),
    ("iso-8859-2", "Dvořák A, Łukasiewicz J. Logika i matematyka. Stud Log. 1953;1:55-77.",
     {"type": "article-journal",
      "author": [{"family": "Dvořák", "given": "A."}, {"family": "Łukasiewicz", "given": "J."}],
      "title": "Logika i matematyka", "container-title": "Stud Log",
      "issued": {"date-parts": [[1953]]}, "volume": "1", "page": "55-77"}),
    ("koi8-r", "Пушкин АС, Толстой ЛН. Теория поля. Журнал физики. 1999;12(3):45-67.",
     {"type": "article-journal",
      "author": [{"family": "Пушкин", "given": "А. С."}, {"family": "Толстой", "given": "Л. Н."}],
      "title": "Теория поля", "container-title": "Журнал физики",
      "issued": {"date-parts": [[1999]]}, "volume": "12", "issue": "3", "page": "45-67"}),
    ("shift_jis", "山田太郎, 鈴木花子. 日本語の文献解析. 情報処理. 2005;46(2):123-130.",
     {"type": "article-journal", "author": [{"literal": "山田太郎"}, {"literal": "鈴木花子"}],
      "title": "日本語の文献解析", "container-title": "情報処理",
      "issued": {"date-parts": [[2005]]}, "volume": "46", "issue": "2", "page": "123-130"}),
    ("gb18030", "王小明, 李华. 中文参考文献解析. 计算机学报. 2010;33(4):1-10.",
     {"type": "article-journal", "author": [{"literal": "王小明"}, {"literal": "李华"}],
      "title": "中文参考文献解析", "container-title": "计算机学报",
      "issued": {"date-parts": [[2010]]}, "volume": "33", "issue": "4", "page": "1-10"}),
    ("utf-16le", "Ødegård K, Šimůnek P. Über Grenzen des Wachstums. Nature. 2001;410:1-4.",
     {"type": "article-journal",
      "author": [{"family": "Ødegård", "given": "K."}, {"family": "Šimůnek", "given": "P."}],
      "title": "Über Grenzen des Wachstums", "container-title": "Nature",
      "issued": {"date-parts": [[2001]]}, "volume": "410", "page": "1-4"}),
]


def run_raw(args, data):
    p = subprocess.run([EXE] + args + ["--quiet", "-j", "1"], input=data, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    return p.returncode, p.stdout, p.stderr.decode("utf-8")


def fields(line):
    rec = json.loads(line)
    return {k: v for k, v in rec.items() if k not in ("id", "custom")}, \
        [w for w in rec.get("custom", {}).get("warnings", []) if w["code"] in CODES]


for enc, ref, want in ENCODED:
    data = (ref + "\n").encode(enc)
    assert data != (ref + "\n").encode("utf-8") or enc == "utf-8"
    rc, out, err = run_raw(["parse", "--encoding", enc], data)
    got, warns = fields(out) if rc == 0 else (None, None)
    t.eq((rc, got, warns, err), (0, want, [], ""), "--encoding %s: the reference's fields" % enc)

# every input mode gives the bytes the UTF-8 input gives; the lines hold
# every charset's test reference its charset can carry, and JSON Lines
# escapes nothing (ensure_ascii=False), so the JSON is in the charset too
MODES = [("text", ["parse"]), ("jsonl", ["parse", "--input", "jsonl"]),
         ("list", ["parse", "--input", "list"]), ("normalize", ["normalize"]),
         ("normalize list", ["normalize", "--input", "list"]),
         ("bibtex", ["parse", "--to", "bibtex"])]
for enc, ref, _ in ENCODED:
    refs = [r for _, r, _ in ENCODED if r.encode(enc, "ignore").decode(enc) == r]
    text = "".join(r + "\n" for r in refs)
    jsonl = "".join(json.dumps({"id": "r%d" % i, "raw": r}, ensure_ascii=False) + "\n"
                    for i, r in enumerate(refs))
    for name, args in MODES:
        src = jsonl if name == "jsonl" else text
        want = run_raw(args, src.encode("utf-8"))
        got = run_raw(args + ["--encoding", enc], src.encode(enc))
        t.ok(want[0] == 0 and want[1] and got == want,
             "--encoding %s, %s: output identical to the UTF-8 input's (%d references)"
             % (enc, name, len(refs)), diag="%r\n%r" % (want, got))

# a stream longer than the reads (64 KiB text, 16 KiB raw blocks), also
# in ISO-2022-JP, whose escape sequences switch state for what follows:
# characters and UTF-16 code units fall across read boundaries, a BOM
# (Python's "utf-16" writes one) is dropped; from a file and from stdin
big = "".join("%s %d\n" % (ENCODED[i % 7][1], i) for i in range(2500))
for enc in ("utf-16", "utf-16le", "shift_jis", "gb18030", "iso-2022-jp"):
    src = "".join(line + "\n" for line in big.splitlines()
                  if line.encode(enc, "ignore").decode(enc) == line)
    want = run_raw(["parse"], src.encode("utf-8"))
    got = run_raw(["parse", "--encoding", enc], src.encode(enc))
    with tempfile.NamedTemporaryFile(suffix=".txt") as f:
        f.write(src.encode(enc))
        f.flush()
        got_file = run_raw(["parse", "--input", "list", "--encoding", enc, f.name], b"")
        want_file = run_raw(["parse", "--input", "list"], src.encode("utf-8"))
    t.ok(len(src.encode(enc)) > 65536 and want[0] == 0 and got == want and got_file == want_file,
         "--encoding %s: %d bytes streamed, output identical (stdin lines, file list)"
         % (enc, len(src.encode(enc))))

# bytes that are not valid in the charset: U+FFFD, counted on stderr
rc, out, err = run_raw(["normalize", "--encoding", "shift_jis"], b"Ab \x81\x20 x \xff\n")
t.eq((rc, out.decode("utf-8"), err),
     (0, "Ab \ufffd x \ufffd\n",
      "refparse: <stdin>: 2 byte sequences not valid in shift_jis replaced by U+FFFD\n"),
     "--encoding shift_jis: invalid sequences become U+FFFD, counted on stderr")
# without --encoding, the same Latin-1 bytes still get the Windows-1252
# guess and its warning; with it, the same text and no warning
raw = "Müller H. Über Tests. J Test. 2001;3:1-4.\n".encode("latin1")
g1, g2 = run_raw(["parse"], raw), run_raw(["parse", "--encoding", "latin1"], raw)
t.eq(([w["code"] for w in fields(g1[1])[1]], fields(g2[1])[1], fields(g1[1])[0] == fields(g2[1])[0]),
     (["encoding", "encoding"], [], True), "guessed: encoding warnings; --encoding: none, same fields")

# usage errors
for args, msg in [(["parse", "--encoding", "x"], "refparse: unknown encoding 'x'\n"),
                  (["normalize", "--encoding", ""], "refparse: unknown encoding ''\n"),
                  (["parse", "--encoding"], "refparse: --encoding needs a value (see refparse --help)\n"),
                  (["eval", "--encoding", "latin1", "g.jsonl"],
                   "refparse: --encoding is a parse and normalize option, not for eval "
                   "(see refparse --help)\n")]:
    p = subprocess.run([EXE] + args, input=b"Smith J. T. J. 2001;1:1.\n", stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    t.eq((p.returncode, p.stdout, p.stderr.decode("utf-8")), (2, b"", msg),
         "usage error: %s" % " ".join(args))
sys.exit(t.done())
