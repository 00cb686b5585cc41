"""taplib.py: a tiny TAP producer for the Python tests (stdlib only).

    t = Tap()
    t.ok(cond, "what", diag="shown when it fails")
    t.eq(got, expected, "what")
    t.skip("what", "why")
    with t.todo("library bug: ..."):
        t.eq(...)
    sys.exit(t.done())

done() prints the plan last ("1..N") and returns 1 when a check outside a
TODO block failed, so the exit status agrees with the TAP stream.
"""
import contextlib
import sys


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0
        self._todo = None

    def _line(self, ok, what, suffix=""):
        self.n += 1
        what = " ".join(str(what).split())  # one line, no '#' surprises
        what = what.replace("#", "\\#")
        todo = f" # TODO {self._todo}" if self._todo else ""
        print(f"{'ok' if ok else 'not ok'} {self.n} - {what}{suffix or todo}", flush=True)

    def diag(self, text):
        for line in str(text).splitlines() or [""]:
            print(f"# {line}", flush=True)

    def ok(self, cond, what, diag=None):
        cond = bool(cond)
        self._line(cond, what)
        if not cond:
            if not self._todo:
                self.failed += 1
            if diag is not None:
                self.diag(diag)
        return cond

    def eq(self, got, expected, what):
        return self.ok(got == expected, what,
                       diag=f"expected {short(expected)}\n     got {short(got)}")

    def skip(self, what, why):
        self._line(True, what, suffix=f" # SKIP {why}")

    @contextlib.contextmanager
    def todo(self, why):
        old, self._todo = self._todo, why
        try:
            yield
        finally:
            self._todo = old

    def bail(self, why):
        print(f"Bail out! {why}", flush=True)
        sys.exit(1)

    def done(self):
        print(f"1..{self.n}", flush=True)
        if self.failed:
            print(f"# {self.failed} of {self.n} checks failed", flush=True)
        return 1 if self.failed else 0


def short(v, limit=300):
    s = repr(v)
    return s if len(s) <= limit else s[:limit] + f"... ({len(s)} chars)"
