#!/usr/bin/env python3
"""run_pytest.py BUILD_PYTHON_DIR REFPARSE ROOT: the binding's pytest suite.

Exits 77 (meson: skipped) when pytest is not installed (Debian:
python3-pytest)."""
import os
import sys

try:
    import pytest
except ImportError:
    print("pytest is not installed: skipped")
    sys.exit(77)

pydir, exe, root = sys.argv[1:4]
sys.path.insert(0, pydir)
os.environ["PYTHONPATH"] = pydir + os.pathsep + os.environ.get("PYTHONPATH", "")
os.environ["REFPARSE_EXE"] = exe
os.environ["REFPARSE_ROOT"] = root
here = os.path.dirname(os.path.abspath(__file__))
sys.exit(pytest.main(["-q", "-p", "no:cacheprovider", os.path.join(here, "test_refparse.py")]))
