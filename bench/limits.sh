#!/bin/sh
# bench/limits.sh: the bounds the CLI and the library promise, measured.
#   1. rp_ascii_fold on n = 1,000..64,000 combining marks / Cyrillic letters
#      (bench/fold_bench.c): time grows linearly with n;
#   2. start-up: `refparse parse -j 1` on one Latin, one Cyrillic and one
#      CJK reference, median of RUNS runs (wall and CPU, ms);
#   3. peak RSS of `refparse parse -j 2` on 2,000 lines of 1.1 MB (text,
#      streamed from a generator: 2.2 GB that never touch the disk) and on
#      2,000 JSONL records of 1.1 MB.
# Usage: bench/limits.sh [BUILD]   (default build; RUNS=N, default 31)
set -eu
cd "$(dirname "$0")/.."
B=${1:-build}
RUNS=${RUNS:-31}
ninja -C "$B" cli/refparse bench/fold_bench >/dev/null
EXE=$B/cli/refparse

echo "== rp_ascii_fold, best of 3 (ms)"
"$B/bench/fold_bench"

echo "== start-up, one reference, median of $RUNS runs"
python3 - "$EXE" "$RUNS" <<'PY'
import os, resource, subprocess, sys, tempfile, time
exe, runs = sys.argv[1], int(sys.argv[2])
refs = {
    "Latin": "L\u00f6tvall J, M\u0171zes G. A study of things. J Foo. 2001;1:1-2.",
    "Cyrillic": "\u0418\u0432\u0430\u043d\u043e\u0432 \u0418. \u0418\u0441\u0441\u043b\u0435\u0434\u043e\u0432\u0430\u043d\u0438\u0435. \u0416\u0443\u0440\u043d\u0430\u043b. 2001;1:1-2.",
    "CJK": "\u738b\u4f1f. \u6b66\u6c49\u5927\u5b66\u7684\u7814\u7a76. \u4e2d\u534e\u533b\u5b66\u6742\u5fd7. 2001;1:1-2.",
}
for name, ref in refs.items():
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write(ref + "\n")
    wall, cpu = [], []
    for _ in range(runs):
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run([exe, "parse", "--quiet", "-j", "1", f.name], stdout=subprocess.DEVNULL, check=True)
        wall.append((time.perf_counter() - t0) * 1e3)
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append((r1.ru_utime + r1.ru_stime - r0.ru_utime - r0.ru_stime) * 1e3)
    os.unlink(f.name)
    wall.sort(); cpu.sort()
    print(f"{name:9s} wall {wall[runs // 2]:6.1f} ms   cpu {cpu[runs // 2]:6.1f} ms")
PY

echo "== peak RSS, 2,000 lines of 1.1 MB"
gen() {
  python3 - "$1" <<'PY'
import json, sys
ref = "Smith J. A study of things. J Foo. 2001;1:1-2. "
line = ref * (1_100_000 // len(ref))
out = sys.stdout.buffer
for i in range(2000):
    out.write((json.dumps({"id": i, "raw": line}) if sys.argv[1] == "jsonl" else line).encode() + b"\n")
PY
}
for kind in text jsonl; do
  gen $kind | /usr/bin/time -f "$kind: %M KB peak RSS, %e s" "$EXE" parse --quiet -j 2 --input $kind >/dev/null
done
