"""One `fengqiao serve` process on 127.0.0.1 for the test scripts (browser journeys, Open311 client check, crash
test): started on a free port, ready once /readyz answers 200, its output appended to a log file, stopped with
SIGTERM and killed if it does not stop in time. Python standard library only."""

import http.client
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time


class ServerFailed(RuntimeError):
    """The server exited during start-up (`exit_code`), or was not ready in time (`exit_code` is None)."""

    def __init__(self, message, exit_code=None):
        super().__init__(message)
        self.exit_code = exit_code


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServeProcess:
    """Subclasses set `binary`, `env`, `workdir` and `log_path` (or pass them here)."""

    stop_grace = 20  # seconds between SIGTERM and SIGKILL

    def __init__(self, binary, env, workdir, log_path):
        self.binary, self.env, self.workdir, self.log_path = binary, env, workdir, log_path
        self.process = None
        self.port = None

    def start(self, timeout=120):
        self.port = free_port()
        log = open(self.log_path, "ab")
        self.process = subprocess.Popen(
            [self.binary, "serve", "--hostname", "127.0.0.1", "--port", str(self.port)],
            env=self.env, stdout=log, stderr=subprocess.STDOUT, cwd=self.workdir)
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ServerFailed(f"the server exited at start with code {self.process.returncode}",
                                   self.process.returncode)
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                connection.request("GET", "/readyz")
                status = connection.getresponse().status
                connection.close()
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise ServerFailed("the server was not ready in time (/readyz)")

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.port}"

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=self.stop_grace)
            except subprocess.TimeoutExpired:
                self.kill()


class DemoServer(ServeProcess):
    """A fresh SQLite database in a temporary folder for one check script (`prefix` names it), `run` for the
    commands that prepare it (migrate, seed-demo), their output and the server's in `server.log`; the folder is
    removed after a passing run unless `keep`, and kept for a look after a failing one."""

    def __init__(self, binary, keep, prefix, extra_env=None):
        self.keep = keep
        workdir = tempfile.mkdtemp(prefix=prefix)
        env = {k: v for k, v in os.environ.items() if not k.startswith("FENGQIAO_")}
        env.update({
            "FENGQIAO_DATABASE_URL": f"sqlite:{os.path.join(workdir, 'fq.sqlite')}",
            "FENGQIAO_MODE": "development",
            "FENGQIAO_SCHEDULER": "false",
        })
        env.update(extra_env or {})
        super().__init__(binary, env, workdir, os.path.join(workdir, "server.log"))

    def run(self, *arguments, timeout=900):
        """Runs `fengqiao ARGUMENTS` on the database; returns its output (also appended to the log)."""
        result = subprocess.run([self.binary, *arguments], env=self.env, cwd=self.workdir,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=timeout)
        with open(self.log_path, "ab") as log:
            log.write(f"$ fengqiao {' '.join(arguments)}\n".encode() + result.stdout)
        if result.returncode != 0:
            raise RuntimeError(f"fengqiao {' '.join(arguments)} exited {result.returncode}")
        return result.stdout.decode("utf-8", "replace")

    def log_tail(self, size=4000):
        try:
            with open(self.log_path, "rb") as f:
                return f.read()[-size:].decode("utf-8", "replace")
        except OSError:
            return ""

    def cleanup(self, ok):
        if ok and not self.keep:
            shutil.rmtree(self.workdir, ignore_errors=True)
        else:
            print(f"保留现场 / kept: {self.workdir} (server.log, fq.sqlite)", flush=True)


class Checks:
    """Counts checks and prints one line each; the script ends with `N passed, N failed`."""

    def __init__(self):
        self.passed = self.failed = 0

    def check(self, condition, what):
        if condition:
            self.passed += 1
            print(f"  ok   {what}", flush=True)
        else:
            self.failed += 1
            print(f"  FAIL {what}", flush=True)
        return condition
