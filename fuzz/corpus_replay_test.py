#!/usr/bin/env python3
"""Replay the fuzz targets over seeds made from every corpus reference.

    corpus_replay_test.py MAKE_SEEDS PARSE_REPLAY JSONL_REPLAY

The saved crashes and hand-picked inputs (the fuzz-replay tests) reach few
of the parser's outputs; the corpus reaches them all (every type, every
CSL key the writer emits, full dates, legal fields), so the targets'
invariants are checked against what the library writes today. TAP output,
one test per target.
"""
import os
import subprocess
import sys
import tempfile


def main():
    make_seeds, parse_replay, jsonl_replay = sys.argv[1:4]
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, make_seeds, tmp], check=True, stdout=subprocess.DEVNULL)
        targets = [("fuzz_parse", parse_replay, "parse"), ("fuzz_jsonl", jsonl_replay, "jsonl")]
        print("1..%d" % len(targets))
        failed = 0
        for i, (name, exe, sub) in enumerate(targets, 1):
            d = os.path.join(tmp, sub)
            n = len(os.listdir(d))
            p = subprocess.run([exe, d], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, errors="replace")
            if p.returncode == 0 and n > 0:
                print("ok %d - %s replays %d corpus seeds" % (i, name, n))
            else:
                failed += 1
                print("not ok %d - %s over %d corpus seeds: exit %d" % (i, name, n, p.returncode))
                for line in p.stderr.splitlines()[-12:]:
                    print("# " + line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
