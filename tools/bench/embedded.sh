#!/usr/bin/env bash
# Benchmarks of the embedded app (the packaged jar), each against a baseline measured in the same go:
#   tools/bench/embedded.sh ingest     ingest images/s through the HTTP API vs EmbedderThroughput on the same files
#   tools/bench/embedded.sh memory     VmRSS of the JVM idle (empty library) and with 100k vectors indexed
#   tools/bench/embedded.sh delivery   GET /images/{id} 200 and 304 (If-None-Match): the app vs nginx, wrk
#   tools/bench/embedded.sh all        the three, in that order (delivery reuses the ingest data dir)
# Env: IMAGES (default: the JPEGs rendered by tools/bench/embedder.sh; models/tiny-clip/fixtures/heldout works
# too), THREADS (model threads, default 2), BATCH (ingest batch size, default 32), FILES_PER_REQUEST (20),
# MODEL (ingest: model folder, default models/tiny-clip), WORKERS (ingest worker threads), PREPARE_THREADS (images
# decoded at once per worker; both default to the app's defaults), WARMUP_ROUNDS (uploads of the 64 warm-up
# images before timing, default 10: the app is measured with its JIT warm), PORT (default 18080), NGINX_PORT (default 18081), WRK_DURATION (15s), WRK_CONNECTIONS (32), WRK_THREADS (2),
# VECTORS (memory: vectors in the loaded index, default 100000), SEARCHES (memory: text searches before reading VmRSS, 300).
# Writes JSON and logs under ${BENCH_CACHE:-~/.cache/imagesearch-bench}/embedded and prints Markdown tables.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="${BENCH_CACHE:-$HOME/.cache/imagesearch-bench}"
what="${1:-all}"
export BENCH_WORK="$work" BENCH_ROOT="$root"
export IMAGES="${IMAGES:-$work/images}"
mkdir -p "$work/embedded"
cd "$root"

jar="services/app-embedded/target/imagesearch-embedded.jar"
# make rebuilds the jar when a source changed: a stale jar would measure old code.
make -s "$jar" >&2

case "$what" in ingest|all)
  if [ ! -d "$IMAGES" ] || [ -z "$(ls -A "$IMAGES" 2>/dev/null)" ]; then
    echo "no images in $IMAGES: run tools/bench/embedder.sh first (it renders them) or set IMAGES" >&2; exit 1
  fi
  # The baseline: the embedder harness (services/embedder test classes) on the same files.
  # (make above installed its modules; test-compile is incremental.)
  tools/mvn.sh -B -ntp -q -pl services/embedder test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt >&2
  # Warm-up images for the app: rendered like the timed set but with another seed, so they are
  # distinct bytes (never deduplicated against the timed set) and warm the same decode paths.
  if [ ! -f "$work/warmup/.done" ]; then
    tools/models/train_tiny_clip.sh --venv-only
    "${MODEL_TOOLS_CACHE:-$HOME/.cache/imagesearch-models}/venv/bin/python" - "$work/warmup" <<'PY'
import os, sys, random
from PIL import Image, ImageDraw, ImageFilter
out = sys.argv[1]; os.makedirs(out, exist_ok=True)
rng = random.Random(8)
for i in range(64):
    w, h = rng.choice([(640, 480), (800, 600), (1024, 768), (480, 640)])
    img = Image.new("RGB", (w, h), tuple(rng.randrange(256) for _ in range(3)))
    d = ImageDraw.Draw(img)
    for _ in range(12):
        x, y, r = rng.randrange(w), rng.randrange(h), rng.randrange(10, 120)
        d.ellipse((x - r, y - r, x + r, y + r), fill=tuple(rng.randrange(256) for _ in range(3)))
    img.filter(ImageFilter.GaussianBlur(1.2)).save(f"{out}/warm-{i:03d}.jpg", quality=90)
open(f"{out}/.done", "w").close()
PY
  fi
  ;;
esac

case "$what" in delivery|all)
  if ! command -v nginx >/dev/null || ! command -v wrk >/dev/null; then
    sudo_="" ; [ "$(id -u)" = 0 ] || sudo_="sudo"
    $sudo_ apt-get install -y nginx wrk >&2
  fi
  ;;
esac

case "$what" in memory|all)
  # The 100k-vector index is written straight into DATA_DIR/index by the search benchmark's main
  # (tools/bench/search.sh writes the same one); the app then opens it as its tiny-clip-v1 index.
  vectors="${VECTORS:-100000}"
  export MEMORY_DATA="$work/data-${vectors}"
  if [ ! -f "$MEMORY_DATA/index/.done" ]; then
    rm -rf "$MEMORY_DATA" && mkdir -p "$MEMORY_DATA/index"
    tools/bench/search.sh --only "$vectors" --keep "$MEMORY_DATA/index" >&2
    touch "$MEMORY_DATA/index/.done"
  fi
  ;;
esac

exec python3 "$root/tools/bench/embedded_bench.py" "$what"
