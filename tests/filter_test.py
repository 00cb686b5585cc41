#!/usr/bin/env python3
"""filter_test.py: `refparse parse --input jsonl -` as a line filter (TAP).

usage: filter_test.py REFPARSE SRCDIR

Spark's RDD.pipe and Hadoop Streaming (README, "Bulk parsing on a cluster")
write a partition's records to the command's standard input and take its
output lines as the partition's results. That needs: N lines in, N lines
out, in input order, the id of each record carried through, exit status 0
when a record is unreadable, and the same line for a record whichever
partition it lands in. Input: every record of corpus/*.jsonl (ids such as
"apa-12" and numbers), with a non-JSON line and a blank line among them.
"""
import glob
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Tap  # noqa: E402


def pipe(exe, lines, *args):
    r = subprocess.run([exe, "parse", "--input", "jsonl", *args, "-"],
                       input=b"".join(x + b"\n" for x in lines), capture_output=True, timeout=100)
    return r.returncode, r.stdout.splitlines()


def main():
    exe, src = sys.argv[1], sys.argv[2]
    t = Tap()
    records = []
    for path in sorted(glob.glob(os.path.join(src, "corpus", "*.jsonl"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    o = json.loads(line)
                    records.append({"id": o["id"], "raw": o["raw"]})
    records = records[:600]
    records[10]["id"] = 12345  # a numeric id stays a number
    lines = [json.dumps(r, ensure_ascii=False).encode() for r in records]
    lines[100:100] = [b"not json", b""]
    n = len(lines)

    rc, out = pipe(exe, lines, "-j", "2")
    t.eq(rc, 0, "exit 0 with unreadable records among them (a failing command fails the task)")
    t.eq(len(out), n, f"{n} lines in, {n} lines out")
    ids = [json.loads(x)["id"] for x in out]
    want_ids = [r["id"] for r in records[:100]] + [101, 102] + [r["id"] for r in records[100:]]
    t.eq(ids, want_ids, "in input order, each record's id carried (an unreadable line: its "
                        "line number)")
    t.eq(ids[10], 12345, "a numeric id is written as a number")
    codes = [json.loads(out[i])["custom"]["warnings"][0]["code"] for i in (100, 101)]
    t.eq(codes, ["input", "input"], "the non-JSON and the blank line give error records")

    rc1, single = pipe(exe, lines, "-j", "1")
    t.eq(single, out, "-j 1 and -j 2 write the same bytes")
    # partitions as a cluster cuts them: the same line for every record
    cuts = [0, 37, 100, 102, 350, n]
    parts = []
    for a, b in zip(cuts, cuts[1:]):
        parts += pipe(exe, lines[a:b], "-j", "1")[1]
    valid = [i for i in range(n) if i not in (100, 101)]
    t.eq([parts[i] for i in valid], [out[i] for i in valid],
         "piped in 5 partitions, every readable record gives the same line as in one run")
    mark = [parts[i] for i in (100, 101)]
    t.eq([json.loads(x)["id"] for x in mark], [1, 2],
         "an unreadable record's id is its line number within its partition")
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
