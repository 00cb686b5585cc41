#!/usr/bin/env python3
"""serve_load.py: a bounded load test of `refparse serve` on loopback.

usage: bench/serve_load.py [--refparse build/cli/refparse] [--clients 16]
                           [--seconds 30] [--refs-per-request 10] [--threads N]
                           [--data FILE] [--json]

Starts the server on 127.0.0.1 (a port the kernel picks), sends POST
/v1/parse requests of --refs-per-request references each (lines of --data,
by default 20,000 lines made by bench/gen.py) from --clients keep-alive
connections for --seconds, with wrk (Debian `wrk`) when installed, else with
Python threads. Reports requests/s, references/s, p50/p99 latency, errors,
the server's RSS at start, before (after a 3 s warm-up) and after, and `refparse parse -j N` references/s on
the same lines for comparison. Exit 1 when a request failed or the RSS after
is 64 MB or more. Traffic goes to 127.0.0.1 only and stops by itself.
"""
import argparse
import http.client
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

WRK_LUA = r"""
-- one request body a line in BODIES; each connection walks them in turn
local bodies = {}
for line in io.lines(os.getenv("BODIES")) do bodies[#bodies + 1] = line end
local i = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  i = i % #bodies + 1
  return wrk.format(nil, "/v1/parse", nil, bodies[i])
end
local bad = 0
response = function(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK {"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"max_us":%d,' ..
    '"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    latency.max, e.connect, e.read, e.write, e.status, e.timeout))
end
"""


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def start_server(exe, threads):
    log = tempfile.TemporaryFile()
    p = subprocess.Popen([exe, "serve", "--port", "0", "--threads", str(threads), "--quiet",
                          "--max-connections", "256"],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log)
    deadline = time.time() + 20
    while time.time() < deadline:
        log.seek(0)
        first = log.readline()
        if first:
            return p, json.loads(first)["port"]
        time.sleep(0.02)
    p.kill()
    raise SystemExit("serve_load: the server did not start")


def python_load(port, bodies, clients, seconds):
    """Keep-alive clients in threads; latencies in microseconds."""
    lat, errors, lock = [], [0], threading.Lock()
    stop = time.time() + seconds

    def client(k):
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine, bad, i = [], 0, k
        while time.time() < stop:
            body = bodies[i % len(bodies)]
            i += clients
            t0 = time.perf_counter()
            try:
                c.request("POST", "/v1/parse", body, {"Content-Type": "application/json"})
                r = c.getresponse()
                r.read()
                if r.status != 200:
                    bad += 1
            except (OSError, http.client.HTTPException):
                bad += 1
                c.close()
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            mine.append((time.perf_counter() - t0) * 1e6)
        with lock:
            lat.extend(mine)
            errors[0] += bad

    t0 = time.time()
    ts = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    dur = time.time() - t0
    lat.sort()
    pct = (lambda q: lat[min(len(lat) - 1, int(q * len(lat)))] if lat else 0)
    return {"tool": "python", "requests": len(lat), "seconds": dur, "p50_us": pct(0.5),
            "p99_us": pct(0.99), "max_us": lat[-1] if lat else 0, "errors": errors[0]}


def wrk_load(port, bodies_file, clients, seconds, threads):
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(WRK_LUA)
        script = f.name
    try:
        r = subprocess.run(["wrk", "-t", str(threads), "-c", str(clients), "-d", f"{seconds}s",
                            "--timeout", "10s", "-s", script, f"http://127.0.0.1:{port}"],
                           capture_output=True, text=True, env=dict(os.environ, BODIES=bodies_file),
                           timeout=seconds + 60)
    finally:
        os.unlink(script)
    line = [x for x in r.stdout.splitlines() if x.startswith("WRK ")]
    if not line:
        raise SystemExit("serve_load: wrk failed:\n" + r.stdout + r.stderr)
    w = json.loads(line[0][4:])
    non2xx = 0
    for x in r.stdout.splitlines():
        if "Non-2xx" in x:
            non2xx = int(x.split()[-1])
    errs = w["connect"] + w["read"] + w["write"] + w["timeout"] + max(w["status"], non2xx)
    return {"tool": "wrk", "requests": w["requests"], "seconds": w["duration_us"] / 1e6,
            "p50_us": w["p50_us"], "p99_us": w["p99_us"], "max_us": w["max_us"], "errors": errs}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--refparse", default=os.path.join(ROOT, "build", "cli", "refparse"))
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--seconds", type=int, default=30)
    ap.add_argument("--refs-per-request", type=int, default=10)
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--data", help="references, one a line (default: bench/gen.py -n 20000)")
    ap.add_argument("--python", action="store_true", help="use the Python client even with wrk")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    a.seconds = max(1, min(a.seconds, 600))  # bounded whatever is asked

    tmp = tempfile.mkdtemp(prefix="serve-load-")
    data = a.data
    if not data:
        data = os.path.join(tmp, "refs.txt")
        subprocess.run([sys.executable, os.path.join(HERE, "gen.py"), "-n", "20000", "-o", data],
                       check=True, capture_output=True)
    with open(data, encoding="utf-8", errors="replace") as f:
        lines = [x.rstrip("\r\n") for x in f if x.strip()]
    n = a.refs_per_request
    bodies = [json.dumps({"references": lines[i:i + n]}) for i in range(0, len(lines) - n + 1, n)]
    bodies_file = os.path.join(tmp, "bodies.txt")
    with open(bodies_file, "w", encoding="utf-8") as f:
        f.write("\n".join(bodies) + "\n")

    # the CLI on the same lines (ten times over, so start-up does not count),
    # same threads
    many = os.path.join(tmp, "many.txt")
    with open(many, "w", encoding="utf-8") as f:
        f.write(("\n".join(lines) + "\n") * 10)
    t0 = time.time()
    subprocess.run([a.refparse, "parse", "--quiet", "-j", str(a.threads), many],
                   stdout=subprocess.DEVNULL, check=True)
    cli_rps = 10 * len(lines) / (time.time() - t0)

    proc, port = start_server(a.refparse, a.threads)
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        c.request("POST", "/v1/parse", bodies[0], {"Content-Type": "application/json"})
        c.getresponse().read()
        c.close()
        rss_start = rss_kb(proc.pid)
        use_wrk = not a.python and subprocess.run(["sh", "-c", "command -v wrk"],
                                                  capture_output=True).returncode == 0

        def load(seconds):
            if use_wrk:
                return wrk_load(port, bodies_file, a.clients, seconds, min(a.threads, a.clients))
            return python_load(port, [b.encode() for b in bodies], a.clients, seconds)

        # a short warm-up lets every worker thread reach its working set;
        # "before" is measured after it, so before -> after shows growth
        warm = load(3)
        rss0 = rss_kb(proc.pid)
        res = load(a.seconds)
        res["errors"] += warm["errors"]
        rss1 = rss_kb(proc.pid)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
        for x in os.listdir(tmp):
            os.unlink(os.path.join(tmp, x))
        os.rmdir(tmp)

    rps = res["requests"] / res["seconds"]
    out = {"client": res["tool"], "clients": a.clients, "seconds": round(res["seconds"], 1),
           "server_threads": a.threads, "refs_per_request": n, "requests": res["requests"],
           "requests_per_s": round(rps), "refs_per_s": round(rps * n),
           "p50_ms": round(res["p50_us"] / 1000, 2), "p99_ms": round(res["p99_us"] / 1000, 2),
           "max_ms": round(res["max_us"] / 1000, 2), "errors": res["errors"],
           "rss_start_mb": round(rss_start / 1024, 1), "rss_before_mb": round(rss0 / 1024, 1), "rss_after_mb": round(rss1 / 1024, 1),
           "cli_refs_per_s": round(cli_rps)}
    if a.json:
        print(json.dumps(out))
    else:
        for k, v in out.items():
            print(f"{k:18} {v}")
    return 1 if res["errors"] or rss1 >= 64 * 1024 else 0


if __name__ == "__main__":
    sys.exit(main())
