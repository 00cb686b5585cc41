#!/usr/bin/env python3
"""cli_io_test.py: what the refparse command does at the edges (TAP).

usage: cli_io_test.py REFPARSE SOURCE_ROOT

(a) I/O errors: every command exits 1 with a "refparse:" message when it
    cannot write (a full device) or read (a directory); eval refuses a file
    without gold records;
(b) options: an option of another command is a usage error (exit 2) naming
    the command it belongs to; an unknown option points to --help;
(c) limits: any number of FILEs;
(d) JSON Lines: any valid JSON record is read (numbers of any size, a
    BOM, invalid UTF-8 and lone surrogates repaired with a warning); an id
    that is not a string or number is refused, never replaced; every
    unreadable record is reported with its line number and summed up;
    --strict and input with no readable record exit 1; normalize writes an
    empty line for an unreadable record;
(e) write errors and signals: output that fails stops the input being
    read (exit 1, a message); SIGTERM/SIGINT finish the record being
    written and exit 143/130;
(f) memory: peak RSS stays under 32 MB on long lines, text and JSONL.
"""
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Tap  # noqa: E402

EXE, ROOT = sys.argv[1], sys.argv[2]
t = Tap()
tmp = tempfile.TemporaryDirectory(prefix="rp-io-")
APA = os.path.join(ROOT, "corpus", "apa.jsonl")


def path(name):
    return os.path.join(tmp.name, name)


def write(name, data):
    p = path(name)
    with open(p, "wb") as f:
        f.write(data.encode("utf-8") if isinstance(data, str) else data)
    return p


def run(*args, stdin=b"", stdout=subprocess.PIPE, timeout=120):
    return subprocess.run([EXE, *args], input=stdin, stdout=stdout,
                          stderr=subprocess.PIPE, timeout=timeout)


def full(*args, stdin=b""):
    """Run with stdout on /dev/full."""
    with open("/dev/full", "wb") as f:
        return run(*args, stdin=stdin, stdout=f)


REF = "Smith J. A study of things. J Foo. 2001;1:1-2.\n"

# ---- (a) I/O errors --------------------------------------------------------------
if os.path.exists("/dev/full"):
    for args in (["eval", APA], ["eval", "--json", APA], ["--help"], ["--version"],
                 ["parse", "--help"], ["parse", "--version"]):
        p = full(*args)
        t.eq((p.returncode, p.stderr.decode()),
             (1, "refparse: write error: No space left on device\n"),
             f"{' '.join(args[:2])} > /dev/full: exit 1, one 'write error' line")
else:
    t.skip("commands > /dev/full", "no /dev/full")
p = run("eval", tmp.name)
t.eq((p.returncode, p.stdout, p.stderr.decode()),
     (1, b"", f"refparse: {tmp.name}: read error: Is a directory\n"),
     "eval DIR: exit 1, 'read error', no scores")
nogold = write("nogold.jsonl", json.dumps({"id": "a", "raw": REF.strip()}) + "\n")
p = run("eval", nogold)
t.eq((p.returncode, p.stdout, p.stderr.decode()),
     (1, b"", f"refparse: {nogold}:1: record has no \"gold\" object; eval needs gold records\n"),
     "eval on a file without gold: refused, exit 1")
empty = write("empty.jsonl", "\n")
p = run("eval", empty)
t.eq((p.returncode, p.stdout, p.stderr.decode()),
     (1, b"", f"refparse: {empty}: no gold records\n"), "eval on a file with no records: exit 1")

# ---- (b) options of another command -------------------------------------------------
for args, msg in (
        (["parse", "--ascii"], "--ascii is a normalize option, not for parse"),
        (["parse", "--render", "vancouver"], "--render is a normalize option, not for parse"),
        (["normalize", "--to", "csl-json"], "--to is a parse option, not for normalize"),
        (["normalize", "--no-custom"], "--no-custom is a parse option, not for normalize"),
        (["parse", "--json"], "--json is an eval option, not for parse"),
        (["normalize", "--errors", "3"], "--errors is an eval option, not for normalize"),
        (["eval", "--input", "jsonl", APA], "--input is a parse and normalize option, not for eval"),
        (["eval", "-j", "2", APA], "-j is a parse and normalize option, not for eval")):
    p = run(*args, stdin=REF.encode())
    t.eq((p.returncode, p.stdout, p.stderr.decode()),
         (2, b"", f"refparse: {msg} (see refparse --help)\n"),
         f"{' '.join(args[:2])}: usage error naming its command")
p = run("parse", "--no-such-option")
t.eq((p.returncode, p.stderr.decode()),
     (2, "refparse: unknown option '--no-such-option' (see refparse --help)\n"),
     "unknown option: exit 2, points to --help")

# ---- (c) limits ------------------------------------------------------------------------
one = write("one.txt", REF)
p = run("parse", "--quiet", "--no-custom", *([one] * 1500))
got = p.stdout.decode().split("\n")
t.eq((p.returncode, len(got) - 1, json.loads(got[1499])["id"] if len(got) > 1500 else None),
     (0, 1500, 1500), "1,500 FILE arguments: exit 0, 1,500 records, ids 1..1500")

# ---- (d) JSON Lines records ----------------------------------------------------------
R = "Smith J. A study of things. J Foo. 2001;1:1-2."
recs = [
    b"\xef\xbb\xbf" + json.dumps({"id": "bom", "raw": R}).encode(),
    b'{"id": 123456789012345678901234567890, "raw": "%s", "n": 1e999}' % R.encode(),
    b'{"id": "latin1-\xe9", "raw": "%s"}' % R.encode(),
    b'{"id": "cesu", "raw": "\xed\xa0\x80\xed\xb0\x80 %s"}' % R.encode(),
    b'{"id": "esc", "raw": "\\ud800 %s"}' % R.encode(),
    b'{"id": 1.5, "raw": "%s"}' % R.encode(),
    b'{"id": -7, "raw": "%s"}' % R.encode(),
    b'{"id": true, "raw": "%s"}' % R.encode(),
    b'{"id": {"a": 1}, "raw": "%s"}' % R.encode(),
    b'{"id": "dup", "raw": "a", "raw": "b"}',
    b"",
    b"[1, 2]",
    b'{"id": "cut", "raw": "Smith',
]
jl = write("edge.jsonl", b"\n".join(recs) + b"\n")
p = run("parse", "--quiet", "--no-custom", "--input", "jsonl", jl)
out = [json.loads(l) for l in p.stdout.decode().splitlines()]
t.eq([x["id"] for x in out],
     ["bom", 123456789012345678901234567890, "latin1-\ufffd", "cesu", "esc", 1.5, -7,
      8, 9, "dup", 11, 12, 13],
     "--input jsonl: ids kept (BOM skipped, big number, repaired UTF-8, float, negative); "
     "refused ids give the line number")
t.eq([x.get("title") for x in out[:7]],
     ["A study of things"] * 3 + ["\ufffd" * 6 + " Smith J. A study of things",
                                  "\ufffd Smith J. A study of things"] + ["A study of things"] * 2,
     "--input jsonl: valid records parsed (BOM, big numbers, Latin-1 byte, float id, negative id)")
t.eq(p.stderr.decode(), "".join(f"refparse: {jl}:{n}: {m}\n" for n, m in (
    (3, "invalid UTF-8 or a lone surrogate escape replaced by U+FFFD"),
    (4, "invalid UTF-8 or a lone surrogate escape replaced by U+FFFD"),
    (5, "invalid UTF-8 or a lone surrogate escape replaced by U+FFFD"),
    (8, "the id is a boolean, not a string or a number"),
    (9, "the id is an object, not a string or a number"),
    (10, 'the key "raw" appears twice'),
    (11, "blank line"),
    (12, "not a JSON object"),
    (13, "not valid JSON (at byte 28)"))) + "refparse: 6 of 13 records unreadable\n",
     "--input jsonl: each repair and unreadable record on stderr with its line, then a summary")
t.eq([x.get("custom", {}).get("warnings", [{}])[0].get("message") for x in
      [json.loads(l) for l in run("parse", "--quiet", "--input", "jsonl", jl).stdout.decode().splitlines()][7:9]],
     ["the id is a boolean, not a string or a number", "the id is an object, not a string or a number"],
     "--input jsonl: a refused id says why in the record's warning")
t.eq(p.returncode, 0, "--input jsonl with unreadable records: exit 0")
t.eq(run("parse", "--quiet", "--strict", "--input", "jsonl", jl).returncode, 1,
     "--strict with unreadable records: exit 1")
p = run("normalize", "--quiet", "--input", "jsonl", jl)
t.eq(p.stdout.decode().split("\n")[7:13], [""] * 6,
     "normalize --input jsonl: an empty line for each unreadable record")
t.eq(p.stderr.decode().splitlines()[-1], "refparse: 6 of 13 records unreadable",
     "normalize --input jsonl: the summary")
text = write("refs.txt", (R + "\n") * 1000)
p = run("parse", "--quiet", "--input", "jsonl", text)
t.eq((p.returncode, p.stderr.decode().splitlines()[-1], len(p.stdout.decode().splitlines())),
     (1, "refparse: 1,000 of 1,000 records unreadable", 1000),
     "--input jsonl on a text file: one record a line, summary, exit 1")
p = run("parse", "--quiet", "--input", "jsonl", "--raw-key", "ref", jl)
t.eq((p.returncode, p.stderr.decode().splitlines()[0]),
     (1, f'refparse: {jl}:1: no "ref" key (the reference; see --raw-key)'),
     "--input jsonl with a wrong --raw-key: the key named, exit 1")

# ---- (e) write errors and signals ----------------------------------------------------


def feed(args, data, stdout, preexec=None):
    """Start refparse, write data to its stdin (from a thread: refparse may
    stop reading) and keep stdin open."""
    p = subprocess.Popen([EXE, *args], stdin=subprocess.PIPE, stdout=stdout,
                         stderr=subprocess.PIPE, preexec_fn=preexec)

    def write_in():
        try:
            p.stdin.write(data)
            p.stdin.flush()
        except (BrokenPipeError, ValueError, OSError):
            pass
    threading.Thread(target=write_in, daemon=True).start()
    return p


def finish(p, timeout=20):
    try:
        p.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()
        return None, p.stderr.read().decode()
    return p.returncode, p.stderr.read().decode()


many = (REF * 20000).encode()
if os.path.exists("/dev/full"):
    with open("/dev/full", "wb") as f:
        p = feed(["parse", "--quiet"], many, f)
        rc, err = finish(p)
    t.eq((rc, err), (1, "refparse: write error: No space left on device\n"),
         "parse > /dev/full, stdin left open: stops reading, exit 1, one message")
else:
    t.skip("parse > /dev/full", "no /dev/full")
p = feed(["parse", "--quiet"], many, subprocess.PIPE,
         preexec=lambda: signal.signal(signal.SIGPIPE, signal.SIG_IGN))
p.stdout.close()
rc, err = finish(p)
t.eq((rc, err), (1, "refparse: write error: Broken pipe\n"),
     "parse into a closed pipe, SIGPIPE ignored: stops reading, exit 1, one message")
for sig, code, name in ((signal.SIGTERM, 143, "SIGTERM"), (signal.SIGINT, 130, "SIGINT")):
    p = feed(["parse", "--quiet", "-j", "2"], (REF * 5000).encode(), subprocess.PIPE)
    got = b""
    while b"\n" not in got:  # the first records are out; refparse waits for more input
        chunk = p.stdout.read1(1 << 16)
        if not chunk:
            break
        got += chunk
    p.send_signal(sig)
    rest, err = p.communicate(timeout=20)
    got += rest
    lines_ = got.decode().split("\n")
    t.eq((p.returncode, err.decode(), lines_[-1]), (code, f"refparse: stopped by {name}\n", ""),
         f"{name} while reading: exit {code}, output ends with a whole record")
    t.ok(len(lines_) > 1 and all(json.loads(x)["id"] == i + 1 for i, x in enumerate(lines_[:-1])),
         f"{name}: every line written is a whole record, in order")

# ---- (f) memory ---------------------------------------------------------------------------


def peak_rss_mb(args, path_):
    """Peak RSS (MB) of one refparse run, from a child process of its own."""
    code = ("import resource, subprocess, sys\n"
            "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")
    out = subprocess.run([sys.executable, "-c", code, EXE, *args, path_],
                         stdout=subprocess.PIPE, timeout=240).stdout
    return int(out) / 1024


long_text = path("long.txt")
with open(long_text, "wb") as f:
    line = (R + " ") * (1_100_000 // (len(R) + 1))
    for _ in range(500):
        f.write(line.encode() + b"\n")
long_jsonl = path("long.jsonl")
with open(long_jsonl, "wb") as f:
    for i in range(300):
        f.write(json.dumps({"id": i, "raw": line}).encode() + b"\n")
if os.environ.get("RP_TEST_SANITIZED") == "1":
    t.skip("peak RSS on long lines", "sanitizer build: its shadow memory is not refparse's")
else:
    for args, pth, what in ((["parse", "--quiet", "-j", "2"], long_text, "500 text lines of 1.1 MB"),
                            (["parse", "--quiet", "-j", "2", "--input", "jsonl"], long_jsonl,
                             "300 JSONL lines of 1.1 MB")):
        mb = peak_rss_mb(args, pth)
        t.ok(mb < 32, f"{what}: peak RSS under 32 MB ({mb:.1f} MB)")
p = run("parse", "--quiet", "--input", "jsonl", long_jsonl)
first = json.loads(p.stdout.decode().split("\n")[0])
t.eq((p.returncode, first["id"], [(w["code"], w["offset"], w["length"]) for w in first["custom"]["warnings"]
                                   if w["code"] == "truncated"]),
     (0, 0, [("truncated", 8192 - 8192 % (len(R) + 1) + 8192 % (len(R) + 1), len(line) - 8192)]),
     "a 1.1 MB JSONL reference: parsed, truncated where the library stops, its real length reported")

tmp.cleanup()
sys.exit(t.done())
