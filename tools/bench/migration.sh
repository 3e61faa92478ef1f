#!/usr/bin/env bash
# Benchmark of a change of model in embedded mode (the packaged jar), each figure against a baseline
# measured in the same go on the same images:
#   migration images/s (the background walk into the new model's index) vs plain ingest images/s of
#   the same images with the same model into an empty library;
#   search latency p50/p99 while the migration walks vs idle (same library, same serving model).
# Env: IMAGES (a folder; default: N synthetic PNGs rendered once under the cache), N (default 1000),
# FROM (the serving model, default the random 8-d export of services/embedder's tests), TO (the new
# model, default models/tiny-clip), SEARCHES_IDLE (default 1000), PORT (default 18080).
# Needs the packaged jar (make build, or tools/mvn.sh verify -pl services/app-embedded -am).
# Writes JSON and logs under ${BENCH_CACHE:-~/.cache/imagesearch-bench}/migration and prints Markdown.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="${BENCH_CACHE:-$HOME/.cache/imagesearch-bench}"
export BENCH_WORK="$work" BENCH_ROOT="$root"
jar="$root/services/app-embedded/target/imagesearch-embedded.jar"
[ -f "$jar" ] || { echo "$jar is missing: run \`make build\` first" >&2; exit 1; }
mkdir -p "$work/migration"
cd "$root/tools/bench"
exec python3 migration_bench.py
