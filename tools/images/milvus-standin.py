#!/usr/bin/python3
"""TEST STAND-IN for the Milvus server image: NOT Milvus. Milvus Lite (PyPI) behind the real image's
command line and health endpoint, for the test cluster of tools/cluster.sh only.

Accepts the real image's arguments (`milvus run standalone`, what the operator passes), starts
`milvus-lite server` on the data directory (the StatefulSet's PVC) serving the Milvus gRPC API on
19530 on all interfaces, and answers `GET /healthz` on 9091 with 200 once the gRPC port accepts
connections (503 before), like Milvus' own health port. SIGTERM/SIGINT/SIGHUP go to Milvus Lite,
and this process exits with its status. Python stdlib only.
"""
import http.server
import os
import signal
import socket
import subprocess
import sys
import threading

MILVUS_LITE = "/opt/milvus-lite/bin/milvus-lite"
DATA_DIR = os.environ.get("MILVUS_STANDIN_DATA_DIR", "/var/lib/milvus")
GRPC_PORT = int(os.environ.get("MILVUS_STANDIN_GRPC_PORT", "19530"))
HEALTH_PORT = int(os.environ.get("MILVUS_STANDIN_HEALTH_PORT", "9091"))


def log(message):
    print(f"milvus-lite-standin: {message}", file=sys.stderr, flush=True)


def grpc_accepts():
    try:
        with socket.create_connection(("127.0.0.1", GRPC_PORT), timeout=1):
            return True
    except OSError:
        return False


class Health(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path.split("?", 1)[0] != "/healthz":
            self.send_error(404)
            return
        ok = grpc_accepts()
        body = b"OK" if ok else b"milvus-lite is not accepting connections yet"
        self.send_response(200 if ok else 503)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, fmt, *args):  # probes every few seconds: keep the log quiet
        pass


def main(argv):
    args = argv[1:]
    if args[:1] == ["milvus"]:
        args = args[1:]
    if args not in ([], ["run", "standalone"]):
        log(f"only `milvus run standalone` is supported (got {' '.join(argv[1:])})")
        return 2
    child = subprocess.Popen([MILVUS_LITE, "server", "--data-dir", DATA_DIR,
                              "--host", "0.0.0.0", "--port", str(GRPC_PORT)])
    log(f"started milvus-lite (pid {child.pid}) on :{GRPC_PORT}, data in {DATA_DIR}; /healthz on :{HEALTH_PORT}")

    def forward(sig, _frame):
        log(f"forwarding signal {sig} to milvus-lite")
        child.send_signal(sig)

    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, forward)

    server = http.server.ThreadingHTTPServer(("0.0.0.0", HEALTH_PORT), Health)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()

    status = child.wait()  # retried across signal handlers (PEP 475)
    log(f"milvus-lite exited with status {status}")
    return status if status >= 0 else 128 - status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
