#!/usr/bin/env python3
"""Driver of tools/bench/migration.sh (standard library only). Four runs of the embedded app:
  1. an empty library on TO: upload the images, time until every task is SUCCESS (plain ingest);
  2. an empty library on FROM: the same upload (setup), then SEARCHES_IDLE searches one after another
     (idle latency); the data folder is copied twice;
  3. copy one restarted on TO: the migration walks with nobody searching (its pace);
  4. copy two restarted on TO: one client searches without pause while it walks (latency during).
Prints a Markdown table; raw numbers go to BENCH_WORK/migration/results.json."""
import json
import os
import random
import shutil
import struct
import sys
import time
import urllib.parse
import zlib
from pathlib import Path

import embedded_bench as eb
from benchclient import get_json, http, images, upload, wait_tasks

ROOT = Path(os.environ["BENCH_ROOT"])
WORK = Path(os.environ["BENCH_WORK"])
OUT = WORK / "migration"
N = int(os.environ.get("N", "1000"))
IMAGES = Path(os.environ.get("IMAGES", WORK / f"migration-images-{N}"))
FROM = Path(os.environ.get("FROM", ROOT / "services/embedder/src/test/resources/hf-clip-export"))
TO = Path(os.environ.get("TO", ROOT / "models/tiny-clip"))
SEARCHES_IDLE = int(os.environ.get("SEARCHES_IDLE", "1000"))
QUERIES = ["two small red squares on a gray background", "one large green circle at the top",
           "three blue crosses", "a yellow triangle on the left", "an orange square on a white background"]


def log(msg):
    print(f"[migration-bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def png(width, height, pixels):
    rows = b"".join(b"\0" + pixels[y * width * 3:(y + 1) * width * 3] for y in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows, 6)) + chunk(b"IEND", b""))


def render(folder, n):
    """n distinct 320x240 PNGs of coloured rectangles on a coloured ground (seeded)."""
    if (folder / ".done").exists():
        return
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(16)
    w, h = 320, 240
    for i in range(n):
        px = bytearray(bytes(rng.randrange(256) for _ in range(3)) * (w * h))
        for _ in range(6):
            x0, y0 = rng.randrange(w - 20), rng.randrange(h - 20)
            x1, y1 = min(w, x0 + rng.randrange(20, 160)), min(h, y0 + rng.randrange(20, 120))
            colour = bytes(rng.randrange(256) for _ in range(3))
            for y in range(y0, y1):
                px[(y * w + x0) * 3:(y * w + x1) * 3] = colour * (x1 - x0)
        (folder / f"shapes-{i:05d}.png").write_bytes(png(w, h, bytes(px)))
    (folder / ".done").touch()


def app(data_dir, model):
    eb.MODEL = model
    return eb.App(data_dir)


def ingest(base, files):
    started = time.monotonic()
    tasks = upload(base, files, 20)
    wait_tasks(base, tasks)
    return time.monotonic() - started


def search_once(base, query):
    path = "/api/v1/search?limit=10&text=" + urllib.parse.quote(query)
    started = time.perf_counter()
    status, _, _ = http("GET", base + path)
    return (time.perf_counter() - started) * 1000, status


def percentiles(samples):
    s = sorted(samples)
    return {"n": len(s), "p50_ms": round(s[len(s) // 2], 2), "p99_ms": round(s[int(len(s) * 0.99) - 1], 2)}


def migration(base):
    return get_json(base, "/api/v1/models/migration")


def walk(base, search):
    """Polls (and searches, if asked) until the walk is over; returns its rate and the latencies."""
    latencies, failed, i = [], 0, 0
    last = migration(base)
    while last["in_progress"] and last["phase"] == "REINDEXING":
        if search:
            ms, status = search_once(base, QUERIES[i % len(QUERIES)])
            i += 1
            if status == 200:
                latencies.append(ms)
            else:
                failed += 1
            if i % 20 == 0:
                last = migration(base)
        else:
            time.sleep(0.1)
            last = migration(base)
    return last, latencies, failed


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    eb.OUT = OUT
    render(IMAGES, N)
    files = images(IMAGES)
    print(f"machine: nproc {os.cpu_count()}, load average at start {os.getloadavg()}; {len(files)} images in {IMAGES}")
    base = f"http://127.0.0.1:{eb.PORT}"
    results = {"images": len(files), "from": str(FROM), "to": str(TO)}

    plain = OUT / "data-plain"
    shutil.rmtree(plain, ignore_errors=True)
    a = app(plain, TO)
    try:
        seconds = ingest(base, files)
        results["ingest_images_per_s"] = round(len(files) / seconds, 2)
        log(f"plain ingest on {TO.name}: {results['ingest_images_per_s']} images/s")
    finally:
        a.stop()

    setup = OUT / "data-setup"
    shutil.rmtree(setup, ignore_errors=True)
    a = app(setup, FROM)
    try:
        ingest(base, files)
        for q in QUERIES * 4:  # warm-up
            search_once(base, q)
        idle = [search_once(base, QUERIES[i % len(QUERIES)])[0] for i in range(SEARCHES_IDLE)]
        results["search_idle"] = percentiles(idle)
    finally:
        a.stop()
    copies = []
    for name in ("data-walk", "data-walk-searched"):
        shutil.rmtree(OUT / name, ignore_errors=True)
        shutil.copytree(setup, OUT / name)
        copies.append(OUT / name)

    a = app(copies[0], TO)
    try:
        last, _, _ = walk(base, search=False)
        results["migration_images_per_s"] = round(last["images_per_second"], 2)
        results["migration_walked"] = last["done"]
        log(f"migration walk: {results['migration_images_per_s']} images/s, then {last['phase']}")
    finally:
        a.stop()

    a = app(copies[1], TO)
    try:
        for q in QUERIES * 4:
            search_once(base, q)
        last, during, failed = walk(base, search=True)
        results["search_during"] = percentiles(during)
        results["search_during"]["failed"] = failed
        results["migration_searched_images_per_s"] = round(last["images_per_second"], 2)
    finally:
        a.stop()

    (OUT / "results.json").write_text(json.dumps(results, indent=2))
    ratio_rate = results["migration_images_per_s"] / results["ingest_images_per_s"]
    idle, dur = results["search_idle"], results["search_during"]
    print("\n| metric | value | baseline (same run) | ratio |")
    print("|---|---|---|---|")
    print(f"| migration walk images/s ({FROM.name} to {TO.name}) | {results['migration_images_per_s']} | "
          f"{results['ingest_images_per_s']} (plain ingest, {TO.name}) | {ratio_rate:.2f} |")
    print(f"| search p99 during the migration (p50) | {dur['p99_ms']} ms ({dur['p50_ms']} ms) | "
          f"{idle['p99_ms']} ms ({idle['p50_ms']} ms) idle | {dur['p99_ms'] / idle['p99_ms']:.2f} |")
    print(f"\nsearches during the walk: {dur['n']} succeeded, {dur['failed']} failed; the walk's pace while "
          f"searched: {results['migration_searched_images_per_s']} images/s")
    print(f"load average at end {os.getloadavg()}")


if __name__ == "__main__":
    main()
