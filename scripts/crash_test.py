#!/usr/bin/env python3
"""Crash safety: drive intake through the JSON API, kill the server with SIGKILL at random moments, restart it,
and check that every acknowledged change survived.

Python 3 standard library only. Run through scripts/crash-test.sh, which builds the binary first:

    scripts/crash-test.sh 100            # 100 kills
    python3 scripts/crash_test.py --binary .build/debug/fengqiao --rounds 5 --threads 8

What counts as acknowledged: a create whose 201 (or 200) response arrived, and an `assess` whose 200 arrived. A
request cut off by the kill is not acknowledged: it may or may not have been committed, and either is correct.
At the end every acknowledged case must exist, at least at the acknowledged version, with its whole event file
(sequences 1..version), and `fengqiao verify` must exit 0. Anything else fails loudly (exit code 1).
"""

import argparse
import http.client
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid

from serve_process import ServeProcess, ServerFailed

REGION = "339921101201-01"  # a grid of 桃源镇 in the demo county
USER = "taoyuan.center"


def say(zh, en):
    print(f"{zh} / {en}", flush=True)


def fail(zh, en):
    print(f"\n失败 / FAILED: {zh} / {en}", file=sys.stderr, flush=True)
    sys.exit(1)


class Server(ServeProcess):
    """One `fengqiao serve` process on 127.0.0.1, its output appended to a log file."""

    stop_grace = 30

    def __init__(self, binary, env, workdir):
        super().__init__(binary, env, workdir, os.path.join(workdir, "server.log"))

    def start(self, timeout=120):
        try:
            super().start(timeout)
        except ServerFailed as error:
            self.dump_log()
            if error.exit_code is not None:
                fail(f"服务启动失败（退出码 {error.exit_code}）", f"the server did not start (exit code {error.exit_code})")
            fail("服务在限定时间内没有就绪", "the server was not ready in time")

    def dump_log(self):
        try:
            with open(self.log_path, "rb") as f:
                tail = f.read()[-4000:].decode("utf-8", "replace")
            print("--- server log (tail) ---\n" + tail, file=sys.stderr)
        except OSError:
            pass


class API:
    """A keep-alive JSON client for one thread."""

    def __init__(self, port, token, timeout=15):
        self.port, self.token = port, token
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)

    def call(self, method, path, body=None, key=None):
        headers = {"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"}
        if key:
            headers["Idempotency-Key"] = key
        data = json.dumps(body).encode() if body is not None else None
        self.connection.request(method, path, body=data, headers=headers)
        response = self.connection.getresponse()
        raw = response.read()
        return response.status, (json.loads(raw) if raw else {})

    def close(self):
        self.connection.close()


class Ledger:
    """What the server acknowledged, shared by the load threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.versions = {}  # case id -> highest acknowledged version
        self.creates = 0
        self.actions = 0
        self.cut_off = 0  # requests that got no answer (the kill)
        self.refused = 0  # answers other than success (should be none)
        self.refusals = []

    def acknowledge(self, case_id, version, created):
        with self.lock:
            self.versions[case_id] = max(version, self.versions.get(case_id, 0))
            if created:
                self.creates += 1
            else:
                self.actions += 1


def intake(n):
    return {
        "channel": "window",
        "title": f"崩溃测试案件 {n}",
        "description": "楼上邻居每天晚上十点后仍在装修，多次沟通无果。crash-safety load",
        "regionCode": REGION,
        "urgency": "troublesome",
        "parties": [{"role": "reporter", "name": "张三丰", "phone": "13812341234"}],
    }


def load(port, token, ledger, stop, rng_seed):
    rng = random.Random(rng_seed)
    api = API(port, token)
    n = 0
    try:
        while not stop.is_set():
            n += 1
            try:
                status, body = api.call("POST", "/api/v1/cases", intake(n), key=f"crash-{uuid.uuid4()}")
            except (OSError, http.client.HTTPException):
                with ledger.lock:
                    ledger.cut_off += 1
                return
            if status not in (200, 201):
                with ledger.lock:
                    ledger.refused += 1
                    ledger.refusals.append((status, body))
                continue
            case_id = body["id"]
            ledger.acknowledge(case_id, body["version"], created=True)
            if rng.random() < 0.3:
                try:
                    status, body = api.call(
                        "POST", f"/api/v1/cases/{case_id}/actions/assess",
                        {"expectedVersion": body["version"], "urgency": "urgent", "difficulty": "simple",
                         "competentLevel": "township"})
                except (OSError, http.client.HTTPException):
                    with ledger.lock:
                        ledger.cut_off += 1
                    return
                if status == 200:
                    ledger.acknowledge(case_id, body["version"], created=False)
                else:
                    with ledger.lock:
                        ledger.refused += 1
                        ledger.refusals.append((status, body))
    finally:
        api.close()


def run(binary, env, workdir, args):
    subprocess.run([binary, "migrate"], env=env, cwd=workdir, check=True, stdout=subprocess.DEVNULL)
    subprocess.run([binary, "seed-demo", "--cases", "0"], env=env, cwd=workdir, check=True,
                   stdout=subprocess.DEVNULL)
    token = subprocess.run([binary, "token", "create", "--user", USER, "--label", "crash test"], env=env,
                           cwd=workdir, check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]

    rng = random.Random(args.seed)
    ledger = Ledger()
    server = Server(binary, env, workdir)
    started = time.monotonic()
    for round_number in range(1, args.rounds + 1):
        server.start()
        stop = threading.Event()
        threads = [threading.Thread(target=load, args=(server.port, token, ledger, stop, rng.random()))
                   for _ in range(args.threads)]
        for thread in threads:
            thread.start()
        time.sleep(rng.uniform(args.min_delay, args.max_delay))
        server.kill()
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
        print(f"  第 {round_number}/{args.rounds} 次 SIGKILL / kill {round_number}/{args.rounds}: "
              f"{ledger.creates} 个已确认案件 acknowledged cases, {ledger.actions} 个已确认操作 actions, "
              f"{ledger.cut_off} 个中断请求 cut-off requests", flush=True)

    if args.sabotage:
        # Proves the check itself: remove one acknowledged case behind the server's back; the run must fail.
        import sqlite3
        victim = max(ledger.versions)
        database = sqlite3.connect(os.path.join(workdir, "fengqiao.sqlite"))
        for table, column in (("case_events", "case_id"), ("case_organisations", "case_id"),
                              ("idempotency_keys", "case_id"), ("case_search", "rowid"), ("cases", "id")):
            database.execute(f"DELETE FROM {table} WHERE {column} = ?", (victim,))
        database.commit()
        database.close()
        say(f"已故意删除案件 {victim}，本次运行应当失败", f"sabotage: case {victim} deleted, this run must fail")

    # Restart once more and read back everything that was acknowledged.
    server.start()
    api = API(server.port, token, timeout=120)  # a loaded CI machine may be slow; slowness is not a failure here
    missing, short, broken = [], [], []
    for case_id, acknowledged in sorted(ledger.versions.items()):
        status, body = api.call("GET", f"/api/v1/cases/{case_id}")
        if status != 200:
            missing.append(case_id)
            continue
        version = body["version"]
        if version < acknowledged:
            short.append((case_id, acknowledged, version))
            continue
        status, events = api.call("GET", f"/api/v1/cases/{case_id}/events")
        sequences = [event["sequence"] for event in events.get("items", [])]
        changes = [event["change"] for event in events.get("items", [])]
        if status != 200 or sequences != list(range(1, version + 1)) or changes[:1] != ["registered"]:
            broken.append((case_id, version, sequences))
    api.close()
    server.stop()

    verify = subprocess.run([binary, "verify"], env=env, cwd=workdir, capture_output=True, text=True)
    elapsed = time.monotonic() - started

    print()
    say("崩溃安全测试结果", "crash-safety summary")
    print(f"  SIGKILL 次数 kills:                              {args.rounds}")
    print(f"  负载线程 load threads:                           {args.threads}")
    print(f"  已确认的创建 acknowledged creates:               {ledger.creates}")
    print(f"  已确认的操作 acknowledged actions (assess):      {ledger.actions}")
    print(f"  被中断的请求 requests cut off by a kill:         {ledger.cut_off}")
    print(f"  被拒绝的请求 refused requests:                   {ledger.refused}")
    print(f"  缺失的案件 missing cases:                        {len(missing)}")
    print(f"  版本倒退 cases behind their acknowledged version: {len(short)}")
    print(f"  档案不完整 cases with a broken event file:       {len(broken)}")
    print(f"  fengqiao verify: exit {verify.returncode} — {verify.stdout.strip().splitlines()[-1] if verify.stdout.strip() else ''}")
    print(f"  用时 elapsed:                                    {elapsed:.0f} s")

    if ledger.creates == 0:
        fail("没有任何创建被确认：负载没有运行", "no create was acknowledged: the load did not run")
    if missing:
        fail(f"{len(missing)} 个已确认的案件丢失：{missing[:20]}",
             f"{len(missing)} acknowledged cases are MISSING: {missing[:20]}")
    if short:
        fail(f"{len(short)} 个案件丢失了已确认的操作：{short[:20]}",
             f"{len(short)} cases lost acknowledged changes (id, acknowledged, found): {short[:20]}")
    if broken:
        fail(f"{len(broken)} 个案件的事件档案不完整：{broken[:5]}",
             f"{len(broken)} cases have a broken event file (id, version, sequences): {broken[:5]}")
    if ledger.refused:
        fail(f"服务拒绝了 {ledger.refused} 个请求：{ledger.refusals[:3]}",
             f"the server refused {ledger.refused} requests: {ledger.refusals[:3]}")
    if verify.returncode != 0:
        print(verify.stdout + verify.stderr, file=sys.stderr)
        fail("fengqiao verify 发现问题", "fengqiao verify found problems")
    say("通过：每个已确认的案件和操作都在，事件链完整", "PASSED: every acknowledged case and change survived, chains intact")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=".build/debug/fengqiao")
    parser.add_argument("--rounds", type=int, default=20, help="how many times to SIGKILL the server")
    parser.add_argument("--threads", type=int, default=8, help="concurrent intake clients")
    parser.add_argument("--min-delay", type=float, default=0.3, help="shortest load before a kill, seconds")
    parser.add_argument("--max-delay", type=float, default=2.5, help="longest load before a kill, seconds")
    parser.add_argument("--seed", type=int, default=None, help="random seed (kill moments, actions)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (database, server log)")
    parser.add_argument("--sabotage", action="store_true",
                        help="delete one acknowledged case before the check, to see the check fail")
    args = parser.parse_args()
    if args.seed is None:
        args.seed = random.randrange(1 << 30)

    binary = os.path.abspath(args.binary)
    if not os.access(binary, os.X_OK):
        fail(f"找不到可执行文件 {binary}", f"no executable at {binary}")
    workdir = tempfile.mkdtemp(prefix="fengqiao-crash-")
    env = {k: v for k, v in os.environ.items() if not k.startswith("FENGQIAO_")}
    env.update({
        "FENGQIAO_DATABASE_URL": f"sqlite:{os.path.join(workdir, 'fengqiao.sqlite')}",
        "FENGQIAO_LOG_LEVEL": "warning",
        "FENGQIAO_MODE": "development",
    })
    say(f"崩溃安全测试：{args.rounds} 次 SIGKILL，{args.threads} 个线程，随机种子 {args.seed}，目录 {workdir}",
        f"crash-safety test: {args.rounds} kills, {args.threads} threads, seed {args.seed}, folder {workdir}")
    ok = False
    try:
        run(binary, env, workdir, args)
        ok = True
    finally:
        if ok and not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
        elif not ok:
            print(f"保留现场 / kept for inspection: {workdir}", file=sys.stderr)


if __name__ == "__main__":
    main()
