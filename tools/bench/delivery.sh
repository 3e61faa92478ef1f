#!/usr/bin/env bash
# Image delivery against nginx, in one run on the same files (docs/BENCHMARKS.md, "Delivery"):
# nginx (Debian, sendfile, files on disk), the cdn service (MinIO + Redis from tools/testenv.sh) and
# embedded mode each serve 300 JPEGs of 32-60 KB at /images/{id} and 300 of 7-9 KB at
# /thumbnails/{id}, byte-identical; wrk measures 200 and 304 for both sizes in interleaved passes.
# Prints requests/s, p99, server CPU per request (from /proc) and the ratios against nginx.
# Env: WRK_DURATION (15s), WRK_CONNECTIONS (32), WRK_THREADS (2), PASSES (2), SERVERS (nginx,cdn,embedded),
# CDN_JAVA_OPTS / EMBEDDED_JAVA_OPTS (extra JVM flags, e.g. a JFR recording), BUILD (1: build the jars first).
# Writes JSON and logs under ${BENCH_CACHE:-~/.cache/imagesearch-bench}/delivery.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="${BENCH_CACHE:-$HOME/.cache/imagesearch-bench}"
cd "$root"
eval "$(tools/testenv.sh env)"
needs=(nginx wrk)
case ",${SERVERS:-cdn}," in *,cdn,*) needs+=("$MINIO_BIN" "$REDIS_SERVER_BIN") ;; esac
for cmd in "${needs[@]}"; do
  command -v "$cmd" >/dev/null || { echo "$cmd is missing: run tools/testenv.sh install" >&2; exit 1; }
done
if [ "${BUILD:-1}" = 1 ]; then
  tools/mvn.sh -B -ntp -o -q verify -DskipTests -pl services/cdn,services/app-embedded -am >&2
fi
export BENCH_ROOT="$root" BENCH_WORK="$work/delivery" JAVA_HOME="${JAVA_HOME:-$(tools/find-jdk.sh)}"
mkdir -p "$BENCH_WORK"
# The files: named by their SHA-256, made once (DeliveryImages.java documents them).
for set in "large 300 32000 60000 1" "small 300 7000 9000 2"; do
  read -r name count min max seed <<<"$set"
  if [ ! -f "$BENCH_WORK/files/$name/.done" ]; then
    rm -rf "$BENCH_WORK/files/$name"
    "$JAVA_HOME/bin/java" tools/bench/DeliveryImages.java "$BENCH_WORK/files/$name" "$count" "$min" "$max" "$seed"
    touch "$BENCH_WORK/files/$name/.done"
  fi
done
exec python3 "$root/tools/bench/delivery_bench.py"
