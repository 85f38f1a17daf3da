#!/usr/bin/env python3
"""Sign-in burst against a live server: 200 parallel sign-ins from one address.

Starts a fresh `fengqiao serve` on 127.0.0.1 with the demo county (no demo cases; every demo account's password is
Fengqiao2026), then:
- reads GET /login once: the `fq_csrf` cookie (path /login) and the same token in the form's `_csrf` field; checks
  that a correct sign-in answers 303 with an `fq_session` cookie and a wrong password 401;
- releases 200 threads together (a threading.Barrier), each with its own connection, each posting the sign-in form
  with that valid CSRF cookie and field and a random username and password (mostly unknown users, some wrong
  passwords for taoyuan.center);
- meanwhile another thread reads /healthz, /mediators and /api/v1/mediators every 100 ms, each on a new connection,
  and times the answers.
Passes when no answer is a 5xx, no burst request ends in a connection error (a reset counts), every 429 carries a
Retry-After of a positive number of seconds, the burst answers are refusals (401/429, at least one 429: 200 failures
from one address must meet the limit) and every other request answers 200 within 1 s. Afterwards a correct
sign-in as another user (donghu.center) from the same address is reported; it may be refused with 429 (the
per-address limit), so only 303 or 429 with Retry-After is required.
Prints one line per check, then "N passed, M failed"; exits 1 on any failure. Python 3 standard library only.

Usage: scripts/signin-burst.py --binary .build/debug/fengqiao [--requests 200] [--timeout 30] [--seed N] [--keep]
"""

import argparse
import collections
import html.parser
import http.client
import http.cookies
import os
import random
import sys
import threading
import time
import urllib.parse

from serve_process import Checks, DemoServer

PASSWORD = "Fengqiao2026"  # every demo account's password
BURST_VICTIM = "taoyuan.center"  # the burst tries wrong passwords for this account
LATER_USER = "donghu.center"  # signs in correctly after the burst, from the same address
PAGES = ["/healthz", "/mediators", "/api/v1/mediators"]  # public, unrelated to signing in
PACING = 0.1  # seconds between the starts of two background requests


class Answer:
    """One HTTP answer: status, headers (case-insensitive), body, seconds taken; or the error that stopped it."""

    def __init__(self, status=None, headers=None, body=b"", seconds=0.0, error=None):
        self.status, self.headers, self.body, self.seconds, self.error = status, headers, body, seconds, error

    def header(self, name):
        return self.headers.get(name) if self.headers is not None else None

    def cookies(self):
        """The cookies the answer sets: name -> Morsel (value, ["path"], ...)."""
        jar = http.cookies.SimpleCookie()
        for line in (self.headers.get_all("Set-Cookie") or []) if self.headers is not None else []:
            try:
                jar.load(line)
            except http.cookies.CookieError:
                pass
        return jar

    def describe(self):
        return f"error {self.error!r}" if self.error else f"{self.status}"


def exchange(connection, method, path, body=None, headers=None):
    """One request on an open (or lazily opened) connection; never raises, a failure is an Answer with .error."""
    started = time.monotonic()
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        data = response.read()
        return Answer(response.status, response.headers, data, time.monotonic() - started)
    except (OSError, http.client.HTTPException) as error:
        return Answer(seconds=time.monotonic() - started, error=error)
    finally:
        connection.close()


def request(port, method, path, timeout, body=None, headers=None):
    return exchange(http.client.HTTPConnection("127.0.0.1", port, timeout=timeout), method, path, body, headers)


class FormFields(html.parser.HTMLParser):
    """The <input name=... value=...> fields of a page."""

    def __init__(self):
        super().__init__()
        self.fields = {}

    def handle_starttag(self, tag, attrs):
        if tag == "input":
            attributes = dict(attrs)
            if attributes.get("name"):
                self.fields.setdefault(attributes["name"], attributes.get("value") or "")


def sign_in_form(username, password, token):
    body = urllib.parse.urlencode({"username": username, "password": password, "_csrf": token})
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"fq_csrf={token}"}
    return body, headers


def retry_after_ok(answer):
    value = (answer.header("Retry-After") or "").strip()
    return value.isdigit() and int(value) > 0


def is_5xx(answer):
    return answer.status is not None and answer.status >= 500


# ---------------------------------------------------------------------------------------------------------------
# The burst and the background reader


def burst(port, token, count, timeout, rng):
    """`count` sign-in POSTs released together; returns their Answers (None for a thread that never finished)."""
    forms = []
    for _ in range(count):
        if rng.random() < 0.8:
            username = f"nobody.{rng.randrange(1 << 32):08x}"
        else:
            username = BURST_VICTIM
        password = f"wrong-{rng.randrange(1 << 32):08x}"
        forms.append(sign_in_form(username, password, token))
    answers = [None] * count
    barrier = threading.Barrier(count)

    def one(index):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        try:
            connection.connect()  # connect first, so that the requests themselves leave together
        except OSError as error:
            answers[index] = Answer(error=error)
            connection.close()
            try:
                barrier.wait(timeout=timeout)
            except threading.BrokenBarrierError:
                pass
            return
        try:
            barrier.wait(timeout=timeout)
        except threading.BrokenBarrierError as error:
            answers[index] = Answer(error=error)
            connection.close()
            return
        body, headers = forms[index]
        answers[index] = exchange(connection, "POST", "/login", body, headers)

    threads = [threading.Thread(target=one, args=(i,), daemon=True) for i in range(count)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 2 * timeout + 30  # the barrier's wait, then one request
    for thread in threads:
        thread.join(timeout=max(0.0, deadline - time.monotonic()))
    unfinished = sum(thread.is_alive() for thread in threads)
    return list(answers), unfinished, time.monotonic() - started


class Reader(threading.Thread):
    """Reads the unrelated pages in turn every PACING seconds, each on a new connection, until stopped."""

    def __init__(self, port, timeout):
        super().__init__(daemon=True)
        self.port, self.timeout = port, timeout
        self.stop = threading.Event()
        self.answers = []  # (path, Answer)

    def run(self):
        n = 0
        next_start = time.monotonic()
        while not self.stop.is_set():
            path = PAGES[n % len(PAGES)]
            n += 1
            self.answers.append((path, request(self.port, "GET", path, self.timeout)))
            next_start += PACING
            self.stop.wait(max(0.0, next_start - time.monotonic()))  # the pacing, not a synchronisation


# ---------------------------------------------------------------------------------------------------------------


def journey(server, options, c):
    port, timeout = server.port, options.timeout
    rng = random.Random(options.seed)

    print("登录页 / the sign-in page", flush=True)
    page = request(port, "GET", "/login", timeout)
    cookie = page.cookies().get("fq_csrf")
    parser = FormFields()
    parser.feed(page.body.decode("utf-8", "replace"))
    token = cookie.value if cookie else ""
    c.check(page.status == 200 and cookie is not None and cookie["path"] == "/login" and token
            and parser.fields.get("_csrf") == token,
            f"GET /login answers 200 with an fq_csrf cookie on /login and the same token in _csrf "
            f"(got {page.describe()}, cookie {'path ' + cookie['path'] if cookie else 'missing'}, "
            f"field {'matches' if parser.fields.get('_csrf') == token else 'differs or missing'})")
    if not token:
        return

    good = request(port, "POST", "/login", timeout, *sign_in_form(BURST_VICTIM, PASSWORD, token))
    c.check(good.status == 303 and "fq_session" in good.cookies(),
            f"a correct sign-in ({BURST_VICTIM}) answers 303 with an fq_session cookie (got {good.describe()})")
    wrong = request(port, "POST", "/login", timeout, *sign_in_form(BURST_VICTIM, "not-the-password", token))
    c.check(wrong.status == 401, f"a wrong password answers 401 (got {wrong.describe()})")

    print(f"{options.requests} 个并发登录 / {options.requests} parallel sign-ins from 127.0.0.1", flush=True)
    reader = Reader(port, timeout)
    reader.start()
    answers, unfinished, elapsed = burst(port, token, options.requests, timeout, rng)
    reader.stop.set()
    reader.join(timeout=timeout + 30)

    counts = collections.Counter("error" if a is None or a.error else a.status for a in answers)
    finished = [a for a in answers if a is not None]
    slowest = max((a.seconds for a in finished), default=0.0)
    print(f"  burst answers by status: {dict(sorted(counts.items(), key=lambda kv: str(kv[0])))}; "
          f"{elapsed:.1f} s in all, slowest answer {slowest:.2f} s", flush=True)
    errors = [a for a in finished if a.error]
    c.check(unfinished == 0, f"every burst thread finished within the time bound ({unfinished} did not)")
    c.check(not errors and len(finished) == len(answers),
            f"no burst request ended in a connection error ({len(errors) + len(answers) - len(finished)}"
            f"{': ' + repr(errors[0].error) if errors else ''})")
    server_errors = [a for a in finished if is_5xx(a)]
    c.check(not server_errors, f"no burst answer is a 5xx ({len(server_errors)})")
    refused = [a for a in finished if a.status == 429]
    without = [a for a in refused if not retry_after_ok(a)]
    detail = f"{len(refused)} answers 429, {len(without)} without a valid Retry-After"
    if without:
        detail += f", e.g. Retry-After {without[0].header('Retry-After')!r}"
    elif refused:
        detail += f", e.g. Retry-After: {refused[0].header('Retry-After')}"
    c.check(refused, f"the burst meets the limit: {len(answers)} wrong sign-ins from one "
            f"address get at least one 429 ({len(refused)})")
    c.check(not without, f"every 429 carries Retry-After in whole seconds > 0 ({detail})")
    other = sorted({a.status for a in finished if a.status not in (401, 429) and a.status is not None})
    c.check(not other, f"the burst answers are refusals only, 401 or 429 (others: {other})")

    still_running = reader.is_alive()
    seen = list(reader.answers)
    page_counts = collections.Counter("error" if a.error else a.status for _, a in seen)
    late = [(p, a) for p, a in seen if a.error or a.status != 200 or a.seconds > options.latency]
    worst = max((a.seconds for _, a in seen), default=0.0)
    print(f"  other pages during the burst: {len(seen)} requests, by status "
          f"{dict(sorted(page_counts.items(), key=lambda kv: str(kv[0])))}, max latency {worst:.3f} s", flush=True)
    detail = f"{len(seen)} requests, max {worst:.3f} s"
    if late:
        path, answer = late[0]
        detail += f"; {len(late)} not 200 in time, e.g. {path} {answer.describe()} in {answer.seconds:.3f} s"
    if still_running:
        detail += "; the reader did not stop in time"
    c.check(seen and not late and not still_running,
            f"every other request ({', '.join(PAGES)}) answers 200 within {options.latency:g} s ({detail})")

    print("之后 / afterwards", flush=True)
    later = request(port, "POST", "/login", timeout, *sign_in_form(LATER_USER, PASSWORD, token))
    if later.status == 303:
        outcome = "signed in (303)"
    elif later.status == 429:
        outcome = f"refused by the per-address limit (429, Retry-After: {later.header('Retry-After')})"
    else:
        outcome = later.describe()
    print(f"  note: a correct sign-in as {LATER_USER} from the same address afterwards: {outcome}", flush=True)
    c.check((later.status == 303 and "fq_session" in later.cookies()) or (later.status == 429 and retry_after_ok(later)),
            f"the later correct sign-in ({LATER_USER}) answers 303, or 429 with Retry-After (got {later.describe()})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=".build/debug/fengqiao")
    parser.add_argument("--requests", type=int, default=200, help="parallel sign-in POSTs (default 200)")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds any one request may take (default 30)")
    parser.add_argument("--latency", type=float, default=1.0,
                        help="seconds the other pages may take during the burst (default 1.0)")
    parser.add_argument("--seed", type=int, default=None, help="random seed (usernames and passwords)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (database, server log)")
    options = parser.parse_args()
    if options.seed is None:
        options.seed = random.randrange(1 << 30)

    binary = os.path.abspath(options.binary)
    if not os.access(binary, os.X_OK):
        print(f"找不到可执行文件 / no executable at {binary}", file=sys.stderr)
        print("0 passed, 1 failed", flush=True)
        return 1
    server = DemoServer(binary, options.keep, "fengqiao-signin-burst-", {"FENGQIAO_LOG_LEVEL": "warning"})
    print(f"登录洪峰检查 / sign-in burst: {options.requests} requests, seed {options.seed}, folder {server.workdir}",
          flush=True)
    checks = Checks()
    ok = False
    try:
        server.run("migrate")
        server.run("seed-demo", "--cases", "0")
        server.start()
        journey(server, options, checks)
        ok = checks.failed == 0 and checks.passed > 0
    except Exception as error:  # a crash (ServerFailed, a failed migrate or seed-demo) is a failure
        checks.check(False, f"unexpected: {error!r}")
    finally:
        server.stop()
        if not ok:
            print("--- server log (tail) ---\n" + server.log_tail(), file=sys.stderr, flush=True)
        server.cleanup(ok)
    print(f"{checks.passed} passed, {checks.failed} failed", flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
