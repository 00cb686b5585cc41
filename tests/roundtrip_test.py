#!/usr/bin/env python3
"""roundtrip_test.py: the Vancouver string refparse writes parses back to the
same fields (TAP).

    roundtrip_test.py REFPARSE ROOT [--list]

For every corpus/*.jsonl record that refparse parses as a journal article, a
book or a chapter:

    raw --parse--> A --parse --to vancouver--> string --parse--> B

and A and B must agree on title, container-title, author family names (with
their particles; an organisation by its name), year, volume, issue, page,
publisher, publisher-place and editor family names. A field missing on both
sides agrees. Container titles are compared without their periods: the
journal form prints a journal as NLM does, "J Chem Phys" for "J. Chem.
Phys.". A journal article's publisher and place are not compared, nor
its editors when it has authors (APA's "(A. Name, Ed.) Journal"): Citing
Medicine's journal form has no place for them, so the writer leaves them
out; the second parse must still find none.

One TAP line per record. Known failures are listed in
tests/roundtrip-xfail.txt as "ID FIELD  # reason": each listed field is
checked in its own TAP line marked TODO; the record's other fields must
still agree. A listed field that agrees again is reported "ok ... # TODO"
(an unexpected pass): delete its line. A record not listed that stops
agreeing fails the test.

--list prints, in place of TAP, an xfail line for every field that differs
today (to review and merge into tests/roundtrip-xfail.txt by hand), and the
share of records that round-trip. With --all-types as well, it measures
every record whatever its type (conference papers, theses, reports, web
pages, ...: the same fields, compared the same way) and prints the share
per type; only the three types above are tested.
"""
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Tap, short  # noqa: E402

TYPES = ("article-journal", "book", "chapter")
FIELDS = ("title", "container-title", "author", "year", "volume", "issue", "page",
          "publisher", "publisher-place", "editor")


def run(exe, args, path):
    p = subprocess.run([exe] + args + ["--quiet", "-j", "2", path], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    if p.returncode != 0:
        raise SystemExit(f"Bail out! refparse {' '.join(args)}: exit {p.returncode}: "
                         f"{p.stderr.decode(errors='replace')[:300]}")
    return p.stdout.decode("utf-8")


def families(names):
    out = []
    for n in names or []:
        if "literal" in n:
            out.append("=" + n["literal"])
        else:
            out.append(" ".join(x for x in (n.get("non-dropping-particle"), n.get("family")) if x))
    return out or None


def journal(title):
    """A container title without its periods and with single spaces: the
    Vancouver journal form prints a journal as NLM does, without the
    periods of its abbreviations ("J. Chem. Phys." is "J Chem Phys",
    "Yale L.J." is "Yale LJ")."""
    if title is None:
        return None
    return " ".join(title.replace(".", "").split())


def view(item):
    dp = item.get("issued", {}).get("date-parts", [[None]])[0]
    return {
        "title": item.get("title"),
        "container-title": journal(item.get("container-title")),
        "author": families(item.get("author")),
        "year": dp[0] if dp else None,
        "volume": item.get("volume"),
        "issue": item.get("issue"),
        "page": item.get("page"),
        "publisher": item.get("publisher"),
        "publisher-place": item.get("publisher-place"),
        "editor": families(item.get("editor")),
    }


def load_xfail(path):
    known = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            body, _, why = line.partition("#")
            parts = body.split()
            if not parts:
                continue
            if len(parts) != 2 or parts[1] not in FIELDS:
                raise SystemExit(f"Bail out! {path}:{n}: want 'ID FIELD  # reason', got {line.strip()!r}")
            known[(parts[0], parts[1])] = why.strip() or "known failure"
    return known


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    exe, root = sys.argv[1], sys.argv[2]
    listing = "--list" in sys.argv[3:]
    all_types = listing and "--all-types" in sys.argv[3:]
    cdir = os.path.join(root, "corpus")
    tmp = tempfile.mkdtemp(prefix="rp-roundtrip-")
    src = os.path.join(tmp, "all.jsonl")
    with open(src, "w", encoding="utf-8") as out:
        for name in sorted(os.listdir(cdir)):
            if name.endswith(".jsonl"):
                with open(os.path.join(cdir, name), encoding="utf-8") as f:
                    for line in f:
                        r = json.loads(line)
                        out.write(json.dumps({"id": r["id"], "raw": r["raw"]}, ensure_ascii=False) + "\n")
    first = [json.loads(l) for l in run(exe, ["parse", "--input", "jsonl", "--no-custom"], src).splitlines()]
    vanc = run(exe, ["parse", "--input", "jsonl", "--to", "vancouver"], src).split("\n")[:len(first)]
    chosen = [(a, v) for a, v in zip(first, vanc) if all_types or a.get("type") in TYPES]
    again_src = os.path.join(tmp, "again.jsonl")
    with open(again_src, "w", encoding="utf-8") as out:
        for a, v in chosen:
            out.write(json.dumps({"id": a["id"], "raw": v}, ensure_ascii=False) + "\n")
    again = [json.loads(l) for l in run(exe, ["parse", "--input", "jsonl", "--no-custom"], again_src).splitlines()]
    os.unlink(src)
    os.unlink(again_src)
    os.rmdir(tmp)

    known = load_xfail(os.path.join(root, "tests", "roundtrip-xfail.txt"))
    ids = {a["id"] for a, _ in chosen}
    t = Tap()
    stale = sorted(f"{i} {k}" for i, k in known if i not in ids)
    total = same = 0
    by_field = {}
    by_type = {}
    for (a, v), b in zip(chosen, again):
        total += 1
        va, vb = view(a), view(b)
        if a.get("type") == "article-journal":
            va["publisher"] = va["publisher-place"] = None  # not in the journal form
            if a.get("author"):
                va["editor"] = None  # an issue's editors: not in the journal form either
        diff = [k for k in FIELDS if va[k] != vb[k]]
        same += not diff
        for k in diff:
            by_field[k] = by_field.get(k, 0) + 1
        rid = a["id"]
        n_ok = by_type.setdefault(a.get("type"), [0, 0])
        n_ok[0] += 1
        n_ok[1] += not diff
        if listing:
            for k in diff:
                print(f"{rid} {k}  # {short(va[k], 60)} -> {short(vb[k], 60)}")
            continue
        listed = [k for k in FIELDS if (rid, k) in known]
        bad = [k for k in diff if k not in listed]
        t.ok(not bad, f"{rid} ({a['type']}): " + ", ".join(k for k in FIELDS if k not in listed) +
             " kept through the Vancouver string",
             diag="\n".join([f"vancouver: {v}"] + [f"{k}: {short(va[k])} -> {short(vb[k])}" for k in bad]))
        for k in listed:
            with t.todo(known[(rid, k)]):
                t.ok(k not in diff, f"{rid}: {k} kept through the Vancouver string",
                     diag=f"{short(va[k])} -> {short(vb[k])}\nvancouver: {v}")
    share = f"{same} of {total} records ({100.0 * same / max(total, 1):.2f}%) round-trip every field"
    fields = ", ".join(f"{k} {n}" for k, n in sorted(by_field.items(), key=lambda kv: -kv[1]))
    if listing:
        if all_types:
            for typ, (n, ok) in sorted(by_type.items(), key=lambda kv: (-kv[1][0], str(kv[0]))):
                print(f"# {typ}: {ok} of {n} ({100.0 * ok / n:.2f}%)")
        print(f"# {share}; records differing per field: {fields}")
        return 0
    t.ok(not stale, "tests/roundtrip-xfail.txt names only corpus journal articles, books and chapters",
         diag="\n".join(stale))
    t.diag(share)
    t.diag(f"records differing per field: {fields}")
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
