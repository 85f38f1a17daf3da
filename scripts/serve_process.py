"""One `fengqiao serve` process on 127.0.0.1 for the test scripts (browser journeys, Open311 client check, crash
test): started on a free port, ready once /readyz answers 200, its output appended to a log file, stopped with
SIGTERM and killed if it does not stop in time. Python standard library only."""

import http.client
import signal
import socket
import subprocess
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
