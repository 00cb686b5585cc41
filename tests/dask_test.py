#!/usr/bin/env python3
"""dask_test.py: examples/dask_parse.py gives `refparse parse`'s bytes (TAP).

usage: dask_test.py REFPARSE SRCDIR PYTHONDIR

Input: 400 lines from bench/gen.py (corpus references with pasted-list
damage and CRLF ends) plus hostile lines (invalid UTF-8, NUL, blank, a
20,000-byte line, lone CR ends, no final newline). The example runs on a
LocalCluster of 2 workers in partitions of 37 lines, and once more through
--scheduler against `dask scheduler` and `dask worker ADDRESS` (2 worker
processes) started on 127.0.0.1; both outputs must equal
`refparse parse IN` byte for byte. The line reader is also checked against
bytes.splitlines with blocks so small that CRLF pairs straddle them. Skips
when Dask distributed (python3-distributed) is not importable.
"""
import json
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taplib import Tap  # noqa: E402

HOSTILE = [b"", b"   ", b"M\xfcller H. Tests \xff\xfe. J Test. 2001;3:1-4.", b"a\x00b. 2001.",
           b"x" * 20000, b"\xef\xbb\xbfLee K. Byte order mark. 1999.", b"\t"]


def main():
    exe, src, pydir = sys.argv[1:4]
    t = Tap()
    sys.path.insert(0, os.path.join(src, "examples"))
    import dask_parse

    data = b"a\r\nb\rc\n\n\r\rd\r\n\r\ne"
    for block in (1, 2, 3, 7, 1 << 20):
        got = list(dask_parse.read_lines(_Bytes(data), block))
        t.eq(got, data.splitlines(), f"read_lines (blocks of {block}) ends lines as the command")
    t.eq(list(dask_parse.partitions(iter([b"a", b"b", b"c"]), 2)), [(1, [b"a", b"b"]), (3, [b"c"])],
         "partitions carry their first line number")

    try:
        import distributed  # noqa: F401
    except ImportError as e:
        t.skip("dask_parse.py on a local cluster", f"distributed not importable ({e})")
        return t.done()

    tmp = tempfile.mkdtemp(prefix="dask-test-")
    inp, out = os.path.join(tmp, "in.txt"), os.path.join(tmp, "out.jsonl")
    gen = os.path.join(tmp, "gen.txt")
    subprocess.run([sys.executable, os.path.join(src, "bench", "gen.py"), "-n", "400", "-o", gen],
                   check=True, capture_output=True)
    with open(gen, "rb") as f:
        text = f.read()
    text += b"\n".join(HOSTILE) + b"\r" + b"\rlast line without an end"
    with open(inp, "wb") as f:
        f.write(text)
    want = subprocess.run([exe, "parse", inp], check=True, capture_output=True).stdout
    t.eq(want.count(b"\n"), 400 + len(HOSTILE) + 2, "the command writes one line per input line")

    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        p for p in (pydir, os.environ.get("PYTHONPATH")) if p))
    example = os.path.join(src, "examples", "dask_parse.py")
    r = subprocess.run([sys.executable, example, inp, out, "--workers", "2", "--chunk", "37"],
                       env=env, capture_output=True, timeout=240)
    t.eq(r.returncode, 0, "dask_parse.py --workers 2 exits 0")
    got = open(out, "rb").read() if os.path.exists(out) else b""
    t.ok(got == want, "local cluster, 2 workers, 12 partitions of 37 lines: byte for byte `refparse parse`",
         diag=first_difference(got, want) + "\n" + r.stderr.decode(errors="replace")[-800:])
    t.eq(r.stderr.decode().strip().splitlines()[-1:],
         [f"dask_parse: {400 + len(HOSTILE) + 2} references on 2 worker(s)"], "it reports its count")

    # --scheduler: a cluster started as the README starts one on several
    # machines (`dask scheduler`, `dask worker ADDRESS`), here on loopback
    os.remove(out)
    got, err = b"", ""
    procs = []
    try:
        sched_file = os.path.join(tmp, "scheduler.json")
        procs.append(dask_cli(["scheduler", "--host", "127.0.0.1", "--port", "0",
                               "--no-dashboard", "--scheduler-file", sched_file], env, tmp))
        address = wait_for_address(sched_file, procs[0])
        procs.append(dask_cli(["worker", address, "--nworkers", "2", "--nthreads", "1",
                               "--host", "127.0.0.1", "--no-dashboard"], env, tmp))
        r = subprocess.run([sys.executable, example, inp, out, "--scheduler", address,
                            "--chunk", "100", "--in-flight", "1"],
                           env=env, capture_output=True, timeout=240)
        got = open(out, "rb").read() if os.path.exists(out) else b""
        err = r.stderr.decode(errors="replace")[-800:]
    except (OSError, RuntimeError, subprocess.TimeoutExpired) as e:
        err = repr(e)
    finally:
        for p in reversed(procs):
            p.terminate()
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
    t.ok(got == want, "--scheduler ADDRESS (dask scheduler, dask worker ADDRESS), one "
                      "partition at a time: byte for byte `refparse parse`",
         diag=first_difference(got, want) + "\n" + err)
    r = subprocess.run([sys.executable, example, inp, out, "--chunk", "0"], env=env,
                       capture_output=True)
    t.eq(r.returncode, 2, "--chunk 0: usage error")
    return t.done()


def dask_cli(args, env, tmp):
    """`dask ARGS` (python -m distributed.cli.dask_...: the same commands),
    its log in tmp."""
    log = open(os.path.join(tmp, args[0] + ".log"), "wb")
    module = {"scheduler": "distributed.cli.dask_scheduler",
              "worker": "distributed.cli.dask_worker"}[args[0]]
    return subprocess.Popen([sys.executable, "-m", module, *args[1:]], env=env, cwd=tmp,
                            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)


def wait_for_address(path, proc, seconds=60):
    """The scheduler's address from its --scheduler-file."""
    deadline = time.time() + seconds
    while time.time() < deadline and proc.poll() is None:
        try:
            with open(path, encoding="utf-8") as f:
                return json.load(f)["address"]
        except (OSError, ValueError, KeyError):
            time.sleep(0.2)
    raise RuntimeError("dask scheduler did not start")


class _Bytes:
    """A file of bytes read in the sizes asked for."""

    def __init__(self, data):
        self.data, self.pos = data, 0

    def read(self, n):
        chunk = self.data[self.pos:self.pos + n]
        self.pos += len(chunk)
        return chunk


def first_difference(got, want):
    a, b = got.splitlines(), want.splitlines()
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return f"line {i + 1}:\n got  {x[:200]!r}\n want {y[:200]!r}"
    return f"{len(a)} lines against {len(b)}"


if __name__ == "__main__":
    sys.exit(main())
