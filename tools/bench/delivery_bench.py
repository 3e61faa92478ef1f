#!/usr/bin/env python3
"""Driver of tools/bench/delivery.sh (standard library only): starts nginx, MinIO + Redis + the cdn
service and embedded mode on the same files, checks that each serves the same bytes with 200 and
304, then runs wrk over every server for large/small x 200/304 in interleaved passes and prints
requests/s, p99, server CPU per request and the ratios against nginx."""
import datetime
import hashlib
import hmac
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import wrkrun

ROOT = Path(os.environ["BENCH_ROOT"])
WORK = Path(os.environ["BENCH_WORK"])
JAVA = Path(os.environ["JAVA_HOME"]) / "bin" / "java"
FILES = WORK / "files"
DURATION = os.environ.get("WRK_DURATION", "15s")
CONNECTIONS = os.environ.get("WRK_CONNECTIONS", "32")
THREADS = os.environ.get("WRK_THREADS", "2")
PASSES = int(os.environ.get("PASSES", "2"))
# cdn-delivery and embedded-delivery: the same processes as cdn and embedded, on their delivery port.
SERVERS = os.environ.get("SERVERS", "nginx,cdn,cdn-delivery,embedded,embedded-delivery").split(",")
TICKS = os.sysconf("SC_CLK_TCK")
MINIO_USER, MINIO_SECRET, BUCKET = "imagesearch", "imagesearch-secret", "images"
# Large originals at /images/{id}, small ones at /thumbnails/{id}: the two delivery routes.
SETS = {"large": ("images", "images"), "small": ("thumbnails", "thumbs")}


def log(msg):
    print(f"[delivery-bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(method, url, headers=None, body=None, timeout=30):
    req = urllib.request.Request(url, method=method, headers=headers or {}, data=body)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def wait_http(url, proc, what, timeout=240):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"{what} exited with {proc.returncode}")
        try:
            if http("GET", url, timeout=2)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.25)
    raise RuntimeError(f"{what} did not answer {url} within {timeout} s")


def s3(method, port, path, body=b"", content_type=None):
    """One S3 request signed with AWS Signature V4 (MinIO's root credentials)."""
    now = datetime.datetime.now(datetime.timezone.utc)
    amz_date, day = now.strftime("%Y%m%dT%H%M%SZ"), now.strftime("%Y%m%d")
    host = f"127.0.0.1:{port}"
    payload = hashlib.sha256(body).hexdigest()
    headers = {"host": host, "x-amz-content-sha256": payload, "x-amz-date": amz_date}
    if content_type:
        headers["content-type"] = content_type
    names = sorted(headers)
    canonical = "\n".join([method, path, "", *(f"{n}:{headers[n]}" for n in names), "", ";".join(names), payload])
    scope = f"{day}/us-east-1/s3/aws4_request"
    to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical.encode()).hexdigest()])
    key = ("AWS4" + MINIO_SECRET).encode()
    for part in (day, "us-east-1", "s3", "aws4_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    signature = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
    headers["authorization"] = (f"AWS4-HMAC-SHA256 Credential={MINIO_USER}/{scope}, "
                                f"SignedHeaders={';'.join(names)}, Signature={signature}")
    del headers["host"]
    return http(method, f"http://{host}{path}", headers, body)


def files(name):
    return sorted(p for p in (FILES / name).iterdir() if len(p.name) == 64)


class Server:
    """A started server: its pids for CPU accounting and a stop()."""

    def __init__(self, name, port, procs, key=None):
        self.name, self.port, self.procs, self.key = name, port, procs, key

    def on_port(self, name, port):
        """The same process seen on another of its ports (stopped with this one)."""
        view = Server(name, port, self.procs, self.key)
        view.stop = lambda: None
        return view

    def pids(self):
        # The cdn's Redis (key checks) and MinIO count too: they work for its requests.
        return [p.pid for p in self.procs]

    def cpu_seconds(self):
        total = 0.0
        for pid in self.pids():
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime
        return total

    def rss_mib(self):
        total = 0
        for pid in self.pids():
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        return round(total / 1024)

    def headers(self):
        return {"Authorization": f"Bearer {self.key}"} if self.key else {}

    def stop(self):
        for proc in reversed(self.procs):
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(60)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()


class Nginx(Server):
    def pids(self):
        master = self.procs[0].pid
        workers = [int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit() and self._ppid(p) == master]
        return [master, *workers]

    @staticmethod
    def _ppid(p):
        try:
            return int((p / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            return None

    def stop(self):
        self.procs[0].send_signal(signal.SIGQUIT)
        self.procs[0].wait(30)


def data_dir():
    """Embedded mode's object folder (nginx serves the same files): data + .meta sidecar per object."""
    data = WORK / "data"
    if not (data / ".done").exists():
        shutil.rmtree(data, ignore_errors=True)
        for name, (_, prefix) in SETS.items():
            folder = data / "objects" / prefix
            folder.mkdir(parents=True)
            for f in files(name):
                shutil.copyfile(f, folder / f.name)
                (folder / (f.name + ".meta")).write_text(f"contentType=image/jpeg\nsize={f.stat().st_size}\n")
        (data / ".done").touch()
    return data


def start_nginx(data):
    port = free_port()
    ngx = WORK / "nginx"
    shutil.rmtree(ngx, ignore_errors=True)
    (ngx / "tmp").mkdir(parents=True)
    # Started as root, nginx's workers would run as nobody and could not read files under ~root.
    user = "user root;\n" if os.geteuid() == 0 else ""
    temps = "".join(f"  {t}_temp_path {ngx}/tmp;\n" for t in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (ngx / "nginx.conf").write_text(f"""{user}worker_processes auto;
daemon off;
pid {ngx}/nginx.pid;
error_log {ngx}/error.log;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  sendfile on;
  tcp_nopush on;
  default_type image/jpeg;
{temps}  server {{
    listen 127.0.0.1:{port};
    location /images/ {{ alias {data}/objects/images/; }}
    location /thumbnails/ {{ alias {data}/objects/thumbs/; }}
  }}
}}
""")
    proc = subprocess.Popen(["nginx", "-p", str(ngx), "-c", str(ngx / "nginx.conf")])
    server = Nginx("nginx", port, [proc])
    wait_http(f"http://127.0.0.1:{port}/images/{files('large')[0].name}", proc, "nginx", 30)
    return server


def delivery_port_args(name):
    """--imagesearch.delivery.port for a server whose delivery port is measured, and the port."""
    if f"{name}-delivery" not in SERVERS:
        return [], None
    port = free_port()
    return [f"--imagesearch.delivery.port={port}"], port


def start_cdn():
    minio_port, redis_port, port = free_port(), free_port(), free_port()
    delivery_args, delivery_port = delivery_port_args("cdn")
    minio_dir = WORK / "minio"
    shutil.rmtree(minio_dir, ignore_errors=True)
    minio_dir.mkdir()
    env = dict(os.environ, MINIO_ROOT_USER=MINIO_USER, MINIO_ROOT_PASSWORD=MINIO_SECRET, MINIO_BROWSER="off",
               MINIO_UPDATE="off")
    minio = subprocess.Popen([os.environ["MINIO_BIN"], "server", str(minio_dir), "--address", f"127.0.0.1:{minio_port}",
                              "--console-address", f"127.0.0.1:{free_port()}", "--quiet"], env=env,
                             stdout=open(WORK / "minio.log", "w"), stderr=subprocess.STDOUT)
    redis = subprocess.Popen([os.environ["REDIS_SERVER_BIN"], "--port", str(redis_port), "--bind", "127.0.0.1",
                              "--save", "", "--appendonly", "no"], stdout=open(WORK / "redis.log", "w"),
                             stderr=subprocess.STDOUT)
    wait_http(f"http://127.0.0.1:{minio_port}/minio/health/ready", minio, "minio", 60)
    assert s3("PUT", minio_port, f"/{BUCKET}")[0] in (200, 409)
    for name, (_, prefix) in SETS.items():
        for f in files(name):
            status, _, body = s3("PUT", minio_port, f"/{BUCKET}/{prefix}/{f.name}", f.read_bytes(), "image/jpeg")
            assert status == 200, (status, body[:300])
    log("MinIO holds the 600 objects")
    key = f"isk_{secrets.token_hex(8)}_{secrets.token_hex(32)}"
    jar = next((ROOT / "services/cdn/target").glob("imagesearch-cdn-*-exec.jar"))
    cmd = [str(JAVA), *os.environ.get("CDN_JAVA_OPTS", "").split(), "-jar", str(jar), f"--server.port={port}",
           f"--spring.data.redis.port={redis_port}", f"--imagesearch.minio.endpoint=http://127.0.0.1:{minio_port}",
           f"--imagesearch.security.admin-key={key}", *delivery_args]
    cdn = subprocess.Popen(cmd, cwd=ROOT, stdout=open(WORK / "cdn.log", "w"), stderr=subprocess.STDOUT)
    server = Server("cdn", port, [cdn, redis, minio], key)
    wait_http(f"http://127.0.0.1:{port}/actuator/health/readiness", cdn, "cdn")
    return [server] + ([server.on_port("cdn-delivery", delivery_port)] if delivery_port else [])


def start_embedded(data):
    port = free_port()
    delivery_args, delivery_port = delivery_port_args("embedded")
    env = dict(os.environ, PORT=str(port), DATA_DIR=str(data), JAVA_OPTS=os.environ.get("EMBEDDED_JAVA_OPTS", ""))
    proc = subprocess.Popen([str(ROOT / "tools/run-embedded.sh"), *delivery_args], env=env, cwd=ROOT,
                            stdout=open(WORK / "embedded.log", "w"), stderr=subprocess.STDOUT)
    wait_http(f"http://127.0.0.1:{port}/actuator/health/readiness", proc, "embedded")
    server = Server("embedded", port, [proc], (data / "admin-key").read_text().strip())
    return [server] + ([server.on_port("embedded-delivery", delivery_port)] if delivery_port else [])


def request_list(server, name):
    """Checks every object on the server (same bytes as the file, 304 on its ETag); the wrk list."""
    route, _ = SETS[name]
    lines = []
    for f in files(name):
        url = f"http://127.0.0.1:{server.port}/{route}/{f.name}"
        status, h, body = http("GET", url, server.headers())
        assert status == 200 and body == f.read_bytes(), (server.name, url, status)
        etag = h.get("ETag") or h.get("Etag")
        assert http("GET", url, {**server.headers(), "If-None-Match": etag})[0] == 304, (server.name, url)
        lines.append(f"/{route}/{f.name} {etag}")
    path = WORK / f"wrk-{server.name}-{name}.txt"
    path.write_text("\n".join(lines) + "\n")
    return path


def wrk(server, list_file, conditional, duration):
    cpu0 = server.cpu_seconds()
    r = wrkrun.run(server.port, list_file, conditional, duration, threads=THREADS, connections=CONNECTIONS,
                   headers=server.headers(), script_dir=WORK)
    cpu = server.cpu_seconds() - cpu0
    del r["raw"]
    r["cpu_ms_per_request"] = round(cpu * 1000 / r["requests"], 4)
    return r


def main():
    print(f"machine: nproc {os.cpu_count()}, load average at start {os.getloadavg()}")
    data = data_dir()
    servers = []
    try:
        starters = {"nginx": lambda: [start_nginx(data)], "cdn": start_cdn, "embedded": lambda: start_embedded(data)}
        for name in SERVERS:
            if name in starters:
                log(f"starting {name}")
                servers.extend(starters[name]())
        lists = {(s.name, n): request_list(s, n) for s in servers for n in SETS}
        log("every server serves the same bytes with 200 and 304")
        for s in servers:
            for n in SETS:
                wrk(s, lists[(s.name, n)], False, "5s")
        runs = {}
        for p in range(PASSES):
            for n in SETS:
                for conditional in (False, True):
                    for s in servers:
                        case = f"{n} {304 if conditional else 200}"
                        log(f"pass {p + 1}: {s.name} {case} {DURATION}")
                        runs.setdefault((s.name, case), []).append(wrk(s, lists[(s.name, n)], conditional, DURATION))
        rss = {s.name: s.rss_mib() for s in servers}
    finally:
        for s in servers:
            s.stop()
    errors = {}
    for name in ("cdn", "embedded"):
        logfile = WORK / f"{name}.log"
        if logfile.exists():
            text = logfile.read_text(errors="replace")
            errors[name] = {"ERROR": text.count('"log.level":"ERROR"') + text.count(" ERROR "),
                            "WARN": text.count('"log.level":"WARN"') + text.count(" WARN ")}
    out = {f"{k[0]} {k[1]}": v for k, v in runs.items()}
    (WORK / "delivery.json").write_text(json.dumps({"runs": out, "rss_mib": rss, "log_lines": errors}, indent=2))
    mean = lambda xs: sum(xs) / len(xs)
    cases = [f"{n} {c}" for n in SETS for c in (200, 304)]
    print(f"\nwrk -t{THREADS} -c{CONNECTIONS} -d{DURATION}, {PASSES} interleaved passes, means; "
          "ratio = requests/s against nginx's; CPU = server CPU ms per request (/proc)\n")
    print("| server | " + " | ".join(cases) + " | p99 ms (" + ", ".join(cases) + ") | CPU ms/req | RSS MiB |")
    print("|---|" + "---|" * (len(cases) + 3))
    for s in SERVERS:
        cells, p99s, cpus = [], [], []
        for c in cases:
            rs = runs[(s, c)]
            rps = mean([r["rps"] for r in rs])
            cell = f"{rps:,.0f}"
            if s != "nginx" and ("nginx", c) in runs:
                cell += f" ({rps / mean([r['rps'] for r in runs[('nginx', c)]]):.2f}×)"
            cells.append(cell)
            p99s.append(f"{mean([r['p99_ms'] for r in rs]):.2f}")
            cpus.append(mean([r["cpu_ms_per_request"] for r in rs]))
        print(f"| {s} | " + " | ".join(cells) + f" | {', '.join(p99s)} | {min(cpus):.3f}–{max(cpus):.3f} | {rss[s]} |")
    bad = {k: v for k, v in out.items() if any(r["non_2xx_3xx"] or r["socket_errors"] for r in v)}
    print(f"\nnon-2xx/3xx or socket errors: {json.dumps({k: [(r['non_2xx_3xx'], r['socket_errors']) for r in v] for k, v in bad.items()}) if bad else 'none'}")
    print(f"server log lines during the run: {json.dumps(errors)}")
    print(f"load average at end {os.getloadavg()}")


if __name__ == "__main__":
    main()
