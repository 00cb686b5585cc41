#!/usr/bin/env python3
"""hostile_test.py: pathological input to `refparse parse` (TAP).

usage: hostile_test.py REFPARSE

Every case must give exactly one output record (a JSON object) per input
line, in order, exit status 0, no raw CR in the output, and finish (meson
gives the whole test 120 s). Invalid UTF-8 must be flagged "invalid-utf8",
the 50 MB line "truncated", and the 50 MB line must not make refparse's
peak RSS (getrusage RUSAGE_CHILDREN ru_maxrss) reach 200 MB.

Environment: RP_TEST_SKIP_HUGE=1 skips the 50 MB line (sanitizer builds
where it is too slow); RP_TEST_SANITIZED=1 reports the memory bound as
SKIP (ASan's shadow memory and quarantine are not the library's).
"""
import contextlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Tap  # noqa: E402

EXE = sys.argv[1]
SKIP_HUGE = os.environ.get("RP_TEST_SKIP_HUGE") == "1"
SANITIZED = os.environ.get("RP_TEST_SANITIZED") == "1"
CASE_TIMEOUT = 60
t = Tap()
tmp = tempfile.TemporaryDirectory(prefix="rp-hostile-")


def run_file(name, data, args=("parse",)):
    p = os.path.join(tmp.name, name)
    with open(p, "wb") as f:
        f.write(data)
    return run_path(p, args)


def run_path(p, args=("parse",)):
    start = time.monotonic()
    try:
        r = subprocess.run([EXE, *args, "--quiet", p], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=CASE_TIMEOUT)
    except subprocess.TimeoutExpired:
        return None, CASE_TIMEOUT
    return r, time.monotonic() - start


def records(out):
    """Output lines split on LF only (a stray CR stays visible)."""
    if not out:
        return []
    parts = out.split(b"\n")
    if parts[-1] == b"":
        parts.pop()
    return parts


def codes(item):
    return [w.get("code") for w in item.get("custom", {}).get("warnings", [])] \
        if isinstance(item, dict) else []


def check(name, data, n_expected, need_code=None, todo_code=None, todo_json=None):
    """One case: run, then check count, exit status, JSON, CR, warning codes.
    todo_json: a known library bug that makes the output invalid (TAP TODO)."""
    r, secs = run_file(name.replace(" ", "_") + ".txt", data)
    if r is None:
        t.ok(False, f"{name}: finishes within {CASE_TIMEOUT} s")
        return []
    t.diag(f"{name}: {secs:.2f} s")
    out = records(r.stdout)
    t.ok(r.returncode == 0 and len(out) == n_expected,
         f"{name}: exit 0 and {n_expected} record(s)",
         diag=f"exit {r.returncode}, {len(out)} records; stderr: {r.stderr[:300]!r}")
    items = []
    for line in out:
        try:
            items.append(json.loads(line))
        except ValueError:
            items.append(None)
    with t.todo(todo_json) if todo_json else contextlib.nullcontext():
        t.ok(all(isinstance(x, dict) for x in items) and b"\r" not in r.stdout,
             f"{name}: every record a JSON object (valid UTF-8), no CR in the output",
             diag=next((repr(line[:200]) for line, x in zip(out, items) if x is None), None))
        t.eq([x.get("id") if isinstance(x, dict) else None for x in items],
             list(range(1, len(items) + 1)), f"{name}: ids 1..{len(items)} in order")
    if need_code:
        t.ok(all(need_code in codes(x) for x in items),
             f"{name}: every record carries warning '{need_code}'",
             diag=[codes(x) for x in items if need_code not in codes(x)][:3])
    if todo_code:
        with t.todo(todo_code[1]):
            t.ok(all(todo_code[0] in codes(x) for x in items),
                 f"{name}: every record carries warning '{todo_code[0]}'",
                 diag=[codes(x) for x in items if todo_code[0] not in codes(x)][:3])
    return items


REF = "Smith J, Doe A. A title of things. J Foo. 2001;2(3):45-9."

# ---- invalid UTF-8 -------------------------------------------------------------
bad = [
    b"Smith J. Ti\xfftle. J Foo. 2001;2:3.",        # 0xFF never valid
    b"M\xc3 zes G. Title. J Foo. 2001;2:3.",         # lead byte without continuation
    b"\x80\x81\x82 continuation bytes only",
    b"Overlong \xc0\xaf slash. 2001;2:3.",           # overlong '/'
    b"Surrogate \xed\xa0\x80 half. 2001;2:3.",       # UTF-16 surrogate
    b"Beyond \xf4\x90\x80\x80 U+10FFFF. 2001;2:3.",
    b"Cut at the end \xe2\x80",
    b"Lo\xf6 J. Latin-1 after UTF-8 \xc3\xa9. 2001;2:3.",  # one valid sequence: stays UTF-8
]
items = check("invalid UTF-8", b"\n".join(bad) + b"\n", len(bad), need_code="invalid-utf8")
t.ok(all("\ufffd" in json.dumps(x, ensure_ascii=False) for x in items),
     "invalid UTF-8: U+FFFD appears in every record")

# ---- NUL and control characters ------------------------------------------------------
nul = [b"Smith J\x00, Doe A. Ti\x00tle. J Foo. 2001;2:3.", b"\x00\x00\x00",
       b"Smith J. Bell\x07 and escape\x1b[31m. 2001;2:3."]
check("NUL bytes", b"\n".join(nul) + b"\n", len(nul), need_code="control-char")

# ---- repetition and nesting ------------------------------------------------------------
check("100000 commas", b"," * 100_000 + b"\n", 1)
check("100000 commas between names", b"Smith J" + b", Doe A" * 100_000 + b". Title.\n", 1)
check("10000 et al.", b"Smith J, " + b"et al. " * 10_000 + b"Title. 2001.\n", 1)
check("10000 nested brackets", b"(" * 10_000 + b"Smith J. Title. 2001" + b")" * 10_000 + b"\n", 1)
check("10000 unclosed brackets", b"((((" * 2_500 + b"\n" + b"[[[[" * 2_500 + b"\n"
      + b"([{<" * 2_500 + b"\n", 3)
check("only digits", b"1234567890" * 1_000 + b"\n" + b"2004;428(6983):664-8. " * 500 + b"\n", 2)
punct = "".join(chr(c) for c in range(0x21, 0x7f) if not chr(c).isalnum())
check("only punctuation", (punct * 200 + "\n" + ".,;:" * 5000 + "\n"
                           + "\u2013\u2014\u201c\u201d\u00ab\u00bb\u2026" * 1000 + "\n").encode(), 3)
check("10000 spaces and tabs", b" \t" * 10_000 + b"\n", 1)
check("many URLs and DOIs", (" ".join(["https://doi.org/10.1000/x" + str(i) for i in range(2000)])
                             + "\n").encode(), 1)

# ---- scripts ---------------------------------------------------------------------------------
rtl = [
    "\u0645\u062d\u0645\u062f \u0623. \u0639\u0646\u0648\u0627\u0646 \u0627\u0644\u0645\u0642\u0627\u0644\u0629. "
    "\u0645\u062c\u0644\u0629 \u0627\u0644\u0639\u0644\u0648\u0645. 2019;12(3):45-67.",
    "\u05db\u05d4\u05df \u05d0. \u05db\u05d5\u05ea\u05e8\u05ea \u05d4\u05de\u05d0\u05de\u05e8. "
    "\u05db\u05ea\u05d1 \u05e2\u05ea. 2018;7:1-10.",
    "\u202eSmith J. Right-to-left override. J Foo. 2001;2:3.\u202c",
    "\u0627" * 5_000,
]
check("right-to-left text", ("\n".join(rtl) + "\n").encode(), len(rtl))
cjk = [
    "\u5f20\u4f1f, \u674e\u5a1c. \u5173\u4e8e\u5e72\u7ec6\u80de\u7684\u7814\u7a76. "
    "\u4e2d\u534e\u533b\u5b66\u6742\u5fd7. 2020;100(5):321-325.",
    "\u5c71\u7530\u592a\u90ce, \u9234\u6728\u82b1\u5b50: \u7d30\u80de\u306e\u7814\u7a76. "
    "\u65e5\u672c\u533b\u5b66\u4f1a\u8a8c 2015; 12: 1\u201310.",
    "\uae40\ucca0\uc218, \ubc15\uc601\ud76c. \uc904\uae30\uc138\ud3ec \uc5f0\uad6c. 2017;3:5-9.",
    "\u6f22" * 5_000,
    "\U0001F600\U0001F9EA emoji \U00020000 astral. 2020;1:1.",
]
check("CJK text", ("\n".join(cjk) + "\n").encode(), len(cjk))
# A long run of combining marks: warning messages quote clipped excerpts and
# must stay valid UTF-8 (a clip once split a character).
check("combining marks", ("e" + "\u0301" * 10_000 + "\n" + "\u00a8" * 5_000 + "\n").encode(), 2)
check("combining marks, short runs", ("Caf" + "e\u0301" * 30 + " title. J Foo. 2001;1:2.\n"
                                      + "e" + "\u0301" * 40 + "\n").encode(), 2, need_code="nfc")

# ---- framing -------------------------------------------------------------------------------------
places = ["Sweden", "WI", "Oxford", "USA.", "Madison, WI", "Sweden, Norway"]
check("a place and nothing else", ("\n".join(places) + "\n").encode(), len(places))
check("empty file", b"", 0)
check("only a newline", b"\n", 1, need_code="empty")
check("no final newline", (REF + "\n" + REF).encode(), 2)
items = check("CRLF line ends", (REF + "\r\n") .encode() * 3 + b"\r\n", 4)
t.ok(len(items) == 4 and all(x.get("title") == "A title of things" for x in items[:3]),
     "CRLF line ends: titles parsed without a trailing CR")
# a lone CR ends a line (old Mac line ends), like LF and CRLF
check("CR inside a line", (REF.replace(". ", ".\r", 1) + "\n").encode(), 2)
items = check("CR-only line ends", (REF + "\r").encode() * 3, 3)
t.ok(len(items) == 3 and all(x.get("title") == "A title of things" for x in items),
     "CR-only line ends: three records, titles without a CR")

# every small case above through normalize and --to vancouver: one line each
small = b"\n".join(bad + nul + [b"," * 10_000, b"(" * 10_000, b"", REF.encode()]) + b"\n"
n_small = small.count(b"\n")
for args in (("normalize",), ("parse", "--to", "vancouver"), ("parse", "-j", "2")):
    r, _ = run_file("small.txt", small, args)
    out = records(r.stdout) if r else []
    t.ok(r is not None and r.returncode == 0 and len(out) == n_small and b"\r" not in r.stdout,
         f"{' '.join(args)}: one line per hostile input line ({n_small}), exit 0")

# ---- 50 MB on one line -----------------------------------------------------------------------------
if SKIP_HUGE:
    t.skip("50 MB line", "RP_TEST_SKIP_HUGE=1")
    t.skip("50 MB line: peak RSS < 200 MB", "RP_TEST_SKIP_HUGE=1")
else:
    huge = os.path.join(tmp.name, "huge.txt")
    unit = (REF + " (" + "x" * 40 + ") ").encode()
    size = 50 * 1024 * 1024
    with open(huge, "wb") as f:
        chunk = unit * (1024 * 1024 // len(unit) + 1)
        written = 0
        while written < size:
            part = chunk[: size - written]
            f.write(part)
            written += len(part)
        f.write(b"\n" + REF.encode() + b"\n")
    r, secs = run_path(huge)
    t.diag(f"50 MB line: {secs:.2f} s")
    out = records(r.stdout) if r else []
    t.ok(r is not None and r.returncode == 0 and len(out) == 2,
         "50 MB line (+ one normal line): exit 0, 2 records",
         diag=None if r is None else f"exit {r.returncode}, {len(out)} records")
    items = [json.loads(l) for l in out] if len(out) == 2 else [{}, {}]
    t.ok("truncated" in codes(items[0]), "50 MB line: warning 'truncated'", diag=codes(items[0]))
    t.ok(items[1].get("title") == "A title of things" and "truncated" not in codes(items[1]),
         "the line after the 50 MB line is parsed normally")
    t.ok(len(out[0]) < 1024 * 1024 if out else False, "50 MB line: output record under 1 MB")
    maxrss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    t.diag(f"peak RSS of refparse children: {maxrss_mb:.0f} MB")
    if SANITIZED:
        t.skip(f"50 MB line: peak RSS {maxrss_mb:.0f} MB < 200 MB", "RP_TEST_SANITIZED=1")
    else:
        t.ok(maxrss_mb < 200, f"50 MB line: peak RSS {maxrss_mb:.0f} MB < 200 MB")
    os.unlink(huge)

tmp.cleanup()
sys.exit(t.done())
