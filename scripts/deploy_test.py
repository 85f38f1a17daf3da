#!/usr/bin/env python3
"""docs/DEPLOY.md tried as written, with the files it installs from deploy/:

1. every systemd unit and timer in deploy/systemd passes `systemd-analyze verify` (the binary path replaced by the
   build's; any complaint fails);
2. a production server from nothing, once on SQLite and once on PostgreSQL (when FENGQIAO_TEST_POSTGRES_URL names
   a server): the environment file made from deploy/fengqiao.env.example, `fengqiao config`, `migrate`, `setup`
   (the first administrator), `serve` in production mode (ready, the administrator signs in, /setup gone),
   `worker --once`, deploy/backup.sh, deploy/restore-drill.sh (the backup restored into a scratch database and
   verified), `fengqiao doctor` healthy (exit 0) and broken (exit 1).
Python standard library only."""

import argparse
import glob
import http.client
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_process import Checks, ServeProcess  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
DEPLOY = os.path.join(ROOT, "deploy")
PASSWORD = "Deploy2027test"


def verify_units(binary, checks):
    units = sorted(glob.glob(os.path.join(DEPLOY, "systemd", "*")))
    checks.check(len(units) >= 6, f"deploy/systemd holds the units and timers ({len(units)})")
    scratch = tempfile.mkdtemp(prefix="fengqiao-units-")
    try:
        share = os.path.join(scratch, "share")
        os.makedirs(share)
        for script in ("backup.sh", "restore-drill.sh"):
            shutil.copy(os.path.join(DEPLOY, script), share)
        copies = []
        for unit in units:
            with open(unit, encoding="utf-8") as f:
                text = f.read()
            text = text.replace("/usr/local/bin/fengqiao", binary).replace("/usr/local/share/fengqiao", share)
            copy = os.path.join(scratch, os.path.basename(unit))
            with open(copy, "w", encoding="utf-8") as f:
                f.write(text)
            copies.append(copy)
        result = subprocess.run(["systemd-analyze", "verify", *copies], capture_output=True, text=True, cwd=scratch)
        complaints = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
        checks.check(result.returncode == 0 and not complaints,
                     "systemd-analyze verify accepts every unit and timer"
                     + ("" if not complaints else ": " + " | ".join(complaints[:5])))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def environment_file(path, values):
    """deploy/fengqiao.env.example with the values a real administrator would put in; every placeholder replaced."""
    with open(os.path.join(DEPLOY, "fengqiao.env.example"), encoding="utf-8") as f:
        lines = f.read().splitlines()
    out, seen = [], set()
    for line in lines:
        key = line.split("=", 1)[0] if "=" in line and not line.startswith("#") else None
        if key in values:
            out.append(f"{key}={values[key]}")
            seen.add(key)
        else:
            out.append(line)
    for key, value in values.items():
        if key not in seen:
            out.append(f"{key}={value}")
    text = "\n".join(out) + "\n"
    if "REPLACE" in "\n".join(line for line in out if not line.startswith("#")):
        raise SystemExit("a placeholder of deploy/fengqiao.env.example was left in the file")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return {k: v for k, v in (line.split("=", 1) for line in out if line and not line.startswith("#"))}


class Production:
    """One production installation in a temporary folder: its environment file, its commands, its server."""

    def __init__(self, binary, name, database_url, workdir, extra_path=None):
        self.binary, self.name, self.workdir = binary, name, workdir
        self.backups = os.path.join(workdir, "backups")
        self.env_path = os.path.join(workdir, "fengqiao.env")
        self.values = environment_file(self.env_path, {
            "FENGQIAO_SESSION_SECRET": os.urandom(32).hex(),
            "FENGQIAO_DATABASE_URL": database_url,
            "FENGQIAO_METRICS_TOKEN": os.urandom(16).hex(),
            "FENGQIAO_BACKUP_DIR": self.backups,
        })
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("FENGQIAO_")}
        self.env["FENGQIAO_CONFIG"] = self.env_path
        if extra_path:
            self.env["PATH"] = extra_path + os.pathsep + self.env.get("PATH", "")
        self.log_path = os.path.join(workdir, "commands.log")

    def run(self, *arguments, stdin=None, env=None):
        result = subprocess.run([self.binary, *arguments], input=stdin, capture_output=True, text=True,
                                env=env or self.env, cwd=self.workdir, timeout=600)
        with open(self.log_path, "a", encoding="utf-8") as log:
            log.write(f"$ fengqiao {' '.join(arguments)} → {result.returncode}\n{result.stdout}{result.stderr}\n")
        return result

    def script(self, name, extra=None):
        """A deploy/ script with the environment systemd's EnvironmentFile would give it."""
        env = dict(self.env)
        env.update(self.values)
        env["FENGQIAO_BIN"] = self.binary
        env.update(extra or {})
        result = subprocess.run([os.path.join(DEPLOY, name)], capture_output=True, text=True, env=env,
                                cwd=self.workdir, timeout=600)
        with open(self.log_path, "a", encoding="utf-8") as log:
            log.write(f"$ deploy/{name} → {result.returncode}\n{result.stdout}{result.stderr}\n")
        return result


def sign_in(port, username, password):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/login")
    answer = connection.getresponse()
    answer.read()
    cookie = next((c.split(";", 1)[0] for c in answer.headers.get_all("Set-Cookie") or [] if c.startswith("fq_csrf=")),
                  "")
    body = urllib.parse.urlencode({"username": username, "password": password, "_csrf": cookie.split("=", 1)[-1]})
    connection.request("POST", "/login", body, {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie})
    answer = connection.getresponse()
    answer.read()
    session = next((c.split(";", 1)[0] for c in answer.headers.get_all("Set-Cookie") or []
                    if c.startswith("fq_session=")), None)
    connection.close()
    return answer.status, answer.getheader("location"), session


def get(port, path, cookie=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
    answer = connection.getresponse()
    body = answer.read().decode("utf-8", "replace")
    connection.close()
    return answer.status, body


def production_run(binary, name, database_url, checks, keep, drill_url=None, extra_path=None):
    workdir = tempfile.mkdtemp(prefix=f"fengqiao-deploy-{name}-")
    installation = Production(binary, name, database_url, workdir, extra_path)
    failed_before = checks.failed
    server = None
    try:
        print(f"— {name}: {workdir}", flush=True)
        checks.check(installation.run("config").returncode == 0, f"{name}: fengqiao config accepts the file")
        checks.check(installation.run("migrate").returncode == 0, f"{name}: fengqiao migrate")
        setup = installation.run(
            "setup", "--county-code", "330122", "--county-name", "桐庐县", "--center-name", "桐庐县社会治理中心",
            "--username", "county.admin", "--name", "张伟", stdin=PASSWORD + "\n")
        checks.check(setup.returncode == 0 and "已完成首次设置" in setup.stdout + setup.stderr,
                     f"{name}: fengqiao setup creates the county, its center and the first administrator")
        again = installation.run(
            "setup", "--county-code", "330127", "--county-name", "淳安县", "--center-name", "中心",
            "--username", "other.admin", "--name", "李四", stdin=PASSWORD + "\n")
        checks.check(again.returncode != 0, f"{name}: a second setup is refused")

        server = ServeProcess(binary, installation.env, workdir, os.path.join(workdir, "server.log"))
        server.start()
        status, location, session = sign_in(server.port, "county.admin", PASSWORD)
        checks.check(status == 303 and location == "/workspace" and session,
                     f"{name}: the administrator signs in to the production server (got {status} {location})")
        status, body = get(server.port, "/admin/regions", session)
        checks.check(status == 200 and "桐庐县" in body, f"{name}: the admin pages show the county")
        checks.check(get(server.port, "/setup")[0] == 404, f"{name}: /setup is gone once set up")
        status, body = get(server.port, "/readyz")
        checks.check(status == 200, f"{name}: /readyz answers 200 (got {status})")

        worker = installation.run("worker", "--once")
        checks.check(worker.returncode == 0, f"{name}: fengqiao worker --once")
        backup = installation.script("backup.sh")
        written = sorted(glob.glob(os.path.join(installation.backups, "fengqiao-*")))
        checks.check(backup.returncode == 0 and len(written) == 1,
                     f"{name}: deploy/backup.sh writes one backup ({[os.path.basename(p) for p in written]})"
                     + ("" if backup.returncode == 0 else f": {backup.stderr.strip()[-300:]}"))
        drill = installation.script("restore-drill.sh", {"FENGQIAO_DRILL_DATABASE_URL": drill_url} if drill_url else {})
        checks.check(drill.returncode == 0 and "恢复演练通过" in drill.stdout,
                     f"{name}: deploy/restore-drill.sh restores the backup into a scratch database and verifies it"
                     + ("" if drill.returncode == 0 else f": {(drill.stdout + drill.stderr).strip()[-300:]}"))
        doctor = installation.run("doctor")
        checks.check(doctor.returncode == 0 and "[问题]" not in doctor.stdout,
                     f"{name}: fengqiao doctor finds the installation healthy (exit {doctor.returncode})"
                     + ("" if doctor.returncode == 0 else ": " + doctor.stdout.strip()[-400:]))
        server.stop()
        checks.check(server.process.returncode == 0, f"{name}: serve stops cleanly on SIGTERM")

        broken = dict(installation.env)
        broken["FENGQIAO_SESSION_SECRET"] = "short"
        doctor = installation.run("doctor", env=broken)
        checks.check(doctor.returncode == 1 and "FENGQIAO_SESSION_SECRET" in doctor.stdout + doctor.stderr,
                     f"{name}: fengqiao doctor fails on a broken configuration, naming the setting")
    finally:
        if server:
            server.stop()
        if checks.failed == failed_before and not keep:
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            print(f"保留现场 / kept: {workdir} (commands.log, server.log)", flush=True)


def postgres_tools():
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
    return found[-1] if found else None


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--binary", default=".build/debug/fengqiao")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    checks = Checks()
    verify_units(binary, checks)
    production_run(binary, "SQLite", f"sqlite:{tempfile.gettempdir()}/fengqiao-deploy-{os.getpid()}.sqlite",
                   checks, args.keep)
    for leftover in glob.glob(f"{tempfile.gettempdir()}/fengqiao-deploy-{os.getpid()}.sqlite*"):
        os.remove(leftover)
    base = os.environ.get("FENGQIAO_TEST_POSTGRES_URL")
    tools = postgres_tools()
    if base and tools:
        parsed = urllib.parse.urlparse(base)
        names = [f"fq_deploy_{os.getpid()}", f"fq_drill_{os.getpid()}"]
        psql = [os.path.join(tools, "psql"), "-q", "-h", parsed.hostname, "-p", str(parsed.port or 5432),
                "-U", parsed.username or "postgres", "-d", parsed.path.lstrip("/")]
        for name in names:
            subprocess.run(psql + ["-c", f"CREATE DATABASE {name}"], check=True)
        try:
            urls = [parsed._replace(path="/" + name).geturl() for name in names]
            production_run(binary, "PostgreSQL", urls[0], checks, args.keep, drill_url=urls[1], extra_path=tools)
        finally:
            for name in names:
                subprocess.run(psql + ["-c", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], check=False)
    else:
        print("PostgreSQL: FENGQIAO_TEST_POSTGRES_URL not set; the SQLite installation only", flush=True)
    print(f"deploy-test: {checks.passed} passed, {checks.failed} failed", flush=True)
    return 0 if checks.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
