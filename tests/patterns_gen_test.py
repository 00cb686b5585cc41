#!/usr/bin/env python3
"""patterns_gen_test.py: tools/make_patterns.py on small pattern files (TAP).

    patterns_gen_test.py tools/make_patterns.py

Checks the free-spacing rules (white space and comments dropped outside a
class, kept inside one, "\\ " a space), {{PIECE}} expansion, group numbering
by name, and that the generator fails on an undefined or unused piece, a
capture group without a name, a pattern defined twice, an unknown flag and
unbalanced brackets.
"""
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Tap  # noqa: E402

GEN = sys.argv[1]


def gen(text):
    with tempfile.TemporaryDirectory() as tmp:
        src, out = os.path.join(tmp, "p.rx"), os.path.join(tmp, "p.h")
        with open(src, "w", encoding="utf-8") as f:
            f.write(text)
        p = subprocess.run([sys.executable, GEN, src, out], capture_output=True, text=True)
        body = open(out, encoding="utf-8").read() if p.returncode == 0 else ""
        return p.returncode, p.stderr, body


def src_of(body, name):
    m = re.search(r"\[P_%s\] = (\".*\")," % name, body)
    return m.group(1) if m else None


t = Tap()
rc, err, body = gen(
    "# a comment\n"
    "define NUM\n"
    "  [0-9]+   # digits\n"
    "pattern A caseless\n"
    "  (?<v> {{NUM}} ) \\s* [ ,:] \\ x   # a class with a space, an escaped space\n"
    "  (?: (?<p>{{NUM}}) )?\n"
    "pattern B\n"
    "  (?<![\\w.]) (?<id>PMC[0-9]{4}) (?=[.]) \\x{201C}\n")
t.eq(rc, 0, "a valid file compiles", )
t.eq(src_of(body, "A"), '"(?<v>[0-9]+)\\\\s*[ ,:] x(?:(?<p>[0-9]+))?"',
     "free spacing: white space and comments dropped, class and escaped space kept")
t.eq(src_of(body, "B"), '"(?<![\\\\w.])(?<id>PMC[0-9]{4})(?=[.])\\\\x{201C}"',
     "lookbehind and lookahead are not groups; escapes kept")
t.ok("#define G_A_V 1" in body and "#define G_A_P 2" in body and "#define G_B_ID 1" in body,
     "named groups numbered in order", diag=body[:600])
t.ok("[P_A] = RPI_RX_CASELESS," in body and "[P_B] = 0," in body, "flags")
t.ok(re.search(r"\[P_A\] = \{-1, 2, 1\}", body) is not None, "group table: id, p, v for A",
     diag="\n".join(l for l in body.splitlines() if "[P_A] = {" in l))

for what, text, needle in [
    ("undefined piece", "pattern A\n  {{NOPE}}\n", "not defined"),
    ("unused piece", "define X\n  a\npattern A\n  b\n", "never used"),
    ("capture group without a name", "pattern A\n  (a)\n", "without a name"),
    ("pattern defined twice", "pattern A\n  a\npattern A\n  b\n", "defined twice"),
    ("unknown flag", "pattern A multiline\n  a\n", "unknown flag"),
    ("unbalanced brackets", "pattern A\n  (?:a\n", "unbalanced"),
    ("empty body", "pattern A\npattern B\n  b\n", "empty body"),
]:
    rc, err, _ = gen(text)
    t.ok(rc == 1 and needle in err, "fails on " + what, diag="rc %d: %s" % (rc, err))
sys.exit(t.done())
