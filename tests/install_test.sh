#!/bin/sh
# install_test.sh: what `meson install` puts in place works there (TAP).
#
#   install_test.sh BUILD_DIR [SANITIZERS]
#
# SANITIZERS: the build's b_sanitize ("address,undefined"; "none" or absent
# for none): the static program is linked with them, as the archive's
# objects need their runtimes.
#
# Installs the build into a scratch DESTDIR, moves the tree elsewhere (a
# prefix the build never knew), then: the installed refparse runs with no
# LD_LIBRARY_PATH (its install rpath is relative to itself); the header,
# pkg-config file, shared and static libraries and man pages are there; a program linked
# against the installed static library alone (no librefparse.so) parses a
# reference; each program of examples/ builds as a user builds it, with the
# flags of the installed refparse.pc (`pkg-config --cflags --libs refparse`),
# and prints what the same example built in the tree prints.
set -u
build=$1
san=${2:-none}
sanflag=""
[ "$san" = none ] || sanflag="-fsanitize=$san"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
n=0
fail=0
ok() { n=$((n + 1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fail=1; fi; }

meson install -C "$build" --no-rebuild --quiet --destdir "$tmp/stage" >"$tmp/install.log" 2>&1
ok $? "meson install --destdir"
prefix=$(meson introspect "$build" --buildoptions | python3 -c '
import json, sys
o = {x["name"]: x["value"] for x in json.load(sys.stdin)}
print(o["prefix"]); print(o["bindir"]); print(o["libdir"]); print(o["includedir"]); print(o["mandir"])')
pfx=$(echo "$prefix" | sed -n 1p)
bindir=$(echo "$prefix" | sed -n 2p)
libdir=$(echo "$prefix" | sed -n 3p)
incdir=$(echo "$prefix" | sed -n 4p)
mandir=$(echo "$prefix" | sed -n 5p)
mkdir -p "$tmp/moved"
mv "$tmp/stage$pfx" "$tmp/moved/root"
root=$tmp/moved/root
case $bindir in /*) bin=$tmp/stage$bindir ;; *) bin=$root/$bindir ;; esac
case $libdir in /*) lib=$tmp/stage$libdir ;; *) lib=$root/$libdir ;; esac
case $incdir in /*) inc=$tmp/stage$incdir ;; *) inc=$root/$incdir ;; esac
case $mandir in /*) man=$tmp/stage$mandir ;; *) man=$root/$mandir ;; esac

out=$(echo "Murry CE. Title of it. Nature. 2004;428:664-8." |
      env -u LD_LIBRARY_PATH "$bin/refparse" parse --quiet --no-custom 2>&1)
ok $? "installed refparse runs from a moved prefix without LD_LIBRARY_PATH"
case $out in *'"page":"664-668"'*) r=0 ;; *) r=1; echo "# $out" ;; esac
ok $r "installed refparse parses"
for f in "$lib/librefparse.so.0" "$lib/librefparse.a" "$lib/pkgconfig/refparse.pc" \
         "$inc/refparse.h" "$inc/refparse-version.h" "$man/man3/refparse.3" "$man/man1/refparse.1"; do
  [ -e "$f" ]
  ok $? "installed: ${f#$root/}"
done

cat >"$tmp/static.c" <<'C'
#include <refparse.h>
#include <stdio.h>
#include <string.h>
int main(void) {
  rp_parser *p;
  rp_result *r;
  const char *s = "Murry CE. Title of it. Nature. 2004;428:664-8.";
  if (rp_parser_new(NULL, &p) != RP_OK || rp_parse(p, s, strlen(s), &r) != RP_OK)
    return 1;
  puts(rp_result_field(r, RP_FIELD_PAGE, NULL));
  rp_result_free(r);
  rp_parser_free(p);
  return 0;
}
C
if command -v cc >/dev/null 2>&1 && command -v pkg-config >/dev/null 2>&1; then
  # the archive needs what refparse.pc's Requires.private names (its paths
  # point at the original prefix, so the dependencies are asked for directly)
  cc $sanflag -o "$tmp/static" "$tmp/static.c" -I"$inc" "$lib/librefparse.a" \
    $(pkg-config --libs libpcre2-8 icu-uc icu-i18n) -lpthread -lm >"$tmp/cc.log" 2>&1
  ok $? "a program links against librefparse.a"
  got=$(env -u LD_LIBRARY_PATH "$tmp/static" 2>&1)
  [ "$got" = "664-668" ]
  ok $? "the statically linked program parses (got $got)"
  ldd "$tmp/static" | grep -q librefparse
  [ $? != 0 ]
  ok $? "the statically linked program does not load librefparse.so"
else
  n=$((n + 1)); echo "ok $n - a program links against librefparse.a # SKIP no cc or pkg-config"
fi

# examples/*.c against the installed tree through its refparse.pc; the .pc
# names the prefix the build was configured with, so prefix is pointed at
# the moved tree
src=$(cd "$(dirname "$0")/.." && pwd)
if command -v cc >/dev/null 2>&1 && command -v pkg-config >/dev/null 2>&1; then
  for ex in "$src"/examples/*.c; do
    name=$(basename "$ex" .c)
    flags=$(PKG_CONFIG_PATH="$lib/pkgconfig" pkg-config --define-variable=prefix="$root" \
            --cflags --libs refparse 2>"$tmp/pc.log")
    ok $? "examples/$name.c: pkg-config --cflags --libs refparse answers from the installed .pc"
    case $flags in *"-I$root/"*"-L$root/"*"-lrefparse"*) r=0 ;; *) r=1; echo "# flags: $flags" ;; esac
    ok $r "examples/$name.c: the flags point into the installed tree"
    # shellcheck disable=SC2086
    cc $sanflag -o "$tmp/$name" "$ex" $flags >"$tmp/cc-$name.log" 2>&1
    ok $? "examples/$name.c builds against the installed header and library"
    got=$(env LD_LIBRARY_PATH="$lib" "$tmp/$name" 2>&1)
    r=$?
    want=$("$build/examples/$name" 2>&1)
    [ $r = 0 ] && [ -n "$got" ] && [ "$got" = "$want" ]
    ok $? "examples/$name runs on the installed librefparse.so and prints what the tree's build prints"
    env LD_LIBRARY_PATH="$lib" ldd "$tmp/$name" | grep -q "$lib/librefparse.so"
    ok $? "examples/$name loads the installed librefparse.so"
  done
else
  n=$((n + 1)); echo "ok $n - examples/ build against the installed library # SKIP no cc or pkg-config"
fi
echo "1..$n"
exit $fail
