#!/usr/bin/env python3
"""Golden outputs: the exact bytes refparse writes for a fixed set of inputs.

    golden.py check  REFPARSE ROOT [--no-jit]   TAP: compare byte for byte
    golden.py record REFPARSE ROOT              rewrite tests/golden/, summarise

Inputs: every corpus/*.jsonl file (read with --input jsonl) and
tests/golden/generated.txt (20,000 damaged lines made once by bench/gen.py and
kept, so later corpus edits do not change it). For each input three outputs
are kept under tests/golden/:

    NAME.parse.jsonl       refparse parse
    NAME.normalize.txt     refparse normalize
    NAME.vancouver.txt     refparse normalize --render vancouver

`check` runs refparse on every input and compares with the kept files. On a
difference it prints, for the first records that differ, a field-level diff
(CSL-JSON keys, or the text line) so the change can be read.

With --no-jit the same files are compared with PCRE2's interpreter in place
of its JIT. The interpreter counts its match limit differently, so a few
records hit a limit under one and not the other; tests/golden/nojit.txt lists
them as "NAME LINE" (written by `record`), and only they may differ.

`record` rewrites every output, rewrites nojit.txt, and prints what changed
per file (records changed, and per CSL-JSON key how many records changed it),
so a behaviour change is reviewed as `git diff tests/golden/` plus that
summary.
"""
import json
import os
import subprocess
import sys

COMMANDS = [
    ("parse.jsonl", ["parse"]),
    ("normalize.txt", ["normalize"]),
    ("vancouver.txt", ["normalize", "--render", "vancouver"]),
]
MAX_SHOWN = 5


def inputs(root):
    """(name, path, input args) for every golden input, in a fixed order."""
    out = []
    cdir = os.path.join(root, "corpus")
    for f in sorted(os.listdir(cdir)):
        if f.endswith(".jsonl"):
            out.append((f[:-6], os.path.join(cdir, f), ["--input", "jsonl"]))
    out.append(("generated", os.path.join(root, "tests", "golden", "generated.txt"), []))
    return out


def run(exe, args, path, nojit=False):
    cmd = [exe] + args + (["--no-jit"] if nojit else []) + ["--quiet", "-j", "2", path]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    if p.returncode != 0:
        raise RuntimeError("%s: exit %d: %s" % (" ".join(cmd), p.returncode, p.stderr.decode(errors="replace")[:300]))
    return p.stdout


def lines(b):
    return b.decode("utf-8", errors="surrogateescape").split("\n")


def field_diff(old, new):
    """Readable difference between two output lines."""
    try:
        a, b = json.loads(old), json.loads(new)
    except ValueError:
        return ["  - " + old, "  + " + new]
    out = []
    for k in sorted(set(a) | set(b)):
        if a.get(k) != b.get(k):
            if k == "custom" and isinstance(a.get(k), dict) and isinstance(b.get(k), dict):
                for ck in sorted(set(a[k]) | set(b[k])):
                    if a[k].get(ck) != b[k].get(ck):
                        out.append("  custom.%s: %s -> %s" % (ck, json.dumps(a[k].get(ck), ensure_ascii=False),
                                                             json.dumps(b[k].get(ck), ensure_ascii=False)))
                continue
            out.append("  %s: %s -> %s" % (k, json.dumps(a.get(k), ensure_ascii=False),
                                         json.dumps(b.get(k), ensure_ascii=False)))
    return out


def changed_keys(old, new):
    if not old:
        return ["(added)"]
    if not new:
        return ["(removed)"]
    try:
        a, b = json.loads(old), json.loads(new)
    except ValueError:
        return ["text"]
    keys = []
    for k in sorted(set(a) | set(b)):
        if a.get(k) == b.get(k):
            continue
        if k == "custom" and isinstance(a.get(k), dict) and isinstance(b.get(k), dict):
            keys += ["custom." + ck for ck in sorted(set(a[k]) | set(b[k])) if a[k].get(ck) != b[k].get(ck)]
        else:
            keys.append(k)
    return keys


def load_nojit(gdir):
    allowed = set()
    try:
        with open(os.path.join(gdir, "nojit.txt"), encoding="utf-8") as f:
            for l in f:
                l = l.split("#")[0].split()
                if len(l) == 2:
                    allowed.add((l[0], int(l[1])))
    except OSError:
        pass
    return allowed


def check(exe, root, nojit):
    gdir = os.path.join(root, "tests", "golden")
    allowed = load_nojit(gdir) if nojit else set()
    tests = [(n, p, a, suf, args) for (n, p, a) in inputs(root) for (suf, args) in COMMANDS]
    print("1..%d" % len(tests))
    failed = 0
    for i, (name, path, iargs, suf, args) in enumerate(tests, 1):
        label = "%s.%s%s" % (name, suf, " (--no-jit)" if nojit else "")
        gpath = os.path.join(gdir, name + "." + suf)
        try:
            want = open(gpath, "rb").read()
        except OSError:
            print("not ok %d - %s: no golden file %s (run golden.py record)" % (i, label, gpath))
            failed += 1
            continue
        got = run(exe, args + iargs, path, nojit)
        if got == want:
            print("ok %d - %s" % (i, label))
            continue
        wl, gl = lines(want), lines(got)
        diffs = []
        for j in range(max(len(wl), len(gl))):
            w = wl[j] if j < len(wl) else "<missing>"
            g = gl[j] if j < len(gl) else "<missing>"
            if w != g and (name, j + 1) not in allowed:
                diffs.append((j + 1, w, g))
        if not diffs:
            print("ok %d - %s (differs only on the %s known --no-jit lines)" % (i, label, "listed"))
            continue
        failed += 1
        print("not ok %d - %s: %d line(s) differ from %s" % (i, label, len(diffs), os.path.relpath(gpath, root)))
        for (ln, w, g) in diffs[:MAX_SHOWN]:
            print("# line %d:" % ln)
            for d in field_diff(w, g):
                print("#" + d)
        if len(diffs) > MAX_SHOWN:
            print("# ... and %d more" % (len(diffs) - MAX_SHOWN))
    if failed:
        print("# re-record after review: python3 tests/golden.py record BUILD/cli/refparse .")
    return 1 if failed else 0


def record(exe, root):
    gdir = os.path.join(root, "tests", "golden")
    nojit_lines = []
    total = 0
    for (name, path, iargs) in inputs(root):
        for (suf, args) in COMMANDS:
            gpath = os.path.join(gdir, name + "." + suf)
            got = run(exe, args + iargs, path)
            try:
                old = open(gpath, "rb").read()
            except OSError:
                old = None
            if old != got:
                if old is None:
                    print("%s.%s: new (%d lines)" % (name, suf, got.count(b"\n")))
                else:
                    ol, nl = lines(old), lines(got)
                    keys = {}
                    n = 0
                    for j in range(max(len(ol), len(nl))):
                        a = ol[j] if j < len(ol) else ""
                        b = nl[j] if j < len(nl) else ""
                        if a != b:
                            n += 1
                            for k in changed_keys(a, b):
                                keys[k] = keys.get(k, 0) + 1
                    total += n
                    ks = ", ".join("%s %d" % kv for kv in sorted(keys.items(), key=lambda kv: (-kv[1], kv[0])))
                    print("%s.%s: %d record(s) changed (%s)" % (name, suf, n, ks))
                with open(gpath, "wb") as f:
                    f.write(got)
            nj = run(exe, args + iargs, path, nojit=True)
            if nj != got:
                for j, (a, b) in enumerate(zip(lines(got), lines(nj))):
                    if a != b:
                        nojit_lines.append((name, j + 1, suf))
    seen = set()
    with open(os.path.join(gdir, "nojit.txt"), "w", encoding="utf-8") as f:
        f.write("# NAME LINE: records whose output differs under --no-jit (a PCRE2\n"
                "# match limit reached by the interpreter only). Written by golden.py record.\n")
        for (name, ln, suf) in nojit_lines:
            if (name, ln) not in seen:
                seen.add((name, ln))
                f.write("%s %d  # %s\n" % (name, ln, suf))
    print("golden: %d record(s) changed in all; %d line(s) differ under --no-jit" % (total, len(seen)))
    return 0


def main():
    if len(sys.argv) < 4 or sys.argv[1] not in ("check", "record"):
        print(__doc__, file=sys.stderr)
        return 2
    exe, root = os.path.abspath(sys.argv[2]), os.path.abspath(sys.argv[3])
    if sys.argv[1] == "record":
        return record(exe, root)
    return check(exe, root, "--no-jit" in sys.argv[4:])


if __name__ == "__main__":
    sys.exit(main())
