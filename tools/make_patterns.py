#!/usr/bin/env python3
"""make_patterns.py: compile lib/data/patterns.rx into a C header.

    make_patterns.py patterns.rx OUT.h

patterns.rx holds every PCRE2 pattern of the parser in free-spacing form:

    # a comment line
    define NAME                 a shared piece, used as {{NAME}} in patterns
      body...                   (defined before use; may use earlier pieces)
    pattern NAME [FLAG...]      a pattern, P_NAME in C; FLAG: caseless,
      body...                   offset_limit (rx.h's RPI_RX_* flags)

A body is every following indented line up to the next line that starts in
column 0. In a body, as in PCRE2's (?x) mode, white space outside a character
class is not part of the pattern, "#" outside a class starts a comment, and
"\\ " is a literal space; inside [...] every character counts. The generator
writes each pattern compact (no (?x) at run time) as a C string.

OUT.h defines for every file:
    enum rpi_pattern { P_NAME, ..., P_COUNT }
    G_NAME_GROUP     the number of each capture group of pattern NAME; every
                     capture group has a name, so none is read by number
    enum rpi_group   RPI_G_GROUP for every group name used by any pattern
    rpi_pattern_group[P_COUNT][RPI_G_COUNT]  (extern) the number of group
                     GROUP in a pattern, or -1: for code that handles several
                     patterns alike ("the volume of whichever matched")
and, where RPI_PATTERNS_DEFINE is defined before including it (one file):
    rpi_pattern_src[P_COUNT], rpi_pattern_flags[P_COUNT], the
    rpi_pattern_group table, and rpi_pattern_groups[] ({pattern, number,
    name}) with which the parser checks the numbers against PCRE2's own,
    once, when it compiles the patterns.

Fails (exit 1, message naming the line) on an unknown flag, an undefined
{{piece}}, a piece defined twice or never used, a duplicate pattern name,
unbalanced brackets or a pattern with an empty body.
"""
import re
import sys

FLAGS = {"caseless": "RPI_RX_CASELESS", "offset_limit": "RPI_RX_OFFSET_LIMIT"}


class Error(Exception):
    pass


def read_blocks(path):
    blocks = []  # (kind, name, flags, [lines], lineno)
    with open(path, encoding="utf-8") as f:
        for no, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            if line[0] in " \t":
                if not blocks:
                    raise Error("%s:%d: body line before any define/pattern" % (path, no))
                blocks[-1][3].append((no, line))
                continue
            words = line.split()
            if words[0] not in ("define", "pattern") or len(words) < 2:
                raise Error("%s:%d: expected 'define NAME' or 'pattern NAME [FLAG...]'" % (path, no))
            if words[0] == "define" and len(words) != 2:
                raise Error("%s:%d: a define takes no flags" % (path, no))
            for fl in words[2:]:
                if fl not in FLAGS:
                    raise Error("%s:%d: unknown flag %r (known: %s)" % (path, no, fl, ", ".join(FLAGS)))
            blocks.append((words[0], words[1], words[2:], [], no))
    return blocks


def compact(path, lines):
    """The pattern text of body lines, free spacing and comments removed."""
    out = []
    depth_class = False
    for no, line in lines:
        i = 0
        while i < len(line):
            c = line[i]
            if depth_class:
                out.append(c)
                if c == "\\" and i + 1 < len(line):
                    out.append(line[i + 1])
                    i += 2
                    continue
                if c == "]":
                    depth_class = False
                i += 1
                continue
            if c == "\\" and i + 1 < len(line):
                if line[i + 1] == " ":
                    out.append(" ")
                else:
                    out.append(line[i:i + 2])
                i += 2
                continue
            if c in " \t":
                i += 1
                continue
            if c == "#":
                break
            if c == "[":
                depth_class = True
                out.append(c)
                # a ']' right after '[' or '[^' is a literal
                j = i + 1
                if j < len(line) and line[j] == "^":
                    out.append("^")
                    j += 1
                if j < len(line) and line[j] == "]":
                    out.append("]")
                    j += 1
                i = j
                continue
            out.append(c)
            i += 1
        if depth_class:
            raise Error("%s:%d: a character class may not span lines" % (path, no))
    return "".join(out)


def expand(path, no, text, pieces, used):
    def sub(m):
        name = m.group(1)
        if name not in pieces:
            raise Error("%s:%d: {{%s}} is not defined above" % (path, no, name))
        used.add(name)
        return pieces[name]
    return re.sub(r"\{\{([A-Z][A-Z0-9_]*)\}\}", sub, text)


def groups(path, no, text):
    """Named capture groups in order, with PCRE2's numbers; checks brackets."""
    out = []
    num = 0
    depth = 0
    i = 0
    in_class = False
    while i < len(text):
        c = text[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            if c == "]":
                in_class = False
            i += 1
            continue
        if c == "[":
            in_class = True
            i += 1
            if text[i:i + 1] == "^":
                i += 1
            if text[i:i + 1] == "]":
                i += 1
            continue
        if c == "(":
            depth += 1
            if text.startswith("(?<", i) and text[i + 3:i + 4] not in ("=", "!"):
                num += 1
                name = text[i + 3:text.index(">", i)]
                out.append((name, num))
            elif text.startswith("(?P<", i):
                num += 1
                out.append((text[i + 4:text.index(">", i)], num))
            elif not text.startswith("(?", i) and not text.startswith("(*", i):
                raise Error("%s:%d: a capture group without a name: write (?<name>...) or (?:...)"
                            % (path, no))
        elif c == ")":
            depth -= 1
            if depth < 0:
                raise Error("%s:%d: unbalanced ')'" % (path, no))
        i += 1
    if depth != 0 or in_class:
        raise Error("%s:%d: unbalanced brackets" % (path, no))
    return out


def c_string(s):
    out = ['"']
    for ch in s:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) > 0x7E:
            raise Error("non-ASCII or control character in a pattern: write \\x{...}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def generate(path):
    pieces, used, pats = {}, set(), []
    defined_at = {}
    for kind, name, flags, lines, no in read_blocks(path):
        text = compact(path, lines)
        if not text:
            raise Error("%s:%d: %s %s has an empty body" % (path, no, kind, name))
        text = expand(path, no, text, pieces, used)
        if kind == "define":
            if name in pieces:
                raise Error("%s:%d: %s defined twice (first at line %d)" % (path, no, name, defined_at[name]))
            pieces[name] = text
            defined_at[name] = no
        else:
            if any(p[0] == name for p in pats):
                raise Error("%s:%d: pattern %s defined twice" % (path, no, name))
            pats.append((name, flags, text, groups(path, no, text)))
    unused = sorted(set(pieces) - used)
    if unused:
        raise Error("%s: defined but never used: %s" % (path, ", ".join(unused)))
    return pats


def write(pats, out):
    names = sorted({g for _, _, _, gs in pats for g, _ in gs})
    L = ["/* Generated by tools/make_patterns.py from lib/data/patterns.rx: do not edit. */",
         "#ifndef RP_RX_PATTERNS_H", "#define RP_RX_PATTERNS_H", "", '#include "rx.h"', "",
         "enum rpi_pattern {"]
    L += ["  P_%s," % name for name, _, _, _ in pats]
    L += ["  P_COUNT", "};", "", "enum rpi_group {"]
    L += ["  RPI_G_%s," % g.upper() for g in names]
    L += ["  RPI_G_COUNT", "};", ""]
    for name, _, _, gs in pats:
        for g, n in gs:
            L.append("#define G_%s_%s %d" % (name, g.upper(), n))
    L += ["", "extern const signed char rpi_pattern_group[P_COUNT][RPI_G_COUNT];", "",
          "#ifdef RPI_PATTERNS_DEFINE", "static const char *const rpi_pattern_src[P_COUNT] = {"]
    for name, _, text, _ in pats:
        L.append("    [P_%s] = %s," % (name, c_string(text)))
    L += ["};", "", "static const unsigned rpi_pattern_flags[P_COUNT] = {"]
    for name, flags, _, _ in pats:
        L.append("    [P_%s] = %s," % (name, " | ".join(FLAGS[f] for f in flags) or "0"))
    L += ["};", "", "const signed char rpi_pattern_group[P_COUNT][RPI_G_COUNT] = {"]
    for name, _, _, gs in pats:
        d = dict(gs)
        L.append("    [P_%s] = {%s}," % (name, ", ".join(str(d.get(g, -1)) for g in names)))
    L += ["};", "", "static const struct rpi_pattern_group {", "  unsigned char pattern;",
          "  unsigned char number;", "  const char *name;", "} rpi_pattern_groups[] = {"]
    for name, _, _, gs in pats:
        for g, n in gs:
            L.append('    {P_%s, %d, "%s"},' % (name, n, g))
    L += ["};", "#endif", "", "#endif", ""]
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(L))


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        write(generate(sys.argv[1]), sys.argv[2])
    except Error as e:
        print("make_patterns.py: " + str(e), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
