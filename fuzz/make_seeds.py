#!/usr/bin/env python3
"""Write the fuzz seed corpora from corpus/*.jsonl "raw" strings.

    python3 fuzz/make_seeds.py [OUTDIR]      (default: fuzz/corpus-work)

OUTDIR/parse/: 4-byte little-endian RP_OPT_* prefix + raw (UTF-8); each raw
is written with RP_OPT_DEFAULT, and every 7th also with all flags, with no
flags, and with RP_OPT_DEFAULT but without RP_OPT_REPAIR_UTF8.
OUTDIR/jsonl/: one JSON Lines record {"id": ..., "raw": ...} per raw.
Deterministic (no randomness); file names are content hashes (libFuzzer
style), so re-running is idempotent. OUTDIR is git-ignored.
"""
import glob
import hashlib
import json
import os
import struct
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "fuzz", "corpus-work")
DEFAULT, ALL, NO_UTF8 = 0xFF, 0x1FF, 0xFE


def put(d, data):
    os.makedirs(d, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def main():
    n = 0
    for path in sorted(glob.glob(os.path.join(ROOT, "corpus", "*.jsonl"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if not line:
                    continue
                rec = json.loads(line)
                raw = rec.get("raw")
                if not isinstance(raw, str):
                    continue
                b = raw.encode("utf-8")
                put(os.path.join(OUT, "parse"), struct.pack("<I", DEFAULT) + b)
                if n % 7 == 0:
                    for fl in (ALL, 0, NO_UTF8):
                        put(os.path.join(OUT, "parse"), struct.pack("<I", fl) + b)
                rid = rec.get("id", n)
                put(os.path.join(OUT, "jsonl"),
                    json.dumps({"id": rid, "raw": raw}, ensure_ascii=(n % 2 == 0)).encode("utf-8"))
                n += 1
    print(f"{n} raw strings -> {OUT}/parse, {OUT}/jsonl")


if __name__ == "__main__":
    main()
