#!/usr/bin/env python3
"""Driver of tools/bench/embedded.sh (standard library only): starts the packaged embedded app with
tools/run-embedded.sh, measures, stops it. Sections: ingest, memory, delivery, all. Each section measures
its baseline in the same go and prints a Markdown table; raw numbers go to BENCH_WORK/embedded/*.json."""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import wrkrun
from benchclient import (auth_headers, get_json as _get_json, http, images, iso, upload as _upload, use_api_key,
                         wait_tasks as _wait_tasks)

ROOT = Path(os.environ["BENCH_ROOT"])
WORK = Path(os.environ["BENCH_WORK"])
OUT = WORK / "embedded"
IMAGES = Path(os.environ.get("IMAGES", WORK / "images"))
THREADS = int(os.environ.get("THREADS", "2"))
BATCH = int(os.environ.get("BATCH", "32"))
PER_REQUEST = int(os.environ.get("FILES_PER_REQUEST", "20"))
PORT = int(os.environ.get("PORT", "18080"))
NGINX_PORT = int(os.environ.get("NGINX_PORT", "18081"))
WRK_DURATION = os.environ.get("WRK_DURATION", "15s")
WRK_CONNECTIONS = os.environ.get("WRK_CONNECTIONS", "32")
WRK_THREADS = os.environ.get("WRK_THREADS", "2")
SEARCHES = int(os.environ.get("SEARCHES", "300"))
MODEL = Path(os.environ.get("MODEL", ROOT / "models/tiny-clip"))  # ingest: model folder, ONNX export
WARMUP_ROUNDS = int(os.environ.get("WARMUP_ROUNDS", "10"))  # ingest: uploads of the warm-up set before timing
# The baseline warms up too: as many full passes over the images as the app sees warm-up images.
BASELINE_WARMUP_PASSES = int(os.environ.get("BASELINE_WARMUP_PASSES", "3"))
WORKERS = os.environ.get("WORKERS")  # ingest worker threads; unset = the app's default
PREPARE = [f"--imagesearch.ingest.prepare-threads={os.environ['PREPARE_THREADS']}"] if os.environ.get("PREPARE_THREADS") else []
INGEST_DATA = OUT / "data-ingest"
APP = f"http://127.0.0.1:{PORT}"


def log(msg):
    print(f"[embedded-bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)








class App:
    """The embedded app from the packaged jar, as `make run` starts it (tools/run-embedded.sh)."""

    def __init__(self, data_dir, *args):
        self.data_dir = Path(data_dir)
        self.log_path = OUT / f"app-{self.data_dir.name}.log"
        env = dict(os.environ, PORT=str(PORT), DATA_DIR=str(self.data_dir), MODEL_DIR=str(MODEL))
        log(f"starting the app on port {PORT}, DATA_DIR={self.data_dir} {' '.join(args)}")
        self.started = time.monotonic()
        self.proc = subprocess.Popen([str(ROOT / "tools/run-embedded.sh"), *args], env=env, cwd=ROOT,
                                     stdout=open(self.log_path, "w"), stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 240
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the app exited with {self.proc.returncode}; see {self.log_path}")
            try:
                if http("GET", f"http://127.0.0.1:{PORT}/actuator/health/readiness", timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the app did not answer within 240 s; see {self.log_path}")
            time.sleep(0.25)
        self.ready_seconds = round(time.monotonic() - self.started, 1)
        # The first start of a data folder writes its admin key there; every API call sends it.
        use_api_key((self.data_dir / "admin-key").read_text().strip())
        # run-embedded.sh execs java, so the child's pid is the JVM's.
        cmd = Path(f"/proc/{self.proc.pid}/cmdline").read_bytes().split(b"\0")[0]
        assert cmd.endswith(b"java"), cmd
        log(f"app ready in {self.ready_seconds} s, pid {self.proc.pid}")

    def status(self):
        s = {}
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            k, _, v = line.partition(":")
            if k in ("VmRSS", "VmHWM", "RssAnon", "RssFile", "Threads"):
                s[k] = v.strip()
        return s

    def thread_cpu(self):
        """CPU seconds (user + system) so far per thread group of the JVM: thread names with their
        numbering cut off (ingest-prepare-0 and -1 are one group), from /proc/PID/task/*/stat."""
        ticks = os.sysconf("SC_CLK_TCK")
        groups = {}
        for task in Path(f"/proc/{self.proc.pid}/task").iterdir():
            try:
                stat = (task / "stat").read_text()
            except OSError:  # the thread ended meanwhile
                continue
            name = stat[stat.index("(") + 1:stat.rindex(")")]
            fields = stat[stat.rindex(")") + 2:].split()
            cpu = (int(fields[11]) + int(fields[12])) / ticks  # utime, stime
            group = re.sub(r"[-#]?\d+$", "", name) or name
            groups[group] = groups.get(group, 0.0) + cpu
        return groups

    def metric(self, name, tag=None):
        q = f"?tag={urllib.parse.quote(tag)}" if tag else ""
        try:
            m = get_json(f"/actuator/metrics/{name}{q}")
            return m["measurements"][0]["value"]
        except Exception as e:  # metrics are a bonus; never fail the run on them
            log(f"metric {name} {tag}: {e}")
            return None

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()




def get_json(path):
    return _get_json(APP, path)


def upload(files):
    return _upload(APP, files, PER_REQUEST)


def wait_tasks(task_ids):
    return _wait_tasks(APP, task_ids)


def wait_indexed(count, timeout=1800):
    """Polls the cheap /api/v1/stats until the index holds `count` images (or stops growing for 30 s,
    e.g. when a task failed); polling the task list instead cost the app measurable CPU."""
    deadline = time.monotonic() + timeout
    last, since = -1, time.monotonic()
    while time.monotonic() < deadline:
        n = get_json("/api/v1/stats")["indexed_images"]
        if n >= count:
            return
        if n != last:
            last, since = n, time.monotonic()
        elif time.monotonic() - since > 30:
            return
        time.sleep(0.05)






def embedder_baseline(label):
    cp_file = ROOT / "services/embedder/target/bench-classpath.txt"
    cp = ":".join([str(ROOT / "services/embedder/target/test-classes"),
                   str(ROOT / "services/embedder/target/classes"), cp_file.read_text().strip()])
    java = subprocess.run([str(ROOT / "tools/find-jdk.sh")], capture_output=True, text=True,
                          check=True).stdout.strip() + "/bin/java"
    cmd = [java, "--enable-native-access=ALL-UNNAMED", "-cp", cp, "io.imagesearch.embedder.bench.EmbedderThroughput",
           str(MODEL), "onnx", str(IMAGES), str(THREADS), str(BATCH),
           str(ROOT / "models/tiny-clip/fixtures/embeddings_reference.json"), str(BASELINE_WARMUP_PASSES)]
    log(f"baseline ({label}): EmbedderThroughput {MODEL.name} onnx threads {THREADS} batch {BATCH} on {IMAGES}")
    p = subprocess.run(cmd, capture_output=True, text=True)
    (OUT / f"baseline-{label}.log").write_text(p.stderr)
    if p.returncode != 0:
        raise RuntimeError(f"EmbedderThroughput failed: {p.stderr[-2000:]}")
    m = re.search(r"^\{.*^\}", p.stdout, re.S | re.M)
    return json.loads(m.group(0))


def section_ingest():
    files = images(IMAGES)
    warm = images(WORK / "warmup")
    total_bytes = sum(f.stat().st_size for f in files)
    log(f"ingest: {len(files)} files ({total_bytes / 1e6:.1f} MB) from {IMAGES}, warm-up {len(warm)} files")
    before = embedder_baseline("before")
    shutil.rmtree(INGEST_DATA, ignore_errors=True)
    workers = [f"--imagesearch.ingest.workers={WORKERS}"] if WORKERS else []
    app = App(INGEST_DATA, f"--imagesearch.ingest.batch-size={BATCH}", f"--imagesearch.model.threads={THREADS}",
              *workers, *PREPARE)
    try:
        for _ in range(WARMUP_ROUNDS):  # the same bytes again are processed again: more JIT warm-up
            wait_tasks(upload(warm))
        log("warm-up ingested; timed run")
        cpu_before, client_before = app.thread_cpu(), os.times()
        t0 = time.time()
        task_ids = upload(files)
        t_uploaded = time.time()
        wait_indexed(len(warm) + len(files))
        cpu_after, client_after = app.thread_cpu(), os.times()
        views = wait_tasks(task_ids)
        t_seen = time.time()
        failed = [v for v in views if v["status"] != "SUCCESS"]
        if failed:
            raise RuntimeError(f"{len(failed)} tasks failed: {failed[:3]}")
        t_last = max(iso(v["updated_at"]) for v in views)
        stats = get_json("/api/v1/stats")
        mem = app.status()
    finally:
        app.stop()
    after = embedder_baseline("after")
    seconds = t_last - t0
    app_ips = len(files) / seconds
    base_ips = (before["images_per_second"] + after["images_per_second"]) / 2
    result = {
        "model": str(MODEL), "prepare_threads": os.environ.get("PREPARE_THREADS", "default"),
        "images": len(files), "bytes": total_bytes, "files_per_request": PER_REQUEST, "batch": BATCH,
        "threads": THREADS, "app_upload_seconds": round(t_uploaded - t0, 3),
        "app_seconds_to_last_success": round(seconds, 3), "app_seconds_until_seen": round(t_seen - t0, 3),
        "app_images_per_second": round(app_ips, 2),
        "baseline_before": before, "baseline_after": after,
        "baseline_images_per_second_mean": round(base_ips, 2),
        "ratio_app_over_baseline": round(app_ips / base_ips, 3),
        "overhead_percent": round((base_ips / app_ips - 1) * 100, 1),
        "indexed_images_after": stats.get("indexed_images"), "app_status_after_ingest": mem,
        # Where the CPU went between the first upload and the last image indexed.
        "app_cpu_seconds_by_thread": {k: round(v - cpu_before.get(k, 0.0), 2)
                                      for k, v in sorted(cpu_after.items(), key=lambda kv: -kv[1])
                                      if v - cpu_before.get(k, 0.0) >= 0.01},
        "client_cpu_seconds": round(sum(client_after[:4]) - sum(client_before[:4]), 2),
    }
    (OUT / "ingest.json").write_text(json.dumps(result, indent=2))
    print("\n### Ingest\n")
    print("| what | images | seconds | images/s |")
    print("|---|---|---|---|")
    b, a = before, after
    print(f"| EmbedderThroughput (baseline, before) | {b['n_images']} | "
          f"{round(b['n_images'] / b['images_per_second'], 2)} | {b['images_per_second']} |")
    print(f"| embedded app, POST /api/v1/images → all SUCCESS | {len(files)} | {round(seconds, 2)} | {round(app_ips, 2)} |")
    print(f"| EmbedderThroughput (baseline, after) | {a['n_images']} | "
          f"{round(a['n_images'] / a['images_per_second'], 2)} | {a['images_per_second']} |")
    cpu = result["app_cpu_seconds_by_thread"]
    print(f"\nApp CPU seconds from the first upload to the last image indexed, by thread: {sum(cpu.values()):.2f} in all; "
          + ", ".join(f"{k} {v}" for k, v in cpu.items())
          + f". The upload client (curl and this script): {result['client_cpu_seconds']} s.")
    print(f"\nratio app / mean baseline = {result['ratio_app_over_baseline']}; "
          f"time overhead = {result['overhead_percent']} % (upload of all files took {result['app_upload_seconds']} s; "
          f"baseline decode/preprocess/inference s before: {b['read_decode_seconds']}/{b['preprocess_seconds']}/"
          f"{b['inference_seconds']}, after: {a['read_decode_seconds']}/{a['preprocess_seconds']}/{a['inference_seconds']})")
    return result


SEARCH_TEXTS = ["a red circle", "two small blue squares on a white background", "one large green star",
                "three yellow triangles on a black background", "a purple cross at the top"]


def searches(n):
    lat = []
    for i in range(n):
        t = time.perf_counter()
        status, _, body = http("GET", f"http://127.0.0.1:{PORT}/api/v1/search?" +
                               urllib.parse.urlencode({"text": SEARCH_TEXTS[i % len(SEARCH_TEXTS)], "limit": 24}))
        lat.append((time.perf_counter() - t) * 1000)
        if status != 200:
            raise RuntimeError(f"search answered {status}: {body[:300]!r}")
    return lat


def median(xs):
    xs = sorted(xs)
    return round(xs[len(xs) // 2], 2)


def measure_memory(data_dir, label):
    app = App(data_dir)
    try:
        stats = get_json("/api/v1/stats")
        time.sleep(3)
        idle_before_search = app.status()
        lat = searches(SEARCHES)
        time.sleep(2)
        r = {"label": label, "data_dir": str(data_dir), "indexed_images": stats.get("indexed_images"),
             "ready_seconds": app.ready_seconds, "status_before_searches": idle_before_search,
             "status": app.status(),
             "heap_used_bytes": app.metric("jvm.memory.used", "area:heap"),
             "heap_committed_bytes": app.metric("jvm.memory.committed", "area:heap"),
             "nonheap_used_bytes": app.metric("jvm.memory.used", "area:nonheap"),
             "searches": len(lat), "search_ms_first": round(lat[0], 1),
             "search_ms_median_first_20": median(lat[:20]),
             "search_ms_median_last_100": median(lat[-100:]),
             "search_ms_p99_last_100": round(sorted(lat[-100:])[98], 2)}
    finally:
        app.stop()
    return r


def kb(s):
    return int(s.split()[0])


def section_memory():
    empty = OUT / "data-empty"
    shutil.rmtree(empty, ignore_errors=True)
    loaded = Path(os.environ["MEMORY_DATA"])
    rows = [measure_memory(empty, "empty library"), measure_memory(loaded, "100k vectors (index written directly)")]
    (OUT / "memory.json").write_text(json.dumps(rows, indent=2))
    print("\n### Memory\n")
    print("| state | indexed | VmRSS MiB | VmHWM MiB | RssAnon MiB | RssFile MiB | heap used MiB | heap committed MiB | non-heap used MiB | threads |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    mib = lambda b: "" if b is None else round(b / 2**20, 1)
    for r in rows:
        s = r["status"]
        print(f"| {r['label']} | {r['indexed_images']} | {round(kb(s['VmRSS']) / 1024, 1)} | {round(kb(s['VmHWM']) / 1024, 1)} | "
              f"{round(kb(s['RssAnon']) / 1024, 1)} | {round(kb(s['RssFile']) / 1024, 1)} | {mib(r['heap_used_bytes'])} | "
              f"{mib(r['heap_committed_bytes'])} | {mib(r['nonheap_used_bytes'])} | {s['Threads']} |")
    d = kb(rows[1]["status"]["VmRSS"]) - kb(rows[0]["status"]["VmRSS"])
    print(f"\nratio loaded / empty VmRSS = {kb(rows[1]['status']['VmRSS']) / kb(rows[0]['status']['VmRSS']):.2f} "
          f"(+{d / 1024:.1f} MiB), measured after {SEARCHES} text searches (GET /api/v1/search, limit 24)")
    print("\n| state | first search ms | median of searches 1-20 ms | median of last 100 ms | p99 of last 100 ms |")
    print("|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['label']} | {r['search_ms_first']} | {r['search_ms_median_first_20']} | "
              f"{r['search_ms_median_last_100']} | {r['search_ms_p99_last_100']} |")
    return rows


def wrk(port, list_file, conditional, duration):
    # The key goes to nginx too, so both servers get the same requests.
    return wrkrun.run(port, list_file, conditional, duration, threads=WRK_THREADS, connections=WRK_CONNECTIONS,
                      headers=auth_headers(), script_dir=OUT)


def section_delivery():
    objects = INGEST_DATA / "objects" / "images"
    if not objects.is_dir():
        raise RuntimeError(f"{objects} is missing: run `tools/bench/embedded.sh ingest` first")
    ids = sorted(p.name for p in objects.iterdir() if re.fullmatch(r"[0-9a-f]{64}", p.name))
    first = (objects / ids[0]).read_bytes()[:4]
    mime = "image/jpeg" if first[:3] == b"\xff\xd8\xff" else "image/png" if first == b"\x89PNG" else "application/octet-stream"
    ngx = OUT / "nginx"
    shutil.rmtree(ngx, ignore_errors=True)
    (ngx / "logs").mkdir(parents=True)
    # Started as root, nginx's workers would run as nobody and could not read DATA_DIR under ~root.
    user = "user root;\n" if os.geteuid() == 0 else ""
    (ngx / "nginx.conf").write_text(f"""# Minimal nginx serving the app's stored objects: same bytes, same URL paths.
{user}worker_processes auto;
pid {ngx}/nginx.pid;
error_log {ngx}/logs/error.log;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  sendfile on;
  default_type {mime};
  client_body_temp_path {ngx}/tmp;
  proxy_temp_path {ngx}/tmp;
  fastcgi_temp_path {ngx}/tmp;
  uwsgi_temp_path {ngx}/tmp;
  scgi_temp_path {ngx}/tmp;
  server {{
    listen 127.0.0.1:{NGINX_PORT};
    location /images/ {{ alias {objects}/; }}
  }}
}}
""")
    (ngx / "tmp").mkdir()
    subprocess.run(["nginx", "-p", str(ngx), "-c", str(ngx / "nginx.conf"), "-t"], check=True, capture_output=True)
    subprocess.run(["nginx", "-p", str(ngx), "-c", str(ngx / "nginx.conf")], check=True)
    app = App(INGEST_DATA)
    results = {}
    try:
        lists = {}
        for name, port in (("app", PORT), ("nginx", NGINX_PORT)):
            lines, sizes = [], []
            for i in ids:
                status, h, body = http("GET", f"http://127.0.0.1:{port}/images/{i}")
                assert status == 200, (name, i, status)
                assert body == (objects / i).read_bytes(), (name, i, "bytes differ")
                etag = h.get("ETag") or h.get("Etag")
                st304 = http("GET", f"http://127.0.0.1:{port}/images/{i}", {"If-None-Match": etag})[0]
                assert st304 == 304, (name, i, st304)
                lines.append(f"/images/{i} {etag}")
                sizes.append(len(body))
            lists[name] = OUT / f"wrk-{name}.txt"
            lists[name].write_text("\n".join(lines) + "\n")
        log(f"delivery: {len(ids)} objects checked on both servers (same bytes, 200 and 304); "
            f"mean size {sum(sizes) / len(sizes) / 1e3:.1f} kB")
        for name, port in (("app", PORT), ("nginx", NGINX_PORT)):
            log(f"warm-up {name} 5s")
            wrk(port, lists[name], False, "5s")
        for conditional in (False, True):
            for name, port in (("app", PORT), ("nginx", NGINX_PORT)):
                key = f"{name}-{304 if conditional else 200}"
                log(f"wrk {key} {WRK_DURATION}")
                results[key] = wrk(port, lists[name], conditional, WRK_DURATION)
        results["app_status_after"] = app.status()
    finally:
        app.stop()
        pid = (ngx / "nginx.pid").read_text().strip() if (ngx / "nginx.pid").exists() else None
        if pid:
            os.kill(int(pid), signal.SIGQUIT)
    results["objects"] = len(ids)
    results["mean_bytes"] = round(sum(sizes) / len(sizes))
    (OUT / "delivery.json").write_text(json.dumps(results, indent=2))
    print("\n### Delivery\n")
    print("| server | response | requests/s | p50 ms | p99 ms | requests | non-2xx/3xx | socket errors | transfer/s |")
    print("|---|---|---|---|---|---|---|---|---|")
    for code in ("200", "304"):
        for name in ("app", "nginx"):
            r = results[f"{name}-{code}"]
            print(f"| {name} | {code} | {r['rps']} | {r['p50_ms']} | {r['p99_ms']} | {r['requests']} | "
                  f"{r['non_2xx_3xx']} | {r['socket_errors'] or '0'} | {r['transfer_per_sec']} |")
    for code in ("200", "304"):
        a, n = results[f"app-{code}"], results[f"nginx-{code}"]
        print(f"\n{code}: app/nginx requests/s = {a['rps'] / n['rps']:.3f}, p99 app/nginx = {a['p99_ms'] / n['p99_ms']:.2f}")
    return results


def main():
    what = sys.argv[1] if len(sys.argv) > 1 else "all"
    OUT.mkdir(parents=True, exist_ok=True)
    print(f"machine: nproc {os.cpu_count()}, load average at start {os.getloadavg()}")
    if what in ("ingest", "all"):
        section_ingest()
    if what in ("memory", "all"):
        section_memory()
    if what in ("delivery", "all"):
        section_delivery()
    print(f"\nload average at end {os.getloadavg()}")


if __name__ == "__main__":
    main()
