#!/usr/bin/env python3
"""dask_parse.py: parse a reference file on a Dask cluster.

usage: dask_parse.py IN.txt OUT.jsonl [--workers N] [--scheduler ADDRESS]
                     [--chunk LINES] [--in-flight K]

IN.txt holds one reference a line (LF, CRLF or CR, as `refparse parse`
reads them); OUT.jsonl gets one CSL-JSON item a line, in input order, byte
for byte what `refparse parse IN.txt` writes: the id of a line is its line
number, and each line's text is the library's own CSL-JSON (the binding's
refparse.write(..., "csl-jsonl")), never re-serialised in Python. "-" for
IN reads standard input, for OUT writes standard output.

The input is cut into partitions of --chunk lines (default 2000); each is a
task that parses its lines through the Python binding on a worker and
returns its output lines. At most --in-flight partitions (default four per
worker) are on the cluster at once and results are written as soon as the
partitions before them are done, so memory stays bounded whatever the
input's size.

--scheduler tcp://HOST:8786 uses a running cluster (`dask scheduler`, then
`dask worker tcp://HOST:8786` on each machine); its workers must import
refparse (PYTHONPATH=.../build/python, or the binding installed). Otherwise
a LocalCluster of --workers processes (default: the number of cores), one
thread each, on 127.0.0.1.

Needs Dask distributed (Debian: python3-distributed) and the binding:

    PYTHONPATH=build/python python3 examples/dask_parse.py refs.txt refs.jsonl --workers 2
"""
import argparse
import collections
import logging
import os
import sys


def parse_partition(first_id, lines):
    """Lines (bytes) numbered from first_id -> their output lines (bytes),
    as `refparse parse` writes them. Runs on a worker."""
    import refparse
    ids = range(first_id, first_id + len(lines))
    return refparse.write(lines, "csl-jsonl", ids=ids, threads=1).encode("utf-8")


def read_lines(f, block=1 << 20):
    """The lines of a binary file without their ends; a line ends at LF,
    CRLF or CR, as in `refparse parse`, and a last line without an end
    counts."""
    pending = b""
    while True:
        data = f.read(block)
        if not data:
            break
        parts = (pending + data).splitlines(keepends=True)
        # the last part may go on in the next block (or be a CR whose LF is there)
        pending = parts.pop() if parts else b""
        for p in parts:
            yield p.rstrip(b"\r\n")
    yield from pending.splitlines()


def partitions(lines, size):
    """(first line number, [line, ...]) of at most size lines each."""
    batch, first = [], 1
    for n, line in enumerate(lines, 1):
        if not batch:
            first = n
        batch.append(line)
        if len(batch) == size:
            yield first, batch
            batch = []
    if batch:
        yield first, batch


def check_workers(client):
    """Every worker imports the binding, or a message saying how to fix it."""
    def probe():
        import refparse
        return refparse.version()

    try:
        client.run(probe)
    except Exception as e:  # noqa: BLE001 - the worker's ImportError, as it came
        sys.exit(f"dask_parse: a worker cannot use the refparse binding ({e}); start the "
                 "workers with PYTHONPATH=<build>/python or install the binding")


def run(client, src, dst, chunk, in_flight):
    """Parse src into dst on client's cluster; returns the lines written."""
    queue = collections.deque()
    done = 0
    for first, lines in partitions(read_lines(src), chunk):
        queue.append(client.submit(parse_partition, first, lines, pure=False))
        while len(queue) >= in_flight:
            dst.write(queue.popleft().result())
        done += len(lines)
    while queue:
        dst.write(queue.popleft().result())
    return done


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="Parse one reference a line on a Dask cluster; the output is byte for "
                    "byte `refparse parse IN`.")
    ap.add_argument("input", metavar="IN.txt", help="references, one a line ('-': stdin)")
    ap.add_argument("output", metavar="OUT.jsonl", help="CSL-JSON lines ('-': stdout)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                    help="worker processes of the local cluster (default: cores)")
    ap.add_argument("--scheduler", metavar="ADDRESS",
                    help="a running scheduler, e.g. tcp://10.0.0.5:8786 (no local cluster)")
    ap.add_argument("--chunk", type=int, default=2000, metavar="LINES",
                    help="lines per partition (default 2000)")
    ap.add_argument("--in-flight", type=int, default=0, metavar="K",
                    help="partitions on the cluster at once (default: 4 per worker)")
    a = ap.parse_args(argv)
    if a.workers < 1 or a.chunk < 1 or a.in_flight < 0:
        ap.error("--workers and --chunk must be at least 1, --in-flight at least 0")
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as e:
        sys.exit(f"dask_parse: Dask distributed is not importable ({e}); "
                 "apt-get install python3-distributed")

    cluster = None
    if a.scheduler:
        client = Client(a.scheduler)
    else:
        cluster = LocalCluster(n_workers=a.workers, threads_per_worker=1, processes=True,
                               host="127.0.0.1", dashboard_address=None,
                               silence_logs=logging.ERROR)
        client = Client(cluster)
    try:
        check_workers(client)
        workers = max(1, len(client.scheduler_info()["workers"]))
        in_flight = a.in_flight or 4 * workers
        src = sys.stdin.buffer if a.input == "-" else open(a.input, "rb")
        dst = sys.stdout.buffer if a.output == "-" else open(a.output, "wb")
        try:
            n = run(client, src, dst, a.chunk, in_flight)
        finally:
            if src is not sys.stdin.buffer:
                src.close()
            if dst is not sys.stdout.buffer:
                dst.close()
        print(f"dask_parse: {n} references on {workers} worker(s)", file=sys.stderr)
    finally:
        client.close()
        if cluster:
            cluster.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
