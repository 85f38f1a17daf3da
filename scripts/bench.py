#!/usr/bin/env python3
"""`make bench`: every figure of issue 8 in one run, on this machine. Python 3 standard library, wrk (Debian) for
HTTP load, the release binary for everything else. Run through scripts/bench.sh, which builds it first.

    scripts/bench.sh                                  # SQLite, 1,000,000 cases
    scripts/bench.sh --cases 100000 --duration 5      # quicker
    FENGQIAO_BENCH_POSTGRES=postgres://user@127.0.0.1:5432/postgres scripts/bench.sh   # PostgreSQL

What it does (docs/PERFORMANCE.md explains each figure):
 1. intake: a fresh database with the demo county and no cases; `fengqiao serve`; wrk POSTs /api/v1/cases with a
    unique Idempotency-Key per request at concurrency 1, 8 and 32 (creates/s, p50, p99);
 2. the floor: `fengqiao bench-floor`, the same rows inserted straight into the database one transaction each;
 3. a database of N cases made by `fengqiao generate --cases N` (timed); served; the case page while the server's
    scheduler fires the deadlines that fell due in the generated history, and how long it takes to fire them all;
    then the case page (GET /api/v1/cases/{random id}), the queue page (a township center's cases awaiting dispatch, first page) and
    the leader dashboard (GET /dashboard signed in as county.leader) and the core rates (GET /api/v1/metrics for the
    whole county, all time) timed;
 4. the server's resident memory after the run; one scheduler tick with 100 deadlines due (`fengqiao bench-tick`);
 5. prevention (issue 17, `fengqiao bench-prevention --cases N`): a full recomputation of risk scores and hotspots over
    N reports, then scoring one new report and finding its hotspot (p50, p99), in memory.
PostgreSQL: FENGQIAO_BENCH_POSTGRES names a server and a database to connect to; the bench creates (and drops first)
the databases fengqiao_bench_intake and fengqiao_bench_large there, with psql.
"""

import argparse
import http.client
import json
import os
import platform
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from crash_test import Server  # noqa: E402  (same folder)

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
QUEUE = "/api/v1/cases?state=registered&state=assessed&state=returned&limit=20"


def say(text):
    print(text, flush=True)


def stop(zh, en):
    print(f"错误 / Error: {zh} / {en}", file=sys.stderr, flush=True)
    sys.exit(1)


class Target:
    """One database for the bench: a SQLite file under the work folder, or a PostgreSQL database it creates."""

    def __init__(self, name, work, postgres):
        self.name, self.work, self.postgres = name, work, postgres
        if postgres:
            parts = urllib.parse.urlsplit(postgres)
            self.url = urllib.parse.urlunsplit(parts._replace(path=f"/fengqiao_bench_{name}"))
        else:
            self.path = os.path.join(work, f"{name}.sqlite")
            self.url = f"sqlite:{self.path}"

    @property
    def engine(self):
        return "postgres" if self.postgres else "sqlite"

    def reset(self):
        if self.postgres:
            database = f"fengqiao_bench_{self.name}"
            for statement in (f"DROP DATABASE IF EXISTS {database} WITH (FORCE)", f"CREATE DATABASE {database}"):
                subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", self.postgres, "-c", statement], check=True)
        else:
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(self.path + suffix):
                    os.remove(self.path + suffix)

    def size(self):
        if self.postgres:
            database = f"fengqiao_bench_{self.name}"
            out = subprocess.run(
                ["psql", "-At", self.postgres, "-c", f"SELECT pg_database_size('{database}')"],
                check=True, capture_output=True, text=True).stdout
            return int(out.strip())
        return sum(os.path.getsize(self.path + s) for s in ("", "-wal") if os.path.exists(self.path + s))


class Bench:
    def __init__(self, args):
        self.args = args
        self.binary = os.path.abspath(args.binary)
        self.work = os.path.abspath(args.work)
        os.makedirs(self.work, exist_ok=True)
        self.results = {}
        # This machine may be shared (other builds): the load average says how much of it the bench had.
        self.load_start = open("/proc/loadavg").read().split()[0]

    def env(self, target):
        env = {k: v for k, v in os.environ.items() if not k.startswith("FENGQIAO_")}
        env.update({"FENGQIAO_DATABASE_URL": target.url, "FENGQIAO_LOG_LEVEL": "error",
                    "FENGQIAO_MODE": "development", "FENGQIAO_DATABASE_POOL_SIZE": str(self.args.pool)})
        return env

    def fengqiao(self, target, *arguments, capture=True):
        done = subprocess.run([self.binary, *arguments], env=self.env(target), cwd=self.work,
                              capture_output=capture, text=True)
        if done.returncode != 0:
            print(done.stdout or "", done.stderr or "", file=sys.stderr)
            stop(f"fengqiao {arguments[0]} 失败", f"fengqiao {arguments[0]} failed")
        return done.stdout if capture else ""

    def token(self, target, user):
        return self.fengqiao(target, "token", "create", "--user", user, "--label", "bench").strip().splitlines()[-1]

    # wrk

    def wrk(self, url, connections, duration, script=None, headers=(), env=None):
        command = ["wrk", "-t1", f"-c{connections}", f"-d{duration}s", "--latency", "--timeout", "30s"]
        if script:
            command += ["-s", os.path.join(HERE, "bench", script)]
        for header in headers:
            command += ["-H", header]
        command.append(url)
        out = subprocess.run(command, env={**os.environ, **(env or {})}, capture_output=True, text=True).stdout
        result = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
                  "requests": int(re.search(r"(\d+) requests in", out).group(1))}
        for percentile in ("50", "99"):
            match = re.search(rf"^\s+{percentile}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
            value = float(match.group(1)) if match else float("nan")
            unit = match.group(2) if match else "ms"
            result["p" + percentile] = value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
        p95 = re.search(r"^p95_us=(\d+)$", out, re.M)  # printed by the scripts that ask for it (done())
        if p95:
            result["p95"] = int(p95.group(1)) / 1000
        bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
        errors = re.search(r"Socket errors: (.*)", out)
        result["non2xx"] = int(bad.group(1)) if bad else 0
        result["socket_errors"] = errors.group(1).strip() if errors else ""
        return result

    # The parts

    def intake(self):
        target = Target("intake", self.work, self.args.postgres)
        say(f"\n== 受理 / intake ({target.engine}) ==")
        if not self.args.postgres:
            self.results["fsync"] = self.commit_ceiling()
            say(f"  disk: {self.results['fsync']:,.0f} one-row SQLite commits/s (WAL, synchronous=FULL): the ceiling "
                "for one transaction per create")
        target.reset()
        self.fengqiao(target, "migrate")
        self.fengqiao(target, "seed-demo", "--cases", "0")
        token = self.token(target, "taoyuan.center")
        server = Server(self.binary, self.env(target), self.work)
        server.start()
        url = f"http://127.0.0.1:{server.port}"
        env = {"FENGQIAO_BENCH_TOKEN": token}
        self.wrk(url + "/api/v1/cases", 8, 3, "intake.lua", env={**env, "FENGQIAO_BENCH_RUN": "warmup"})
        runs = {}
        for connections in (1, 8, 32):
            env["FENGQIAO_BENCH_RUN"] = f"c{connections}-{time.time_ns()}"
            result = self.wrk(url + "/api/v1/cases", connections, self.args.duration, "intake.lua", env=env)
            runs[connections] = result
            say(f"  c={connections:<3} {result['rps']:8.0f} creates/s   p50 {result['p50']:7.2f} ms   "
                f"p99 {result['p99']:7.2f} ms   ({result['requests']} requests, non-2xx {result['non2xx']}"
                f"{', socket errors ' + result['socket_errors'] if result['socket_errors'] else ''})")
        server.stop()
        self.results["intake"] = runs
        say(f"  地板 / floor: {self.args.floor_cases} cases, one transaction each …")
        out = self.fengqiao(target, "bench-floor", "--cases", str(self.args.floor_cases))
        floor = float(re.search(r"floor_creates_per_second=([\d.]+)", out).group(1))
        self.results["floor"] = floor
        say(f"  floor {floor:8.0f} creates/s; API at c=32 is {runs[32]['rps'] / floor:.2f} of it")

    def commit_ceiling(self, count=300):
        """How many durable commits per second this disk takes: SQLite, WAL, synchronous=FULL, one row each."""
        path = os.path.join(self.work, "fsync-probe.sqlite")
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(path + suffix):
                os.remove(path + suffix)
        connection = sqlite3.connect(path, isolation_level=None)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=FULL")
        connection.execute("CREATE TABLE t (x INTEGER)")
        started = time.perf_counter()
        for i in range(count):
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("INSERT INTO t VALUES (?)", (i,))
            connection.execute("COMMIT")
        elapsed = time.perf_counter() - started
        connection.close()
        return count / elapsed

    def large(self):
        target = Target("large", self.work, self.args.postgres)
        cases = self.args.cases
        say(f"\n== {cases:,} 个案件 / cases ({target.engine}) ==")
        marker = os.path.join(self.work, f"large-{target.engine}.json")
        reuse = self.args.reuse and os.path.exists(marker) and json.load(open(marker)).get("cases") == cases
        if reuse:
            self.fengqiao(target, "migrate")
            self.results["generate"] = json.load(open(marker)).get("seconds")
            say(f"  reusing the database of a previous run (--reuse); generated in {self.results['generate']:.0f} s")
        else:
            target.reset()
            self.fengqiao(target, "migrate")
            started = time.monotonic()
            self.fengqiao(target, "generate", "--cases", str(cases), "--seed", "20261124", capture=False)
            seconds = time.monotonic() - started
            self.results["generate"] = seconds
            json.dump({"cases": cases, "seconds": seconds}, open(marker, "w"))
            say(f"  fengqiao generate --cases {cases}: {seconds:.0f} s ({cases / seconds:,.0f} cases/s)")
        self.results["size"] = target.size()
        say(f"  database size {self.results['size'] / 1e9:.2f} GB")
        tokens = {user: self.token(target, user) for user in ("county.center", "taoyuan.center", "county.leader")}
        server = Server(self.binary, self.env(target), self.work)
        server.start()
        started = time.monotonic()
        url = f"http://127.0.0.1:{server.port}"
        self.catch_up(target, url, tokens["county.center"], started)
        # Warm the caches the way a server that has been running a while has them.
        self.wrk(url, 4, 3, "case-page.lua", env={"FENGQIAO_BENCH_TOKEN": tokens["county.center"],
                                                    "FENGQIAO_BENCH_MAX_ID": str(cases)})
        page = self.wrk(url, 1, self.args.duration, "case-page.lua",
                        env={"FENGQIAO_BENCH_TOKEN": tokens["county.center"], "FENGQIAO_BENCH_MAX_ID": str(cases)})
        say(f"  case page  GET /api/v1/cases/{{id}}   p50 {page['p50']:7.2f} ms   p95 {page.get('p95', float('nan')):7.2f} ms   "
            f"p99 {page['p99']:7.2f} ms   "
            f"({page['rps']:.0f}/s at concurrency 1, non-2xx {page['non2xx']})")
        queue = self.wrk(url + QUEUE, 1, self.args.duration,
                         headers=[f"Authorization: Bearer {tokens['taoyuan.center']}"])
        say(f"  queue page {QUEUE}   p50 {queue['p50']:7.2f} ms   p99 {queue['p99']:7.2f} ms   "
            f"({queue['rps']:.0f}/s, non-2xx {queue['non2xx']})")
        leader = {"Authorization": f"Bearer {tokens['county.leader']}"}
        metrics = self.timed_gets(url, "/api/v1/metrics", leader, self.args.dashboard_requests)
        say(f"  metrics    GET /api/v1/metrics (county.leader, whole county, all time)   p50 {metrics['p50']:.0f} ms   "
            f"max {metrics['max']:.0f} ms   ({metrics['count']} requests)")
        signed_in = {"Cookie": self.sign_in(url, "county.leader")}
        dashboard = self.timed_gets(url, "/dashboard", signed_in, self.args.dashboard_requests)
        say(f"  dashboard  GET /dashboard (county.leader signed in, 一屏看全域)   p50 {dashboard['p50']:.0f} ms   "
            f"max {dashboard['max']:.0f} ms   ({dashboard['count']} requests)")
        self.results.update({"case_page": page, "queue_page": queue, "dashboard": dashboard, "metrics": metrics})
        self.results["memory"] = self.memory(server.process.pid)
        say(f"  server memory after the run: resident {self.results['memory']['rss'] / 1e6:.0f} MB, "
            f"peak {self.results['memory']['hwm'] / 1e6:.0f} MB")
        server.stop()
        # Last, because it changes the database: one scheduler tick with the earliest 100 deadlines due.
        out = self.fengqiao(target, "bench-tick", "--due", "100")
        figures = dict(line.split("=", 1) for line in out.splitlines() if line.startswith("scheduler_tick_"))
        self.results["tick"] = {k: float(v) for k, v in figures.items()}
        say(f"  scheduler tick: {self.results['tick']['scheduler_tick_ms']:.1f} ms "
            f"({self.results['tick']['scheduler_tick_due']:.0f} due, "
            f"{self.results['tick']['scheduler_tick_cases']:.0f} cases)")

    def prevention(self):
        """Risk scores and hotspots over N reports, then one report at a time (in memory; no database)."""
        say(f"prevention: risk scores and hotspots over {self.args.cases:,} reports")
        done = subprocess.run([self.binary, "bench-prevention", "--cases", str(self.args.cases)],
                              capture_output=True, text=True, cwd=self.work)
        if done.returncode != 0:
            print(done.stdout, done.stderr, file=sys.stderr)
            stop("fengqiao bench-prevention 失败", "fengqiao bench-prevention failed")
        figures = dict(line.split("=", 1) for line in done.stdout.splitlines() if line.startswith("prevention_"))
        self.results["prevention"] = {k: float(v) for k, v in figures.items()}
        p = self.results["prevention"]
        say(f"  full recomputation {p['prevention_full_s']:.1f} s (scores {p['prevention_scoring_s']:.1f} s, the window's "
            f"{p['prevention_window_reports']:.0f} reports clustered {p['prevention_window_cluster_s']:.2f} s); "
            f"{p['prevention_history_reports']:.0f} reports inserted one by one {p['prevention_history_cluster_s']:.1f} s; one new "
            f"report p50 {p['prevention_one_p50_ms']:.2f} ms, p99 {p['prevention_one_p99_ms']:.2f} ms")

    def prevention_lines(self):
        p = self.results.get("prevention")
        if not p:
            return []
        return [
            f"| prevention: scoring one new report and finding its hotspot among {self.args.cases:,} | "
            f"p50 {p['prevention_one_p50_ms']:.2f} ms, p99 {p['prevention_one_p99_ms']:.2f} ms | < 20 ms |",
            f"| prevention: full recomputation at {self.args.cases:,} reports (every risk score, the current window's "
            f"hotspots) | {p['prevention_full_s']:.1f} s (scores {p['prevention_scoring_s']:.1f} s; "
            f"{p['prevention_window_reports']:.0f} reports in the window clustered in "
            f"{p['prevention_window_cluster_s']:.2f} s) | < 60 s |",
            f"| prevention: the incremental index filled with the last two windows ({p['prevention_history_reports']:.0f} "
            f"reports, one insertion each) | {p['prevention_history_cluster_s']:.1f} s | |",
        ]

    def backlog(self, target):
        """The deadline rows due now and not yet fired: what the server's scheduler has to catch up on."""
        now = int(time.time() * 1000)
        query = f"SELECT COUNT(*) FROM deadlines WHERE due_at <= {now}"
        if target.postgres:
            out = subprocess.run(["psql", "-At", target.url, "-c", query], check=True, capture_output=True,
                                 text=True).stdout
            return int(out.strip())
        connection = sqlite3.connect(f"file:{target.path}?mode=ro", uri=True, timeout=30)
        try:
            return connection.execute(query).fetchone()[0]
        finally:
            connection.close()

    def catch_up(self, target, url, token, started):
        """The case page while the scheduler of the freshly started server fires the deadlines that fell due while
        nothing ran (a generated database has thousands): sequential GETs of random cases as `token`'s user, from
        the start until the backlog is gone, each timed; and how long the scheduler took to fire it all."""
        due = self.backlog(target)
        say(f"  scheduler backlog at start: {due:,} deadlines due")
        result = {"due": due}
        if due > 0:
            parts = urllib.parse.urlsplit(url)
            connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
            headers = {"Authorization": f"Bearer {token}"}
            pick = random.Random(20261124)
            times, left, checked = [], due, time.monotonic()
            while left > 0 and time.monotonic() - started < self.args.catch_up_timeout:
                began = time.perf_counter()
                connection.request("GET", f"/api/v1/cases/{pick.randint(1, self.args.cases)}", headers=headers)
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    stop(f"案件页返回 {response.status}", f"the case page answered {response.status}")
                times.append((time.perf_counter() - began) * 1000)
                if time.monotonic() - checked >= 0.5:
                    left, checked = self.backlog(target), time.monotonic()
            connection.close()
            seconds = time.monotonic() - started
            times.sort()
            result.update({"left": left, "seconds": seconds if left == 0 else None, "count": len(times),
                           "p50": statistics.median(times) if times else float("nan"),
                           "p95": times[int(0.95 * (len(times) - 1))] if times else float("nan"),
                           "p99": times[int(0.99 * (len(times) - 1))] if times else float("nan")})
            say(f"  case page while the scheduler catches up   p50 {result['p50']:7.2f} ms   p95 {result['p95']:7.2f} ms"
                f"   p99 {result['p99']:7.2f} ms   ({len(times)} sequential requests)")
            if left == 0:
                say(f"  scheduler caught up {seconds:.1f} s after the server was ready ({due / seconds:,.0f} deadlines/s)")
            else:
                say(f"  scheduler still {left:,} deadlines behind after {self.args.catch_up_timeout} s")
        self.results["catch_up"] = result

    @staticmethod
    def sign_in(url, user, password="Fengqiao2026"):
        """Signs in through the /login form as a browser does; returns the Cookie header of the session."""
        parts = urllib.parse.urlsplit(url)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        connection.request("GET", "/login")
        response = connection.getresponse()
        page = response.read().decode()
        cookies = {}
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                cookies[name] = rest.split(";")[0]
        csrf = re.search(r'name="_csrf"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="_csrf"', page)
        if not csrf:
            stop("登录页没有 _csrf", "the sign-in page has no _csrf field")
        form = urllib.parse.urlencode({"username": user, "password": password, "_csrf": csrf.group(1) or csrf.group(2)})
        connection.request("POST", "/login", body=form, headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())})
        response = connection.getresponse()
        response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie" and value.startswith("fq_session="):
                connection.close()
                return value.split(";")[0]
        stop(f"{user} 登录失败（{response.status}）", f"signing in as {user} failed ({response.status})")

    @staticmethod
    def timed_gets(url, path, headers, count):
        parts = urllib.parse.urlsplit(url)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=600)
        times = []
        started = time.monotonic()
        for _ in range(count):
            began = time.perf_counter()
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                stop(f"{path} 返回 {response.status}", f"{path} answered {response.status}")
            times.append((time.perf_counter() - began) * 1000)
            if time.monotonic() - started > 120:
                break
        connection.close()
        times.sort()
        return {"p50": statistics.median(times), "max": times[-1], "count": len(times)}

    @staticmethod
    def memory(pid):
        values = {}
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                key, _, rest = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    values[key] = int(rest.split()[0]) * 1024
        return {"rss": values.get("VmRSS", 0), "hwm": values.get("VmHWM", 0)}

    def summary(self):
        r = self.results
        engine = "PostgreSQL" if self.args.postgres else "SQLite"
        floor = r["floor"]
        lines = [
            f"# make bench — {engine}, {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} cores, "
            f"{platform.machine()}, pool {self.args.pool}, {self.args.duration} s per wrk run, "
            f"load average {self.load_start} at the start, {open('/proc/loadavg').read().split()[0]} at the end",
            "",
            "| figure | value | target |",
            "| --- | --- | --- |",
        ]
        for c in (1, 8, 32):
            i = r["intake"][c]
            target = "≥ 2,000/s" if c == 32 and engine == "SQLite" else ""
            lines.append(f"| intake via JSON API, concurrency {c} | {i['rps']:,.0f} creates/s, p50 {i['p50']:.2f} ms, "
                         f"p99 {i['p99']:.2f} ms | {target} |")
        if "fsync" in r:
            lines.append(f"| disk: one-row SQLite commits/s (WAL, synchronous=FULL) | {r['fsync']:,.0f} | |")
        lines.append(f"| floor: same rows straight into the database, one transaction each | {floor:,.0f} creates/s | |")
        lines.append(f"| ratio API ÷ floor at concurrency 1 / 8 / 32 | "
                     + " / ".join(f"{r['intake'][c]['rps'] / floor:.2f}" for c in (1, 8, 32)) + " | |")
        lines.append(f"| `fengqiao generate --cases {self.args.cases:,}` | {r['generate']:,.0f} s "
                     f"({self.args.cases / r['generate']:,.0f} cases/s), database {r['size'] / 1e9:.2f} GB | minutes |")
        p, q, d, m = r["case_page"], r["queue_page"], r["dashboard"], r["metrics"]
        lines.append(f"| case page at {self.args.cases:,} cases | p50 {p['p50']:.2f} ms, p95 {p.get('p95', float('nan')):.2f} ms, "
                     f"p99 {p['p99']:.2f} ms | p99 < 10 ms |")
        c = r.get("catch_up", {})
        if c.get("count"):
            caught = (f"the scheduler caught up {c['seconds']:,.1f} s after the server was ready"
                      if c.get("seconds") is not None
                      else f"{c['left']:,} still due after {self.args.catch_up_timeout} s")
            lines.append(f"| case page while the scheduler catches up ({c['due']:,} deadlines due at start) | "
                         f"p50 {c['p50']:.2f} ms, p95 {c['p95']:.2f} ms, p99 {c['p99']:.2f} ms "
                         f"({c['count']:,} sequential requests; {caught}) | |")
        lines.append(f"| queue page at {self.args.cases:,} cases | p50 {q['p50']:.2f} ms, p99 {q['p99']:.2f} ms | |")
        lines.append(f"| leader dashboard (`/dashboard` as county.leader, 一屏看全域) at {self.args.cases:,} cases | "
                     f"p50 {d['p50']:,.0f} ms, max {d['max']:,.0f} ms ({d['count']} requests) | < 200 ms |")
        lines.append(f"| core rates (`/api/v1/metrics`, whole county, all time) at {self.args.cases:,} cases | "
                     f"p50 {m['p50']:,.0f} ms, max {m['max']:,.0f} ms ({m['count']} requests) | |")
        t = r["tick"]
        lines.append(f"| scheduler tick, {self.args.cases:,} cases of which {t['scheduler_tick_due']:.0f} deadlines due "
                     f"| {t['scheduler_tick_ms']:.1f} ms ({t['scheduler_tick_cases']:.0f} cases) | < 50 ms |")
        lines.append(f"| server resident memory after the run | {r['memory']['rss'] / 1e6:,.0f} MB "
                     f"(peak {r['memory']['hwm'] / 1e6:,.0f} MB) | < 300 MB |")
        lines += self.prevention_lines()
        text = "\n".join(lines)
        say("\n" + text)
        path = os.path.join(self.work, f"results-{'postgres' if self.args.postgres else 'sqlite'}.md")
        with open(path, "w") as f:
            f.write(text + "\n")
        say(f"\n(also written to {path})")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/release/fengqiao"))
    parser.add_argument("--cases", type=int, default=1_000_000, help="cases in the large database")
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--floor-cases", type=int, default=3000, help="cases the floor inserts")
    parser.add_argument("--dashboard-requests", type=int, default=5)
    parser.add_argument("--pool", type=int, default=4, help="FENGQIAO_DATABASE_POOL_SIZE for the server")
    parser.add_argument("--work", default=os.path.join(ROOT, ".build/bench"), help="folder for the databases")
    parser.add_argument("--reuse", action="store_true",
                        help="reuse the large database of an earlier run with the same --cases (skips generate)")
    parser.add_argument("--catch-up-timeout", type=int, default=3600,
                        help="seconds to wait for the server's scheduler to fire the backlog of a new database")
    parser.add_argument("--skip-intake", action="store_true")
    parser.add_argument("--skip-large", action="store_true")
    parser.add_argument("--skip-prevention", action="store_true")
    args = parser.parse_args()
    args.postgres = os.environ.get("FENGQIAO_BENCH_POSTGRES") or None
    if not shutil.which("wrk"):
        stop("需要 wrk（apt-get install wrk）", "wrk is needed (apt-get install wrk)")
    if args.postgres and not shutil.which("psql"):
        stop("PostgreSQL 基准需要 psql", "the PostgreSQL bench needs psql")
    bench = Bench(args)
    if not args.skip_intake:
        bench.intake()
    if not args.skip_large:
        bench.large()
    if not args.skip_prevention:
        bench.prevention()
    if not args.skip_intake and not args.skip_large:
        bench.summary()
    elif bench.results.get("prevention"):
        say("\n" + "\n".join(["| figure | value | target |", "| --- | --- | --- |", *bench.prevention_lines()]))


if __name__ == "__main__":
    main()
