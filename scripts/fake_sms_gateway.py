"""A fake SMS gateway for tests: an HTTP server on 127.0.0.1 that records every message POSTed to it as the
generic gateway's JSON ({phone, text, event, caseNumber, messageId}, docs/NOTIFICATIONS.md) and answers 200.

    gateway = FakeSMSGateway(token="...")      # starts on a free port, in a thread
    gateway.url                                # http://127.0.0.1:PORT/sms for FENGQIAO_SMS_URL
    gateway.messages                           # what arrived, one entry per messageId (retries counted once)
    gateway.stop()

Run alone (`python3 scripts/fake_sms_gateway.py [port]`) it prints each message as it arrives.
"""

import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeSMSGateway:
    def __init__(self, token=None, port=0):
        self.token = token
        self.calls = []
        self.lock = threading.Lock()
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                if gateway.token and self.headers.get("Authorization") != f"Bearer {gateway.token}":
                    self.send_response(401)
                    self.end_headers()
                    return
                try:
                    message = json.loads(body.decode("utf-8"))
                except ValueError:
                    self.send_response(400)
                    self.end_headers()
                    return
                with gateway.lock:
                    gateway.calls.append(message)
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b'{"ok":true}')

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}/sms"

    @property
    def messages(self):
        with self.lock:
            seen, unique = set(), []
            for message in self.calls:
                if message.get("messageId") not in seen:
                    seen.add(message.get("messageId"))
                    unique.append(message)
            return unique

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


if __name__ == "__main__":
    gateway = FakeSMSGateway(port=int(sys.argv[1]) if len(sys.argv) > 1 else 0)
    print(f"fake SMS gateway at {gateway.url}", flush=True)
    try:
        seen = 0
        while True:
            gateway.thread.join(1)
            for message in gateway.messages[seen:]:
                print(json.dumps(message, ensure_ascii=False), flush=True)
            seen = len(gateway.messages)
    except KeyboardInterrupt:
        gateway.stop()
