#!/bin/sh
# symbols_test.sh: the shared library exports only rp_* symbols (TAP).
# usage: symbols_test.sh path/to/librefparse.so path/to/refparse.h
# Linker-made symbols (_init, _fini, _edata, _end, __bss_start, ...) are
# ignored; everything else defined and dynamic must start with "rp_", and
# the rp_* set must be exactly the RP_API functions the header declares.
lib="$1"
header="$2"
echo "1..4"
if [ ! -f "$lib" ]; then
  echo "not ok 1 - library $lib exists"
  echo "not ok 2 - public entry points exported"
  echo "not ok 3 - only rp_* exported"
  echo "not ok 4 - exports match the header"
  exit 1
fi
echo "ok 1 - library $lib exists"
syms=$(nm -D --defined-only "$lib" 2>&1) || {
  echo "not ok 2 - nm -D --defined-only works"
  echo "$syms" | sed 's/^/# /'
  echo "not ok 3 - only rp_* exported"
  echo "not ok 4 - exports match the header"
  exit 1
}
names=$(printf '%s\n' "$syms" | awk 'NF >= 2 { print $NF }' | sed 's/@.*//' | sort -u)
# exports the header declares, at least these must be present
missing=""
for s in rp_parse rp_parser_new rp_write_csljson rp_strerror rp_version; do
  printf '%s\n' "$names" | grep -qx "$s" || missing="$missing $s"
done
if [ -z "$missing" ]; then
  echo "ok 2 - public entry points exported (rp_parse, rp_parser_new, ...)"
else
  echo "not ok 2 - public entry points exported"
  echo "# missing:$missing"
fi
leaks=$(printf '%s\n' "$names" | grep -v '^rp_' |
  grep -Ev '^(_init|_fini|_edata|_end|__bss_start|__bss_end__|_bss_end__|__end__|__data_start|_DYNAMIC|_GLOBAL_OFFSET_TABLE_|__dso_handle|__TMC_END__|__gmon_start__|_ITM_.*)$' || true)
# sanitizer builds export their runtime's interceptors from the .so
if [ -n "$leaks" ] && [ "${RP_TEST_SANITIZED:-0}" = 1 ]; then
  leaks=$(printf '%s\n' "$leaks" | grep -Ev '^(__asan|__ubsan|__sanitizer|__lsan|__odr_asan|___asan|__interceptor_|__sancov)' || true)
fi
if [ -z "$leaks" ]; then
  echo "ok 3 - only rp_* symbols exported ($(printf '%s\n' "$names" | grep -c '^rp_') rp_* symbols)"
else
  echo "not ok 3 - only rp_* symbols exported"
  printf '%s\n' "$leaks" | head -20 | sed 's/^/#   leaked: /'
fi
# every RP_API declaration exported, nothing else named rp_*
declared=$(tr '\n' ' ' < "$header" | grep -o 'RP_API[^;(]*(' | grep -o 'rp_[a-z0-9_]*($' | tr -d '(' | sort -u)
exported=$(printf '%s\n' "$names" | grep '^rp_' | sort -u)
if [ -n "$declared" ] && [ "$declared" = "$exported" ]; then
  echo "ok 4 - exported rp_* symbols == RP_API functions in refparse.h ($(printf '%s\n' "$declared" | wc -l))"
  same=1
else
  echo "not ok 4 - exported rp_* symbols == RP_API functions in refparse.h"
  printf '%s\n' "$declared" > "${TMPDIR:-/tmp}/rp-sym-d.$$"
  printf '%s\n' "$exported" > "${TMPDIR:-/tmp}/rp-sym-e.$$"
  diff "${TMPDIR:-/tmp}/rp-sym-d.$$" "${TMPDIR:-/tmp}/rp-sym-e.$$" | sed 's/^/# /'
  rm -f "${TMPDIR:-/tmp}/rp-sym-d.$$" "${TMPDIR:-/tmp}/rp-sym-e.$$"
  same=0
fi
[ -z "$missing" ] && [ -z "$leaks" ] && [ "$same" = 1 ]
