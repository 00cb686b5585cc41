#!/usr/bin/env python3
"""cli_io_test.py: what the refparse command does at the edges (TAP).

usage: cli_io_test.py REFPARSE SOURCE_ROOT

(a) I/O errors: every command exits 1 with a "refparse:" message when it
    cannot write (a full device) or read (a directory); eval refuses a file
    without gold records;
(b) options: an option of another command is a usage error (exit 2) naming
    the command it belongs to; an unknown option points to --help;
(c) limits: any number of FILEs.
"""
import json
import os
import subprocess
import sys
import tempfile

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

tmp.cleanup()
sys.exit(t.done())
