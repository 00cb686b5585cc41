#!/usr/bin/env python3
"""manpage_test.py MAN3 HEADER EXAMPLE_C EXAMPLE_EXE: refparse(3) (TAP).

Every RP_API function of refparse.h is named in the page as `.BR name ()`;
groff renders the page without a warning (skipped without groff); the
page's EXAMPLE is examples/bibtex_many.c (less the file's opening comment);
the built example prints exactly the two BibTeX entries below.
"""
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Tap  # noqa: E402

man, header, example_c, example_exe = sys.argv[1:5]
t = Tap()
page = open(man, encoding="utf-8").read()
api = re.findall(r"RP_API\s+[^;(]*?\**(rp_\w+)\(", open(header, encoding="utf-8").read())
t.ok(len(api) >= 40, f"{len(api)} public functions found in refparse.h")
missing = [f for f in api if f".BR {f} ()" not in page]
t.ok(not missing, "refparse(3) names every public function", diag=missing)

if shutil.which("groff"):
    p = subprocess.run(["groff", "-man", "-Tutf8", "-ww", man], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    t.ok(p.returncode == 0 and not p.stderr, "groff -man -ww renders refparse(3) without a warning",
         diag=p.stderr.decode(errors="replace"))
else:
    t.skip("groff renders refparse(3) without a warning", "groff is not installed")

m = re.search(r"^\.SH EXAMPLE\n\.nf\n(.*?)^\.fi$", page, re.S | re.M)
shown = m.group(1).replace("\\-", "-") if m else None
code = open(example_c, encoding="utf-8").read()
code = re.sub(r"\A/\*.*?\*/\n", "", code, flags=re.S)
t.eq(shown, code, "the EXAMPLE of refparse(3) is examples/bibtex_many.c")

p = subprocess.run([example_exe], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
t.eq(p.stdout.decode(), """@article{murry2004haematopoietic,
  author = {Murry, C. E. and Soonpaa, M. H.},
  title = {Haematopoietic stem cells},
  journal = {Nature},
  year = {2004},
  volume = {428},
  pages = {664--668},
}

@book{murry2004cardiac,
  author = {Murry, C. E.},
  title = {Cardiac regeneration},
  edition = {2},
  publisher = {Academic Press},
  address = {London},
  year = {2004},
}
""", "the example prints the two BibTeX entries")
sys.exit(t.done())
