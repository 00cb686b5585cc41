#!/bin/sh
# tests/run-all.sh: the whole test suite, as README command (2) and .ci/run.
#
#   1. installs the Debian packages it needs when missing (as root)
#   2. release build (build-ci/)            meson test: every suite
#   3. ASan + UBSan build (build-asan/)     meson test: every suite
#   4. valgrind memcheck                    the corpus runner and the CLI
#   5. ThreadSanitizer build (build-tsan/)  the threaded paths (unit-api, cli)
#   6. portable build (build-portable/)     golden and corpus suites with the
#      SSE2 kernels off (-Dsimd=false) and every hand-written pattern guard
#      checked against its pattern (-Dcheck_guards=true: abort on a guard
#      that rejects what the pattern matches)
#
# Needs no standard input. Exits non-zero when any test fails. The last line
# is "N passed, N failed", counting TAP subtests (a test program without TAP
# counts as one).
set -u
cd "$(dirname "$0")/.." || exit 1
ROOT=$(pwd)

pkgs="build-essential meson ninja-build pkg-config libpcre2-dev libicu-dev
libjansson-dev python3 python3-jsonschema valgrind libmicrohttpd-dev chromium
chromium-driver python3-selenium bibutils pandoc python3-pytest python3-distributed
citation-style-language-styles citation-style-language-locales"
missing=""
for p in $pkgs; do
  dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
if [ -n "$missing" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "run-all: missing packages:$missing (run as root to install them)" >&2
    exit 1
  fi
  echo "run-all: installing$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q </dev/null >/dev/null && apt-get install -y -q $missing </dev/null >/dev/null || {
    echo "run-all: apt-get failed" >&2
    exit 1
  }
fi

status=0
logs=""
step() { echo; echo "== $*"; }

# citeproc-js (npm citeproc) for the consumers and render tests, installed
# once into build-npm/ (not under build-ci/: meson refuses to reconfigure a
# build-ci/ that holds only it). Without npm or offline, those parts skip.
if [ ! -f build-npm/node_modules/citeproc/package.json ]; then
  mkdir -p build-npm
  npm install --no-audit --no-fund --prefix build-npm citeproc@2.4.63 </dev/null >build-npm/install.log 2>&1 ||
    echo "run-all: npm install citeproc failed (no npm or offline): the citeproc-js tests skip; see build-npm/install.log" >&2
fi
NODE_PATH="$ROOT/build-npm/node_modules${NODE_PATH:+:$NODE_PATH}"
export NODE_PATH

build() { # dir, meson options...
  d=$1; shift
  if [ -d "$d" ]; then
    meson setup --reconfigure "$d" "$@" >"$d.setup.log" 2>&1 || meson setup --wipe "$d" "$@" >"$d.setup.log" 2>&1
  else
    meson setup "$d" "$@" >"$d.setup.log" 2>&1
  fi || { cat "$d.setup.log"; echo "run-all: meson setup $d failed" >&2; status=1; return 1; }
  ninja -C "$d" >"$d.build.log" 2>&1 || { tail -50 "$d.build.log"; echo "run-all: build $d failed" >&2; status=1; return 1; }
}

mtest() { # dir, label, meson test args...
  d=$1; label=$2; shift 2
  meson test -C "$d" --print-errorlogs "$@" </dev/null || status=1
  cp "$d/meson-logs/testlog.json" "$ROOT/build-ci.$label.testlog.json" 2>/dev/null &&
    logs="$logs $ROOT/build-ci.$label.testlog.json"
}

step "release build"
if build build-ci --buildtype=release; then
  mtest build-ci release
fi

step "AddressSanitizer + UndefinedBehaviorSanitizer"
if build build-asan --buildtype=debug -Db_sanitize=address,undefined -Db_lundef=false; then
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  RP_TEST_SANITIZED=1 mtest build-asan asan --timeout-multiplier 4
fi

step "valgrind memcheck"
# valgrind cannot follow PCRE2's JIT code (false "uninitialised" reports), so
# these runs use the interpreter: RP_OPT_NO_JIT (--no-jit, RP_TEST_NO_JIT=1).
# The unit tests' own parsers use the JIT: ASan/UBSan and TSan cover them.
if [ -x build-ci/cli/refparse ]; then
  vg="valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect"
  RP_TEST_NO_JIT=1 mtest build-ci valgrind --suite corpus --wrapper "$vg" --timeout-multiplier 10
  # the CLI itself, threaded, over every corpus reference, every output path
  cat corpus/*.jsonl > build-ci/vg-input.jsonl
  : > build-ci/vg-cli.tap
  for args in "parse -j 2" "parse -j 1 --to vancouver" "normalize" "normalize --render vancouver --ascii" \
      "parse -j 2 --to bibtex" "parse -j 2 --to csl-json"; do
    if $vg build-ci/cli/refparse $args --no-jit --quiet --input jsonl build-ci/vg-input.jsonl >/dev/null; then
      echo "ok - valgrind: refparse $args over corpus/*.jsonl" >> build-ci/vg-cli.tap
    else
      echo "not ok - valgrind: refparse $args over corpus/*.jsonl" >> build-ci/vg-cli.tap
      status=1
    fi
  done
  # the dev sets beside the checkout, when there (read, never copied)
  if ls ../shared/gold/*.dev.jsonl >/dev/null 2>&1; then
    cat ../shared/gold/*.dev.jsonl > build-ci/vg-dev.jsonl
    if $vg build-ci/cli/refparse parse -j 2 --no-jit --quiet --input jsonl build-ci/vg-dev.jsonl >/dev/null; then
      echo "ok - valgrind: refparse parse -j 2 over ../shared/gold/*.dev.jsonl" >> build-ci/vg-cli.tap
    else
      echo "not ok - valgrind: refparse parse -j 2 over ../shared/gold/*.dev.jsonl" >> build-ci/vg-cli.tap
      status=1
    fi
  else
    echo "ok - valgrind: ../shared/gold # SKIP not present" >> build-ci/vg-cli.tap
  fi
  cat build-ci/vg-cli.tap
fi

step "ThreadSanitizer"
if build build-tsan --buildtype=debug -Db_sanitize=thread -Db_lundef=false; then
  TSAN_OPTIONS=halt_on_error=1 RP_TEST_SANITIZED=1 RP_TEST_SKIP_HUGE=1 \
    mtest build-tsan tsan --suite unit --suite cli --timeout-multiplier 4
fi

step "portable code path, pattern guards checked"
if build build-portable --buildtype=release -Dsimd=false -Dcheck_guards=true; then
  mtest build-portable portable --suite golden --suite corpus
fi

step "summary"
/usr/bin/python3 - $logs build-ci/vg-cli.tap <<'PY'
import json, re, sys
passed = failed = skipped = todo = 0
for path in sys.argv[1:]:
    try:
        lines = open(path, encoding="utf-8").read().splitlines()
    except OSError:
        failed += 1
        print(f"missing: {path}")
        continue
    if path.endswith(".tap"):
        tests = [{"name": path, "result": "OK", "stdout": "\n".join(lines), "protocol": "tap"}]
    else:
        tests = [json.loads(l) for l in lines if l.strip()]
    label = path.split(".")[-3] if not path.endswith(".tap") else "valgrind-cli"
    for t in tests:
        out = t.get("stdout") or t.get("stdo") or ""
        oks = nots = 0
        for l in out.splitlines():
            m = re.match(r"(not ok|ok)\b(.*)", l)
            if not m:
                continue
            rest = m.group(2)
            if "# SKIP" in rest:
                skipped += 1
            elif "# TODO" in rest:
                todo += 1
                if m.group(1) == "ok":   # an unexpected pass fails the run
                    nots += 1
            elif m.group(1) == "ok":
                oks += 1
            else:
                nots += 1
        bad = t.get("result") not in ("OK", "EXPECTEDFAIL", "SKIP")
        if oks == 0 and nots == 0:
            oks, nots = (0, 1) if bad else (1, 0)
        elif bad and nots == 0:
            nots = 1  # crashed or exited non-zero after its TAP lines
        passed += oks
        failed += nots
        if bad:
            print(f"FAILED: [{label}] {t.get('name')} ({t.get('result')})")
print(f"{skipped} skipped, {todo} known failures (TODO)")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
rc=$?
[ $rc -ne 0 ] && status=1
exit $status
