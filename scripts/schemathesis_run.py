#!/usr/bin/env python3
"""Fuzzes the JSON API with Schemathesis from its own OpenAPI document (/api/v1/openapi.json) and fails on any 5xx.

Run through scripts/schemathesis.sh, which installs Schemathesis (and Selenium, which scripts/browser_test.py
imports) into .venv-fuzz/:

    scripts/schemathesis.sh                      # the debug build, 25 examples per operation
    .venv-fuzz/bin/python scripts/schemathesis_run.py --binary .build/debug/fengqiao --examples 50 --keep
    scripts/schemathesis.sh --exclude-operation-id listCases   # unknown options go to `schemathesis run`

It starts `fengqiao serve` on a fresh SQLite database with the demo county (the `Server` of browser_test.py),
creates a token for county.center with the same FENGQIAO_DATABASE_URL, and runs `schemathesis run` with the
not_a_server_error check only. On a failure it prints the server log's errors (each 500 is logged with its request
id, path and error).
"""

import argparse
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from browser_test import ROOT, Server, StepFailed, say  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "debug", "fengqiao"))
    parser.add_argument("--cases", type=int, default=40, help="demo cases to load (seed-demo --cases)")
    parser.add_argument("--examples", type=int, default=25, help="examples per API operation")
    parser.add_argument("--max-time", type=int, default=170, help="seconds for the whole Schemathesis run")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--user", default="county.center")
    parser.add_argument("--keep", action="store_true", help="keep the database and server log")
    arguments, extra = parser.parse_known_args()  # anything else goes to `schemathesis run`

    schemathesis = os.path.join(os.path.dirname(sys.executable), "schemathesis")
    server = Server(os.path.abspath(arguments.binary), arguments.cases, arguments.keep)
    ok = False
    try:
        say("准备演示数据库", "preparing the demo database")
        server.prepare()
        server.start()
        token = server.run("token", "create", "--user", arguments.user, capture=True).strip().splitlines()[-1]
        report = os.path.join(server.workdir, "schemathesis")
        command = [
            schemathesis, "run", f"{server.base_url}/api/v1/openapi.json",
            "--header", f"Authorization: Bearer {token}",
            "--checks", "not_a_server_error",
            "--max-examples", str(arguments.examples),
            "--max-time", str(arguments.max_time),
            "--seed", str(arguments.seed),
            # One worker: with two, Hypothesis parses lambda sources from two threads at once, and CPython 3.11 can
            # fail that with "SystemError: AST constructor recursion depth mismatch" (a runtime error of the tool,
            # not of the server, that failed a CI run). --max-time bounds the run either way.
            "--workers", "1",
            "--generation-database", "none",
            "--report", "junit", "--report-dir", report,
            "--no-color",
            *extra,
        ]
        say("运行 Schemathesis", "running " + " ".join(c if "Bearer" not in c else "Authorization: Bearer …"
                                                      for c in command))
        result = subprocess.run(command, cwd=server.workdir)
        ok = result.returncode == 0
        if not ok:
            say("发现问题，服务器日志中的错误：", "failures; the server log's errors:")
            with open(server.log_path, "rb") as log:
                for line in log.read().decode("utf-8", "replace").splitlines():
                    if "error" in line.lower() or "api request failed" in line:
                        print(line)
        say("通过" if ok else "失败", "passed" if ok else f"failed (exit {result.returncode}); report in {report}")
    except StepFailed as error:
        print(f"FAIL: {error}\n{server.log_tail()}", file=sys.stderr)
    finally:
        server.stop()
        server.cleanup(ok)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
