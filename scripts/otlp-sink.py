"""A stand-in OTLP/HTTP collector for the benchmarks: accepts every export with 200 and counts what arrived.

Usage: python3 scripts/otlp-sink.py PORT COUNTS_FILE. It writes "<signal> <requests> <bytes>" lines to COUNTS_FILE after
every request, so the benchmark can print what its telemetry really sent, and exits when the script that started it does.
"""
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port, counts_file = int(sys.argv[1]), sys.argv[2]
counts = {}
lock = threading.Lock()


class Sink(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        signal = self.path.rstrip("/").rsplit("/", 1)[-1]
        with lock:
            requests, size = counts.get(signal, (0, 0))
            counts[signal] = (requests + 1, size + len(body))
            with open(counts_file, "w") as out:
                out.writelines(f"{name} {r} {b}\n" for name, (r, b) in sorted(counts.items()))
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def exit_with_parent(parent):
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(0)


threading.Thread(target=exit_with_parent, args=(os.getppid(),), daemon=True).start()
ThreadingHTTPServer(("127.0.0.1", port), Sink).serve_forever()
