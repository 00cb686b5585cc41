#!/usr/bin/env python3
"""cli_test.py: the refparse command as a user runs it (TAP).

usage: cli_test.py REFPARSE SOURCE_ROOT VERSION

(a) a bulleted reference list (corpus/seeds.jsonl raws prefixed "  • "):
    one CSL-JSON line per input line, in order, ids 1..N, each valid against
    refparse's structural CSL check (tests/csl_check.py) and, when
    ../shared is present, the official schema, same fields as
    without bullets;
(b) --input jsonl: string and integer ids pass through; garbage lines give
    one record each with a warning;
(c) exit codes and --help / --version;
(d) -j 1, -j 2 and -j 4 give byte-identical output on 3000 lines;
(e) normalize: one output line per input line.
"""
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Tap  # noqa: E402
import csl_check  # noqa: E402

try:
    import jsonschema
except ImportError:  # reported as a failure below, not a crash
    jsonschema = None

EXE, ROOT, VERSION = sys.argv[1], sys.argv[2], sys.argv[3]
t = Tap()
tmp = tempfile.TemporaryDirectory(prefix="rp-cli-")


def path(name):
    return os.path.join(tmp.name, name)


def write(name, data):
    p = path(name)
    with open(p, "wb") as f:
        f.write(data.encode("utf-8") if isinstance(data, str) else data)
    return p


def run(*args, stdin=None, timeout=120):
    return subprocess.run([EXE, *args], input=stdin, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, timeout=timeout)


def lines(out):
    text = out.decode("utf-8")
    return text.split("\n")[:-1] if text.endswith("\n") else text.split("\n")


def seeds():
    with open(os.path.join(ROOT, "corpus", "seeds.jsonl"), encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def validator():
    """The official CSL-JSON schema (tests/data/csl-data.json, MIT)."""
    p = os.path.join(ROOT, "tests", "data", "csl-data.json")
    if jsonschema is None or not os.path.exists(p):
        return None
    with open(p, encoding="utf-8") as f:
        schema = json.load(f)
    item = dict(schema["items"])
    item["definitions"] = schema["definitions"]
    item["$schema"] = schema["$schema"]
    cls = jsonschema.validators.validator_for(item)
    cls.check_schema(item)
    return cls(item)


SEEDS = seeds()
RAWS = [r["raw"] for r in SEEDS]

# ---- (a) a bulleted list ------------------------------------------------------
bulleted = write("list.txt", "".join(f"  \u2022 {r}\n" for r in RAWS))
plain = write("plain.txt", "".join(f"{r}\n" for r in RAWS))
p = run("parse", "--quiet", bulleted)
t.eq(p.returncode, 0, "parse list: exit 0")
out = lines(p.stdout)
t.eq(len(out), len(RAWS), f"parse list: {len(RAWS)} lines in, as many out")
items = []
for i, line in enumerate(out):
    try:
        items.append(json.loads(line))
    except ValueError as e:
        items.append(None)
        t.diag(f"line {i + 1} is not JSON: {e}")
t.ok(all(isinstance(x, dict) for x in items), "parse list: every line is a JSON object")
t.eq([x.get("id") if isinstance(x, dict) else None for x in items],
     list(range(1, len(RAWS) + 1)), "parse list: ids are the numbers 1..N, in order")
bad = [(i + 1, csl_check.check(x)) for i, x in enumerate(items)]
bad = [(n, e) for n, e in bad if e]
t.ok(not bad, "parse list: every item passes the CSL-JSON structural check",
     diag="\n".join(f"line {n}: {e}" for n, e in bad[:5]))
t.ok(csl_check.check({"id": 1, "type": "no-such-type", "titel": "x"}),
     "structural check rejects an unknown type and key (the check can fail)")
v = validator()
if v is None:
    t.skip("parse list: every item validates against the official CSL-JSON schema",
           "python3-jsonschema not installed")
    t.skip("schema validator rejects an unknown type", "no schema")
else:
    bad = []
    for i, x in enumerate(items):
        errs = sorted(v.iter_errors(x), key=lambda e: list(e.path)) if x is not None else ["not JSON"]
        if errs:
            bad.append((i + 1, str(errs[0])[:300]))
    t.ok(not bad, "parse list: every item validates against the official CSL-JSON schema",
         diag="\n".join(f"line {n}: {e}" for n, e in bad[:5]))
    t.ok(list(v.iter_errors({"id": 1, "type": "no-such-type"})),
         "schema validator rejects an unknown type (the check can fail)")
t.ok(all(isinstance(x, dict) and x.get("title") == s["gold"].get("title")
         for x, s in zip(items, SEEDS)),
     "parse list: titles equal the seeds' gold titles (bullets do not leak in)",
     diag=next((f"line {i + 1}: {x.get('title')!r} vs {s['gold'].get('title')!r}"
                for i, (x, s) in enumerate(zip(items, SEEDS))
                if isinstance(x, dict) and x.get("title") != s["gold"].get("title")), None))
p1 = run("parse", "--quiet", "--no-custom", bulleted)
p2 = run("parse", "--quiet", "--no-custom", plain)
t.ok(p1.stdout == p2.stdout and p1.stdout,
     "parse --no-custom: bulleted and plain lists give identical output")
t.ok(all(isinstance(x, dict) and any(w["code"] == "marker"
                                    for w in x.get("custom", {}).get("warnings", []))
         for x in items), "parse list: every bulleted line carries a 'marker' warning")
p3 = run("parse", "--quiet", "--no-custom", stdin=open(plain, "rb").read())
t.ok(p3.returncode == 0 and p3.stdout == p2.stdout, "parse from stdin == parse FILE")
p4 = run("parse", "--quiet", "--no-custom", "-", stdin=open(plain, "rb").read())
t.ok(p4.returncode == 0 and p4.stdout == p2.stdout, "parse - (stdin) == parse FILE")

# two files: ids keep counting; a file without a final newline still ends a record
f1 = write("f1.txt", "Smith J. The first study of things. J Foo. 2001;1:1.\n"
           "Smith J. The second study of things. J Foo. 2001;1:2.")
f2 = write("f2.txt", "Smith J. The third study of things. J Foo. 2001;1:3.\n")
p = run("parse", "--quiet", f1, f2)
got = [json.loads(l) for l in lines(p.stdout)]
t.eq([(x["id"], x.get("title")) for x in got], [(1, "The first study of things"), (2, "The second study of things"),
      (3, "The third study of things")],
     "parse F1 F2: ids count across files, titles in order")

# --to vancouver, exact
murry = ("Murry CE, Soonpaa MH, Reinecke H, et al. Haematopoietic stem cells do not "
         "transdifferentiate into cardiac myocytes in myocardial infarcts. Nature. "
         "2004;428(6983):664\u20138.")
p = run("parse", "--quiet", "--to", "vancouver", stdin=(murry + "\n").encode())
t.eq(p.stdout.decode(), murry.replace("664\u20138", "664-668") + "\n",
     "parse --to vancouver: canonical string with expanded pages")

# ---- (b) --input jsonl -----------------------------------------------------------
recs = [json.dumps({"id": r["id"], "raw": r["raw"]}) for r in SEEDS[:20]]
jl = write("in.jsonl", "\n".join(recs) + "\n")
p = run("parse", "--quiet", "--input", "jsonl", jl)
got = [json.loads(l) for l in lines(p.stdout)]
t.eq([x["id"] for x in got], [r["id"] for r in SEEDS[:20]],
     "--input jsonl: string ids pass through unchanged, in order")
mixed = [
    json.dumps({"id": "a\u00e9\"b", "raw": RAWS[0]}),
    json.dumps({"id": 77, "raw": RAWS[1]}),
    "this is not JSON",
    "[1, 2, 3]",
    json.dumps({"id": "noraw"}),
    json.dumps({"id": "numraw", "raw": 5}),
    "{\"id\": \"trunc\", \"raw\": \"Smith",
    json.dumps({"ref": "Smith J. A keyed study of things. J Foo. 2001;1:1.", "key": "k1"}),
]
mj = write("mixed.jsonl", "\n".join(mixed) + "\n")
p = run("parse", "--quiet", "--input", "jsonl", mj)
t.eq(p.returncode, 0, "--input jsonl with garbage lines: exit 0")
got = [json.loads(l) for l in lines(p.stdout)]
t.eq(len(got), len(mixed), "--input jsonl: one record per non-blank input line, garbage included")
t.eq([x["id"] for x in got[:2]], ["a\u00e9\"b", 77],
     "--input jsonl: string id (escapes, UTF-8) and integer id kept")


def warned(x):
    return bool(x.get("custom", {}).get("warnings"))


t.ok(all(warned(x) for x in got[2:7]),
     "--input jsonl: each garbage line (not JSON, array, no raw, numeric raw, cut) has a warning",
     diag=[x for x in got[2:7] if not warned(x)])
t.eq([x["id"] for x in got[2:7]], [3, 4, "noraw", "numraw", 7],
     "--input jsonl: garbage records keep their id or the line number")
p = run("parse", "--quiet", "--input", "jsonl", "--id-key", "key", "--raw-key", "ref",
        write("keyed.jsonl", mixed[-1] + "\n"))
got = [json.loads(l) for l in lines(p.stdout)]
t.eq([(x["id"], x.get("title")) for x in got], [("k1", "A keyed study of things")], "--id-key / --raw-key")

# Blank lines: every input line gives one output line "even when it is empty",
# so a blank JSONL line gives a record with a warning.
blank = write("blank.jsonl", recs[0] + "\n\n   \n" + recs[1] + "\n")
p = run("parse", "--quiet", "--input", "jsonl", blank)
got = [json.loads(l) for l in lines(p.stdout)]
t.ok(p.returncode == 0 and got and got[0]["id"] == SEEDS[0]["id"] and got[-1]["id"] == SEEDS[1]["id"],
     "--input jsonl with blank lines: exit 0, first and last records in place")
t.eq(len(got), 4, "--input jsonl: a blank line still gives one record")
t.ok(len(got) == 4 and all(w["code"] == "input" for w in got[1].get("custom", {}).get("warnings", []))
     and got[1].get("custom", {}).get("warnings") and got[1]["id"] == 2,
     "--input jsonl: the blank line's record has id = line number and an 'input' warning",
     diag=got[1:3])

# ---- (c) exit codes, help, version --------------------------------------------------
p = run("parse", "--no-such-option", plain)
t.eq(p.returncode, 2, "unknown option: exit 2")
t.ok(b"--no-such-option" in p.stderr, "unknown option: named on stderr")
t.eq(run("frobnicate").returncode, 2, "unknown command: exit 2")
t.eq(run().returncode, 2, "no arguments: exit 2")
t.eq(run("parse", "-j", "0", plain).returncode, 2, "-j 0: exit 2")
t.eq(run("parse", "-j").returncode, 2, "-j without a value: exit 2")
t.eq(run("parse", "--input", "xml", plain).returncode, 2, "--input xml: exit 2")
t.eq(run("parse", "--to", "xml", plain).returncode, 2, "--to xml: exit 2")
t.eq(run("eval").returncode, 2, "eval without GOLD: exit 2")
missing = path("does-not-exist.txt")
p = run("parse", missing)
t.eq(p.returncode, 1, "missing input file: exit 1")
t.ok(missing.encode() in p.stderr, "missing input file: named on stderr")
t.eq(p.stdout, b"", "missing input file: nothing on stdout")
t.eq(run("normalize", missing).returncode, 1, "normalize missing file: exit 1")
t.eq(run("eval", missing).returncode, 1, "eval missing file: exit 1")
for flag in ("--help", "-h"):
    p = run(flag)
    t.eq(p.returncode, 0, f"{flag}: exit 0")
    text = p.stdout.decode()
    t.ok(all(f"\n  {c} " in text for c in ("parse", "normalize", "eval")),
         f"{flag}: mentions every command (parse, normalize, eval)", diag=text)
p = run("parse", "--help")
t.ok(p.returncode == 0 and b"normalize" in p.stdout, "parse --help: exit 0, usage on stdout")
for args in (["--version"], ["parse", "--version"]):
    p = run(*args)
    t.eq((p.returncode, p.stdout.decode()), (0, f"refparse {VERSION}\n"),
         f"{' '.join(args)}: prints 'refparse {VERSION}'")

# ---- (d) -j N gives the same bytes ------------------------------------------------------
big = []
while len(big) < 3000:
    big.extend(RAWS)
big = big[:3000]
bigf = write("big.txt", "".join(r + "\n" for r in big))
outs = {}
for j in ("1", "2", "4"):
    p = run("parse", "--quiet", "-j", j, bigf)
    outs[j] = p.stdout
    t.eq(p.returncode, 0, f"-j {j} on 3000 lines: exit 0")
t.eq(len(lines(outs["1"])), 3000, "-j 1: 3000 output lines")
t.ok(outs["1"] == outs["2"], "-j 1 and -j 2 outputs are byte-identical")
t.ok(outs["1"] == outs["4"], "-j 1 and -j 4 outputs are byte-identical")
pn1 = run("normalize", "--quiet", "-j", "1", bigf)
pn2 = run("normalize", "--quiet", "-j", "2", bigf)
t.ok(pn1.stdout == pn2.stdout and pn1.returncode == 0, "normalize -j 1 and -j 2 byte-identical")

# ---- (e) normalize --------------------------------------------------------------------------
messy = RAWS[:30] + ["", "   ", "\u2022", "Cells. 2022;11(15):2300. Vol Page 2022;11:2300.", "x" * 100]
nf = write("norm.txt", "".join(f"  \u2022 {r}\n" if i % 2 else f"{r}\n" for i, r in enumerate(messy)))
p = run("normalize", "--quiet", nf)
t.eq(p.returncode, 0, "normalize: exit 0")
got = lines(p.stdout)
t.eq(len(got), len(messy), "normalize: one output line per input line (blank lines too)")
t.ok(not any(l.lstrip().startswith("\u2022") for l in got), "normalize: bullets stripped")
t.eq(got[len(messy) - 2] if len(got) == len(messy) else None, "Cells. 2022;11(15):2300.",
     "normalize: duplicated locator removed")
p = run("normalize", "--quiet", "--ascii", stdin="M\u0171zes G, L\u00f6tvall J. Title.\n".encode())
t.eq(p.stdout, b"Muzes G, Lotvall J. Title.\n", "normalize --ascii folds to ASCII")
p = run("normalize", "--quiet", "--render", "vancouver", stdin=(murry + "\n").encode())
t.eq(p.stdout.decode(), murry.replace("664\u20138", "664-668") + "\n",
     "normalize --render vancouver")

# ---- --titlecase-names --------------------------------------------------------------
tc = write("caps.txt", "SILVA, J. A.; DE LA CRUZ, M. Titulo. Rev Bras, v. 1, n. 2, p. 3-4, 2001.\n")
p = run("parse", "--quiet", "--titlecase-names", tc)
fams = [" ".join(filter(None, (a.get("non-dropping-particle"), a.get("family"))))
        for a in json.loads(p.stdout.decode())["author"]] if p.returncode == 0 else None
t.eq(fams, ["Silva", "de la Cruz"], "--titlecase-names: capitals to title case, particles lower case")
p = run("parse", "--quiet", tc)
fams = [a.get("family") for a in json.loads(p.stdout.decode())["author"]] if p.returncode == 0 else None
t.eq(fams, ["SILVA", "DE LA CRUZ"], "without --titlecase-names: names as printed")

tmp.cleanup()
sys.exit(t.done())
