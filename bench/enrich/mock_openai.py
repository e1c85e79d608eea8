#!/usr/bin/env python3
"""A loopback stand-in for OpenAI's Chat Completions API, for the enrichment benchmark.

Usage: mock_openai.py PORT_FILE [DELAY_SECONDS]

Listens on 127.0.0.1 on a port the system chooses, writes the port to PORT_FILE,
and answers each POST to /v1/chat/completions after DELAY_SECONDS (0.2 unless
given) with a valid structured answer. GET /v1/models lists gpt-5-mini. Every
other request gets a 404. On SIGTERM it prints the number of completions, the most that were in flight
at once, and the time from the first to the last.
"""
import json
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DELAY = float(sys.argv[2]) if len(sys.argv) > 2 else 0.2
lock = threading.Lock()
completions = 0
in_flight = 0
max_in_flight = 0
first_start = None
last_end = None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes, so Nagle's algorithm would hold the body for the client's delayed ACK.
    disable_nagle_algorithm = True

    def log_message(self, *args):
        pass

    def send_json(self, status, payload):
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path == "/v1/models":
            self.send_json(200, {"object": "list", "data": [{"id": "gpt-5-mini", "object": "model", "owned_by": "mock"}]})
        else:
            self.send_json(404, {"error": {"message": "no route"}})

    def do_POST(self):
        global completions
        length = int(self.headers.get("Content-Length", "0"))
        self.rfile.read(length)
        if self.path != "/v1/chat/completions":
            self.send_json(404, {"error": {"message": "no route"}})
            return
        global in_flight, max_in_flight, first_start, last_end
        with lock:
            in_flight += 1
            max_in_flight = max(max_in_flight, in_flight)
            first_start = first_start or time.monotonic()
        time.sleep(DELAY)
        with lock:
            completions += 1
            number = completions
            in_flight -= 1
            last_end = time.monotonic()
        answer = {"description": f"A generated summary of this page, number {number}."}
        self.send_json(200, {
            "id": f"chatcmpl-{number}", "object": "chat.completion", "created": 1, "model": "gpt-5-mini",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": json.dumps(answer)}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 400, "completion_tokens": 20, "total_tokens": 420},
        })


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    with open(sys.argv[1], "w") as handle:
        handle.write(str(server.server_address[1]))

    def stop(*_):
        span = (last_end - first_start) if first_start and last_end else 0
        print(f"completions: {completions}, max in flight: {max_in_flight}, first to last: {span:.2f} s", file=sys.stderr)
        sys.exit(0)

    signal.signal(signal.SIGTERM, stop)
    server.serve_forever()


if __name__ == "__main__":
    main()
