#!/usr/bin/env python3
"""The app behind nginx with TLS (docs/DEPLOY.md), checked as a browser and a citizen would meet it.

Starts a fresh demo server on 127.0.0.1 (FENGQIAO_BEHIND_TLS=true, FENGQIAO_TRUSTED_PROXIES=127.0.0.1) and an nginx
of its own (a temporary prefix, a self-signed certificate, 127.0.0.1 only), then checks through the proxy:
HSTS and Secure cookies, staff sign-in, a report with a photo, and that failed tracking look-ups are limited per
client address as nginx forwards it (X-Forwarded-For), not per proxy. Python standard library only."""

import argparse
import http.client
import json
import os
import shutil
import ssl
import subprocess
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serve_process import Checks, DemoServer, free_port  # noqa: E402

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


SITE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "deploy", "nginx", "fengqiao.conf")


def deployed_site(tls_port, redirect_port, app_port, cert, key):
    """deploy/nginx/fengqiao.conf, the very file DEPLOY.md installs, with only its addresses and certificate
    replaced: each replacement must match once, so an edit of the file that the test no longer follows fails."""
    with open(SITE, encoding="utf-8") as f:
        text = f.read()
    for old, new in [
        ("server 127.0.0.1:8080;", f"server 127.0.0.1:{app_port};"),
        ("listen 80;", f"listen 127.0.0.1:{redirect_port};"),
        ("listen 443 ssl http2;", f"listen 127.0.0.1:{tls_port} ssl http2;"),
        ("ssl_certificate /etc/ssl/fengqiao/fullchain.pem;", f"ssl_certificate {cert};"),
        ("ssl_certificate_key /etc/ssl/fengqiao/privkey.pem;", f"ssl_certificate_key {key};"),
    ]:
        if text.count(old) != 1:
            raise SystemExit(f"deploy/nginx/fengqiao.conf: expected one `{old}`")
        text = text.replace(old, new)
    return text


def nginx_binary():
    for candidate in ("/usr/sbin/nginx", shutil.which("nginx")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    raise SystemExit("nginx not found")


class Client:
    """HTTPS to the proxy, trusting only its certificate; keeps cookies (name → value) and their attributes."""

    def __init__(self, port, cafile):
        self.port = port
        self.context = ssl.create_default_context(cafile=cafile)
        self.context.check_hostname = False
        self.cookies = {}
        self.set_cookie_lines = []

    def request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPSConnection("127.0.0.1", self.port, context=self.context, timeout=30)
        all_headers = dict(headers or {})
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection.request(method, path, body=body, headers=all_headers)
        response = connection.getresponse()
        data = response.read()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                self.set_cookie_lines.append(value)
                pair = value.split(";", 1)[0]
                key, _, val = pair.partition("=")
                self.cookies[key.strip()] = val.strip()
        connection.close()
        return response.status, dict((k.lower(), v) for k, v in response.getheaders()), data.decode("utf-8", "replace")


def hidden(html, name):
    marker = f'name="{name}" value="'
    start = html.find(marker)
    if start < 0:
        return None
    start += len(marker)
    return html[start:html.find('"', start)]


def multipart(fields, file_field, file_name, content):
    boundary = "----fengqiao-proxy-test"
    parts = []
    for name, value in fields:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; filename="{file_name}"\r\n'
        f"Content-Type: image/png\r\n\r\n".encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--binary", default=".build/debug/fengqiao")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    server = DemoServer(os.path.abspath(args.binary), args.keep, "fengqiao-proxy-", {
        "FENGQIAO_BEHIND_TLS": "true", "FENGQIAO_TRUSTED_PROXIES": "127.0.0.1"})
    checks = Checks()
    nginx = None
    ok = False
    try:
        server.run("migrate")
        server.run("seed-demo", "--cases", "20")
        server.start()
        prefix = os.path.join(server.workdir, "nginx")
        os.makedirs(os.path.join(prefix, "logs"), exist_ok=True)
        cert, key = os.path.join(prefix, "cert.pem"), os.path.join(prefix, "key.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                        "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                       check=True, capture_output=True)
        port = free_port()
        user = "user root root;" if os.geteuid() == 0 else ""
        redirect_port = free_port()
        site = deployed_site(port, redirect_port, server.port, cert, key)
        with open(os.path.join(prefix, "nginx.conf"), "w") as f:
            f.write(f"""{user}
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/logs/error.log;
events {{ worker_connections 64; }}
http {{
    access_log {prefix}/logs/access.log;
    client_body_temp_path {prefix}/body; proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi; uwsgi_temp_path {prefix}/uwsgi; scgi_temp_path {prefix}/scgi;
{site}
}}
""")
        nginx = subprocess.Popen([nginx_binary(), "-p", prefix, "-c", os.path.join(prefix, "nginx.conf"),
                                  "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        client = Client(port, cert)
        deadline = time.monotonic() + 30
        while True:
            try:
                status, headers, _ = client.request("GET", "/readyz")
                break
            except OSError:
                if time.monotonic() > deadline or nginx.poll() is not None:
                    raise SystemExit("nginx did not come up")
                time.sleep(0.1)
        print(f"nginx on https://127.0.0.1:{port} → app on 127.0.0.1:{server.port}", flush=True)
        checks.check(status == 200, "/readyz through the proxy answers 200")
        checks.check("max-age=31536000" in headers.get("strict-transport-security", ""),
                     "HSTS is sent behind TLS")

        plain = http.client.HTTPConnection("127.0.0.1", redirect_port, timeout=10)
        plain.request("GET", "/login")
        answer = plain.getresponse()
        checks.check(answer.status == 301 and answer.getheader("location", "").startswith("https://"),
                     f"plain HTTP is sent on to HTTPS (got {answer.status})")
        plain.close()
        status, _, _ = client.request("GET", "/metrics")
        checks.check(status == 404, f"/metrics is not served through the proxy (got {status})")

        # Staff sign-in: the CSRF cookie, then the session cookie, both Secure.
        status, _, page = client.request("GET", "/login")
        csrf = client.cookies.get("fq_csrf")
        body = urllib.parse.urlencode({"username": "taoyuan.center", "password": "Fengqiao2026", "_csrf": csrf})
        status, headers, _ = client.request("POST", "/login", body,
                                            {"Content-Type": "application/x-www-form-urlencoded"})
        checks.check(status == 303 and headers.get("location") == "/workspace", f"sign-in answers 303 (got {status})")
        session_lines = [line for line in client.set_cookie_lines if line.startswith("fq_session=")]
        checks.check(bool(session_lines) and all("Secure" in line and "HttpOnly" in line for line in session_lines),
                     "the session cookie is Secure and HttpOnly")
        status, _, page = client.request("GET", "/workspace")
        checks.check(status == 200 and "工作台" in page, "the workspace opens through the proxy")

        # A citizen's report with a photo.
        citizen = Client(port, cert)
        status, _, page = citizen.request("GET", "/report")
        grid = page.split('<option value="', 2)[-1].split('"', 1)[0] if '<option value="' in page else ""
        fields = [("_csrf", hidden(page, "_csrf") or ""), ("idempotencyKey", hidden(page, "idempotencyKey") or ""),
                  ("regionCode", grid), ("description", "小区门口路灯不亮，晚上看不清路"), ("phone", "13700009999")]
        body, content_type = multipart(fields, "photo", "lamp.png", PNG)
        status, headers, answer = citizen.request("POST", "/report", body, {"Content-Type": content_type})
        checks.check(status == 303 and headers.get("location", "").startswith("/report/done"),
                     f"a report with a photo is registered through the proxy (got {status} {answer[:200]!r})")

        # Failed look-ups are counted per client address as nginx forwards it: 30 from one address, then 429;
        # another address is still answered.
        lookup = json.dumps({"code": "ZZZZZZZZZZ", "phone": "0000"})
        statuses = []
        for _ in range(31):
            status, headers, _ = citizen.request("POST", "/api/v1/track", lookup, {
                "Content-Type": "application/json", "X-Forwarded-For": "198.51.100.7"})
            statuses.append(status)
        checks.check(statuses[:30] == [404] * 30 and statuses[30] == 429,
                     f"31 failed look-ups from one client: 30 × 404, then 429 (got {sorted(set(statuses))})")
        checks.check("retry-after" in headers, "the 429 says when to retry")
        status, _, _ = citizen.request("POST", "/api/v1/track", lookup, {
            "Content-Type": "application/json", "X-Forwarded-For": "198.51.100.8"})
        checks.check(status == 404, f"another client address behind the same proxy is still answered (got {status})")
        ok = checks.failed == 0
    finally:
        if nginx and nginx.poll() is None:
            nginx.terminate()
            nginx.wait(timeout=10)
        server.stop()
        if not ok:
            print(server.log_tail(), flush=True)
        server.cleanup(ok)
    print(f"proxy-test: {checks.passed} passed, {checks.failed} failed", flush=True)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
