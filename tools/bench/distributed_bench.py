#!/usr/bin/env python3
"""Driver of tools/bench/distributed.sh (standard library only). Starts loopback-only Redis, MinIO and
Milvus Lite plus the distributed services from their exec jars, measures, and stops everything it
started (by pid). Sections:
  ingest   the same N images through ingest-api with 1 worker process, then (fresh servers) 2 workers
  search   GET /api/v1/image/search?text=<caption>: search-api over Milvus Lite vs the embedded jar,
           same images ingested, same queries, sequential, after warm-up
Raw numbers go to BENCH_WORK/distributed/*.json; Markdown tables go to stdout."""
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import benchclient
from benchclient import http, iso

ROOT = Path(os.environ["BENCH_ROOT"])
WORK = Path(os.environ["BENCH_WORK"])
OUT = WORK / "distributed"
IMAGES = Path(os.environ.get("IMAGES", ROOT / "models/tiny-clip/fixtures/heldout"))
WARM = Path(os.environ.get("WARM_IMAGES", WORK / "warmup"))
BATCH = int(os.environ.get("BATCH", "16"))
PER_REQUEST = int(os.environ.get("FILES_PER_REQUEST", "20"))
SEARCHES = int(os.environ.get("SEARCHES", "200"))
SEARCH_WARMUP = int(os.environ.get("SEARCH_WARMUP", "50"))
BASE = int(os.environ.get("BASE_PORT", "28000"))
P_REDIS, P_MINIO, P_MINIO_CONSOLE, P_MILVUS = BASE + 379, BASE + 900, BASE + 901, BASE + 530
P_INGEST, P_SEARCH, P_WORKER, P_EMBEDDED = BASE + 81, BASE + 82, BASE + 84, BASE + 80
JAVA = subprocess.run([str(ROOT / "tools/find-jdk.sh")], capture_output=True, text=True, check=True).stdout.strip() + "/bin/java"
EXTS = (".jpg", ".jpeg", ".png")
PROCS = []


def log(msg):
    print(f"[distributed-bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)






# Services are awaited on liveness, not readiness: on an empty MinIO their readiness stays DOWN
# (the probe stats an object in a bucket that only the first upload creates;
# see docs/BENCHMARKS-HISTORY.md, D2).
def images(folder):
    return benchclient.images(folder, EXTS)


def upload(port, files):
    return benchclient.upload(f"http://127.0.0.1:{port}", files, PER_REQUEST)


def wait_tasks(port, task_ids, timeout=900):
    return benchclient.wait_tasks(f"http://127.0.0.1:{port}", task_ids, timeout)


def start(name, cmd, ready_url=None, env=None, timeout=240):
    logf = open(OUT / f"{name}.log", "w")
    p = subprocess.Popen(cmd, stdout=logf, stderr=subprocess.STDOUT, cwd=ROOT, env=dict(os.environ, **(env or {})),
                         start_new_session=True)
    PROCS.append((name, p))
    t0 = time.monotonic()
    while ready_url:
        if p.poll() is not None:
            raise RuntimeError(f"{name} exited with {p.returncode}; see {OUT / (name + '.log')}")
        try:
            if http("GET", ready_url, timeout=2)[0] == 200:
                break
        except OSError:
            pass
        if time.monotonic() - t0 > timeout:
            raise RuntimeError(f"{name} not ready within {timeout} s")
        time.sleep(0.25)
    log(f"{name} ready in {time.monotonic() - t0:.1f} s (pid {p.pid})")
    return p


def stop_all():
    while PROCS:
        name, p = PROCS.pop()
        if p.poll() is None:
            os.killpg(p.pid, signal.SIGTERM)
            try:
                p.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()


def java(svc, port, *args):
    jar = ROOT / f"services/{svc}/target/imagesearch-{svc}-0.1.0-SNAPSHOT-exec.jar"
    launch = ["-jar", str(jar)]
    if svc == "ingest-api" and not has_embedder(jar):
        # Work-around (see docs/BENCHMARKS-HISTORY.md, D1): platform-spring's PlatformProperties
        # references io.imagesearch.embedder.ModelFormat, but the embedder is an optional dependency the
        # ingest-api jar does not package, so it dies at start-up with NoClassDefFoundError. Add the
        # embedder jar (just for that enum) with Spring Boot's PropertiesLauncher.
        extra = OUT / "ingest-extra-lib"
        extra.mkdir(exist_ok=True)
        src = ROOT / "services/embedder/target/imagesearch-embedder-0.1.0-SNAPSHOT.jar"
        if not (extra / src.name).exists():
            shutil.copy(src, extra / src.name)
        launch = [f"-Dloader.path={extra}", "-cp", str(jar), "org.springframework.boot.loader.launch.PropertiesLauncher"]
    return [JAVA, "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", *launch,
            f"--server.port={port}", "--server.address=127.0.0.1", "--spring.data.redis.host=127.0.0.1",
            f"--spring.data.redis.port={P_REDIS}", f"--imagesearch.minio.endpoint=http://127.0.0.1:{P_MINIO}",
            "--imagesearch.minio.access-key=imagesearch", "--imagesearch.minio.secret-key=imagesearch-secret",
            f"--imagesearch.milvus.uri=http://127.0.0.1:{P_MILVUS}",
            f"--imagesearch.model.location={ROOT / 'models/tiny-clip'}", f"--imagesearch.ingest.batch-size={BATCH}", *args]


def has_embedder(jar):
    import zipfile
    with zipfile.ZipFile(jar) as z:
        return any("imagesearch-embedder-" in n for n in z.namelist())


def servers(tag):
    """Fresh Redis (no persistence), MinIO and Milvus Lite data dirs for every run."""
    d = OUT / f"data-{tag}"
    shutil.rmtree(d, ignore_errors=True)
    (d / "redis").mkdir(parents=True)
    start(f"redis-{tag}", [os.environ["REDIS_SERVER_BIN"], "--bind", "127.0.0.1", "--port", str(P_REDIS),
                           "--save", "", "--appendonly", "no", "--dir", str(d / "redis")])
    start(f"minio-{tag}", [os.environ["MINIO_BIN"], "server", str(d / "minio"), "--address", f"127.0.0.1:{P_MINIO}",
                           "--console-address", f"127.0.0.1:{P_MINIO_CONSOLE}"],
          ready_url=f"http://127.0.0.1:{P_MINIO}/minio/health/live",
          env={"MINIO_ROOT_USER": "imagesearch", "MINIO_ROOT_PASSWORD": "imagesearch-secret"})
    start(f"milvus-{tag}", [os.environ["MILVUS_LITE_BIN"], "server", "--data-dir", str(d / "milvus"),
                            "--host", "127.0.0.1", "--port", str(P_MILVUS)])
    time.sleep(3)








def ingest_run(workers, files, warm, keep=False):
    tag = f"w{workers}"
    servers(tag)
    start(f"ingest-api-{tag}", java("ingest-api", P_INGEST, f"--imagesearch.queue.key-prefix=bench-{tag}"),
          ready_url=f"http://127.0.0.1:{P_INGEST}/actuator/health/liveness")
    for w in range(workers):
        start(f"worker{w}-{tag}", java("worker", P_WORKER + 10 * w, f"--imagesearch.queue.key-prefix=bench-{tag}"),
              ready_url=f"http://127.0.0.1:{P_WORKER + 10 * w}/actuator/health/liveness")
    wait_tasks(P_INGEST, upload(P_INGEST, warm))
    log(f"{tag}: warm-up ingested ({len(warm)}); timed run of {len(files)}")
    t0 = time.time()
    ids = upload(P_INGEST, files)
    t_up = time.time()
    views = wait_tasks(P_INGEST, ids)
    t_seen = time.time()
    t_last = max(iso(v["updated_at"]) for v in views)
    r = {"workers": workers, "images": len(files), "batch": BATCH, "files_per_request": PER_REQUEST,
         "upload_seconds": round(t_up - t0, 3), "seconds_to_last_success": round(t_last - t0, 3),
         "seconds_until_seen": round(t_seen - t0, 3), "images_per_second": round(len(files) / (t_last - t0), 2)}
    log(f"{tag}: {r}")
    if not keep:
        stop_all()
    return r


def drain_run(workers, files):
    """Queue every file first with no worker running, then start the worker JVMs together; the rate is
    taken between the first and the last SUCCESS (task updated_at), so JVM start-up and the upload
    are not part of it."""
    tag = f"drain-w{workers}"
    servers(tag)
    start(f"ingest-api-{tag}", java("ingest-api", P_INGEST, f"--imagesearch.queue.key-prefix=bench-{tag}"),
          ready_url=f"http://127.0.0.1:{P_INGEST}/actuator/health/liveness")
    ids = upload(P_INGEST, files)
    for w in range(workers):
        start(f"worker{w}-{tag}", java("worker", P_WORKER + 10 * w, f"--imagesearch.queue.key-prefix=bench-{tag}"))
    views = wait_tasks(P_INGEST, ids)
    ts = sorted(iso(v["updated_at"]) for v in views)
    first = ts[0]
    after_first = sum(1 for t in ts if t > first + 1e-3)
    r = {"workers": workers, "images": len(files), "batch": BATCH, "first_to_last_success_seconds": round(ts[-1] - first, 3),
         "images_after_first_success": after_first, "images_per_second": round(after_first / (ts[-1] - first), 2)}
    log(f"{tag}: {r}")
    stop_all()
    return r


def section_drain():
    files = images(IMAGES)
    if os.environ.get("EXTRA_IMAGES"):
        files += images(os.environ["EXTRA_IMAGES"])
    res = [drain_run(1, files), drain_run(2, files)]
    (OUT / "drain.json").write_text(json.dumps(res, indent=2))
    print("\n### Worker drain: queue first, then 1 vs 2 worker processes\n")
    print("| workers | images queued | s first→last SUCCESS | images after first SUCCESS | images/s |")
    print("|---|---|---|---|---|")
    for r in res:
        print(f"| {r['workers']} | {r['images']} | {r['first_to_last_success_seconds']} | {r['images_after_first_success']} | {r['images_per_second']} |")
    print(f"\nratio 2 workers / 1 worker = {round(res[1]['images_per_second'] / res[0]['images_per_second'], 3)}")


def queries():
    caps = json.loads((IMAGES / "captions.json").read_text())
    return [caps[k] for k in sorted(caps)]


def search_latencies(port, qs):
    def one(text):
        t = time.perf_counter()
        status, _, body = http("GET", f"http://127.0.0.1:{port}/api/v1/image/search?" + urllib.parse.urlencode({"text": text}))
        ms = (time.perf_counter() - t) * 1000
        if status != 200:
            raise RuntimeError(f"search answered {status}: {body[:300]!r}")
        return ms, body
    for i in range(SEARCH_WARMUP):
        one(qs[i % len(qs)])
    lat, bodies = [], []
    for i in range(SEARCHES):
        ms, body = one(qs[i % len(qs)])
        lat.append(ms)
        bodies.append(body)
    return lat, bodies


def pct(xs, p):
    xs = sorted(xs)
    import math
    return round(xs[max(0, min(len(xs) - 1, math.ceil(p / 100 * len(xs)) - 1))], 2)


def section_ingest():
    files, warm = images(IMAGES), images(WARM)
    res = [ingest_run(1, files, warm), ingest_run(2, files, warm)]
    (OUT / f"ingest-{IMAGES.name}.json").write_text(json.dumps(res, indent=2))
    print("\n### Ingest: 1 vs 2 worker processes\n")
    print("| workers | images | upload s | s to last SUCCESS | images/s |")
    print("|---|---|---|---|---|")
    for r in res:
        print(f"| {r['workers']} | {r['images']} | {r['upload_seconds']} | {r['seconds_to_last_success']} | {r['images_per_second']} |")
    print(f"\nratio 2 workers / 1 worker = {round(res[1]['images_per_second'] / res[0]['images_per_second'], 3)}")


def section_search():
    files, warm, qs = images(IMAGES), images(WARM), queries()
    ingest_run(1, files, warm, keep=True)
    start("search-api", java("search-api", P_SEARCH), ready_url=f"http://127.0.0.1:{P_SEARCH}/actuator/health/liveness")
    # Only the search path is measured: stop the worker and ingest-api so they do not compete for CPU.
    for name, p in list(PROCS):
        if name.startswith(("worker", "ingest-api")):
            os.killpg(p.pid, signal.SIGTERM); p.wait(60); PROCS.remove((name, p))
    d_lat, d_bodies = search_latencies(P_SEARCH, qs)
    stop_all()
    data = OUT / "data-embedded"
    shutil.rmtree(data, ignore_errors=True)
    start("embedded", [str(ROOT / "tools/run-embedded.sh"), f"--imagesearch.ingest.batch-size={BATCH}"],
          ready_url=f"http://127.0.0.1:{P_EMBEDDED}/api/v1/stats", env={"PORT": str(P_EMBEDDED), "DATA_DIR": str(data)})
    wait_tasks(P_EMBEDDED, upload(P_EMBEDDED, warm))
    wait_tasks(P_EMBEDDED, upload(P_EMBEDDED, files))
    e_lat, e_bodies = search_latencies(P_EMBEDDED, qs)
    stop_all()
    same_top = sum(1 for a, b in zip(d_bodies, e_bodies) if top_names(a) == top_names(b))
    same_set = sum(1 for a, b in zip(d_bodies, e_bodies) if set(top_names(a)) == set(top_names(b)))
    r = {"searches": SEARCHES, "warmup": SEARCH_WARMUP, "indexed": len(files) + len(warm),
         "distributed_p50_ms": pct(d_lat, 50), "distributed_p99_ms": pct(d_lat, 99),
         "embedded_p50_ms": pct(e_lat, 50), "embedded_p99_ms": pct(e_lat, 99),
         "same_top10_ordered": same_top, "same_top10_set": same_set, "sample_distributed": d_bodies[0][:400].decode(errors="replace"),
         "sample_embedded": e_bodies[0][:400].decode(errors="replace")}
    (OUT / "search.json").write_text(json.dumps(r, indent=2))
    print("\n### Text search latency: distributed vs embedded\n")
    print("| mode | searches | p50 ms | p99 ms |")
    print("|---|---|---|---|")
    print(f"| search-api + Milvus Lite | {SEARCHES} | {r['distributed_p50_ms']} | {r['distributed_p99_ms']} |")
    print(f"| embedded jar (Lucene) | {SEARCHES} | {r['embedded_p50_ms']} | {r['embedded_p99_ms']} |")
    print(f"\nratio distributed / embedded: p50 {round(r['distributed_p50_ms'] / r['embedded_p50_ms'], 2)}, "
          f"p99 {round(r['distributed_p99_ms'] / r['embedded_p99_ms'], 2)}; identical top-10 (same order) in {same_top}/{SEARCHES}, "
          f"same top-10 set in {same_set}/{SEARCHES}")


def top_names(body):
    """The top-10 ids of an /api/v1/image/search answer (a JSON list of id strings)."""
    j = json.loads(body)
    items = j if isinstance(j, list) else next(v for v in j.values() if isinstance(v, list))
    return [x if isinstance(x, str) else str(x.get("id")) for x in items[:10]]


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    what = sys.argv[1] if len(sys.argv) > 1 else "all"
    try:
        if what in ("ingest", "all"):
            section_ingest()
        if what in ("search", "all"):
            section_search()
        if what in ("drain", "all"):
            section_drain()
    finally:
        stop_all()


if __name__ == "__main__":
    main()
