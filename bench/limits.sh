#!/bin/sh
# bench/limits.sh: the bounds the CLI and the library promise, measured.
#   1. rp_ascii_fold on n = 1,000..64,000 combining marks / Cyrillic letters
#      (bench/fold_bench.c): time grows linearly with n;
#   2. start-up: `refparse parse -j 1` on one Latin, one Cyrillic, one
#      CJK (Chinese), one Japanese (kanji) and one Korean reference, then
#      `refparse normalize --ascii` (the whole line folded) on one line of
#      each script, median of RUNS runs (wall and CPU, ms);
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
    # 山田太郎. 日本の研究. 医学雑誌.
    "Japanese": "\u5c71\u7530\u592a\u90ce. \u65e5\u672c\u306e\u7814\u7a76. \u533b\u5b66\u96d1\u8a8c. 2001;1:1-2.",
    # 김민수. 한국의 연구. 한국학회지.
    "Korean": "\uae40\ubbfc\uc218. \ud55c\uad6d\uc758 \uc5f0\uad6c. \ud55c\uad6d\ud559\ud68c\uc9c0. 2001;1:1-2.",
}
# one line a script for `normalize --ascii`, which folds all of it
lines = {
    "Latin": refs["Latin"], "Cyrillic": refs["Cyrillic"],
    "Han": "\u738b\u4f1f \u6b66\u6c49\u5927\u5b66",                  # 王伟 武汉大学
    "Hiragana": "\u3084\u307e\u3060 \u305f\u308d\u3046",             # やまだ たろう
    "Katakana": "\u30b9\u30df\u30b9 \u30b8\u30e7\u30f3",             # スミス ジョン
    "Hangul": "\uae40\ubbfc\uc218 \ud55c\uad6d\uc5b4",               # 김민수 한국어
}

def median_ms(args, text):
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write(text + "\n")
    wall, cpu = [], []
    for _ in range(runs):
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run([exe] + args + [f.name], stdout=subprocess.DEVNULL, check=True)
        wall.append((time.perf_counter() - t0) * 1e3)
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append((r1.ru_utime + r1.ru_stime - r0.ru_utime - r0.ru_stime) * 1e3)
    os.unlink(f.name)
    wall.sort(); cpu.sort()
    return wall[runs // 2], cpu[runs // 2]

for name, ref in refs.items():
    w, c = median_ms(["parse", "--quiet", "-j", "1"], ref)
    print(f"{name:9s} wall {w:6.1f} ms   cpu {c:6.1f} ms")
print("normalize --ascii, one line:")
for name, line in lines.items():
    w, c = median_ms(["normalize", "--quiet", "--ascii"], line)
    print(f"{name:9s} wall {w:6.1f} ms   cpu {c:6.1f} ms")
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
