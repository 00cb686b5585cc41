#!/usr/bin/env python3
"""(Re)write the hand-picked replay inputs in fuzz/regress/ (committed).

    python3 fuzz/make_regress.py

regress/parse/NAME: 4-byte little-endian RP_OPT_* prefix + text, the
fuzz_parse layout; regress/jsonl/NAME: one JSON Lines record. Hostile shapes
(long runs of separators, deep brackets, many names, broken UTF-8, NUL,
control characters) and every kind of repair the cleaner makes, so `fuzz-replay` is
never empty and covers the repair paths even before the fuzzer finds
anything.
"""
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT, ALL = 0xFF, 0x1FF

PARSE = {
    "empty": (DEFAULT, b""),
    "spaces": (DEFAULT, b"   \t  "),
    "commas-50k": (DEFAULT, b"," * 50000),
    "etal-10k": (DEFAULT, b"Smith J, " + b"et al., " * 10000 + b"Title. J. 2001;1:1."),
    "parens-deep": (DEFAULT, b"(" * 5000 + b"2001" + b")" * 5000),
    "brackets-unbalanced": (DEFAULT, b"[[[(((Smith J. Title)) 2001;1(2:3-4]]]"),
    "names-2k": (DEFAULT, b", ".join(b"Nguyen%03d AB" % i for i in range(2000)) + b". T. J. 2001;1:1."),
    "dots-20k": (DEFAULT, b". " * 20000),
    "digits-20k": (DEFAULT, b"1" * 20000),
    "dup-locators": (DEFAULT, "Li X, Wang Y. Gut microbes. Cell Rep. 2019;4(1):1. 2019;4:1\u201315.".encode()),
    "curly-quotes": (DEFAULT, "Doe J. \u201cA \u2018quoted\u2019 title\u201d. J Foo. 2010;3:4\u20139.".encode()),
    "nbsp-bullet": (DEFAULT, "\u2022\u00a0[12]\u00a0Smith\u00a0J. Title. Nature. 2004;428:664\u20138.".encode()),
    "mojibake": (DEFAULT, "L\u00c3\u00b6tvall J, M\u00c3\u00bcller K. Exosomes. J Extracell Vesicles. 2014;3:1.".encode()),
    "detached-diacritic": (DEFAULT, "Lo\u00a8tvall J, Mu\u0308ller K. Title. J. 2014;3:26913.".encode()),
    "html-entities": (DEFAULT, b"Smith &amp; Jones. A &lt;b&gt;bold&lt;/b&gt; claim &#8211; <i>Nature</i> &#x2013; &bogus; &#99999999;"),
    "latex": (DEFAULT, b"M{\\\"u}ller K, Erd\\H{o}s P. {\\'E}tude. {\\em J}. 1999;1:1--2."),
    "doubled-commas-crlf": (DEFAULT, b"Smith J,, Doe K,, . Title,, J.,, 2001;;1::2--3.\r\n"),
    "invalid-utf8": (DEFAULT, b"Smith J\xff\xfe\xc3 Title \xed\xa0\x80 \xf4\x90\x80\x80 J. 2001;1:1."),
    "invalid-utf8-norepair": (DEFAULT & ~1, b"Smith J\xff Title. J. 2001;1:1."),
    "nul-ctrl": (DEFAULT, b"Smith J\x00\x01\x1b[31m. Title\x7f. J. 2001;1:1."),
    "doi-url-pmid": (DEFAULT, b"Doe J. T. J. 2001;1:1. doi:10.1000/xyz(123)4. https://doi.org/10.1000/a?b=c#d PMID: 12345678 PMCID: PMC1234567 arXiv:2101.00001v2"),
    "book-chapter": (ALL, b"SMITH, JOHN. In: Doe J, Roe R (eds) BOOK TITLE, 2nd edn. Springer, Berlin, pp 1\xe2\x80\x9310 (2001)"),
    "page-reversed": (DEFAULT, b"Doe J. T. J. 2001;12:1510-7; 99-12; e69515; S1-S10."),
    "long-word": (DEFAULT, b"A" * 9000),
    "flags-none": (0, "\u2022 L\u00c3\u00b6tvall J &amp; Lo\u00a8tvall K. 2019;4(1):1. 2019;4:1\u201315.".encode()),
    "combining-run": (DEFAULT, b"a" + "\u0308".encode() * 3000),
    "zero-width": (DEFAULT, "Sm\u200bith\u200d J\ufeff. T\u2060. J. 2001;1:1.".encode()),
    # once quadratic in the publisher rules (found by fuzzing): 9 ms here
    # at the default 8192-byte limit, 0.5 s for 64 KB with
    # rp_options_set_max_length raised
    "title-comma-run": (DEFAULT, b"Zur" + b"," * 8150 + b"Proceedings of X"),
}

JSONL = {
    "plain": b'{"id":"a1","raw":"Smith J. Title. J. 2001;1:1."}',
    "int-id": b'{"id":42,"raw":"Smith J. Title. J. 2001;1:1."}',
    "nul-in-raw": b'{"id":"n","raw":"Smith\\u0000J. T. 2001."}',
    "escaped-id": b'{"id":"q\\"\\\\\\n\\t","raw":"Smith J. T. 2001."}',
    "not-object": b'[1,2,3]',
    "no-raw": b'{"id":7}',
    "raw-number": b'{"id":"x","raw":12}',
    "bad-json": b'{"id":"x","raw":"unterminated',
    "crlf": b'{"id":"c","raw":"Smith J. T. J. 2001;1:1."}\r\n',
    "lone-surrogate": b'{"id":"s","raw":"A \\ud800 B"}',
    "huge-int-id": b'{"id":-9223372036854775808,"raw":"x"}',
}


def main():
    for sub, table in (("parse", PARSE), ("jsonl", JSONL)):
        d = os.path.join(HERE, "regress", sub)
        os.makedirs(d, exist_ok=True)
        for name, v in table.items():
            data = struct.pack("<I", v[0]) + v[1] if sub == "parse" else v
            with open(os.path.join(d, name), "wb") as f:
                f.write(data)
    print(f"{len(PARSE)} parse, {len(JSONL)} jsonl inputs")


if __name__ == "__main__":
    main()
