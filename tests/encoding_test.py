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
"""
import json
import os
import subprocess
import sys

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
sys.exit(t.done())
