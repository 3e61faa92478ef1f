#!/usr/bin/env bash
# Search latency (p50/p99) and recall@10 of the embedded Lucene HNSW index against exact search over
# the same vectors, measured in the same run (SearchLatency in services/storage-local test classes).
#   tools/bench/search.sh                       10k and 100k random unit vectors, DIM=64, 500 queries
#   tools/bench/search.sh --only 100000 --keep DIR   one size; keep the index in DIR/tiny-clip-v1-d<DIM>
#                                               (DIR = a DATA_DIR's index folder: the embedded app opens it)
# Env: DIM (default 64, the tiny model's dimension), QUERIES (default 500), SIZES (default "10000 100000").
# Prints a Markdown table; JSON per size under ${BENCH_CACHE:-~/.cache/imagesearch-bench}/search.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="${BENCH_CACHE:-$HOME/.cache/imagesearch-bench}"
DIM="${DIM:-64}"
QUERIES="${QUERIES:-500}"
SIZES="${SIZES:-10000 100000}"
keep=""
while [ $# -gt 0 ]; do
  case "$1" in
    --only) SIZES="$2"; shift 2 ;;
    --keep) keep="$2"; shift 2 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$work/search"
cd "$root"
main=services/storage-local/target/test-classes/io/imagesearch/storage/local/bench/SearchLatency.class
src=services/storage-local/src/test/java/io/imagesearch/storage/local/bench/SearchLatency.java
# The shared harness (VectorIndexLatency) comes from the installed contract-tests jar.
tools/mvn.sh -B -ntp -q -pl services/contract-tests -am -DskipTests install >&2
if [ ! -f "$main" ] || [ "$src" -nt "$main" ] || [ ! -f services/storage-local/target/bench-classpath.txt ]; then
  [ -f services/core/target/classes/io/imagesearch/core/port/VectorIndex.class ] \
    || tools/mvn.sh -B -ntp -q -pl services/storage-local -am -DskipTests install >&2
  tools/mvn.sh -B -ntp -q -pl services/storage-local test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt >&2
fi
JAVA_HOME="$(tools/find-jdk.sh)"
cp="services/storage-local/target/test-classes:services/storage-local/target/classes:$(cat services/storage-local/target/bench-classpath.txt)"

echo "| vectors | dim | queries | HNSW p50 ms | HNSW p99 ms | exact p50 ms | exact p99 ms | p50 ratio HNSW/exact | p99 ratio | recall@10 | upserts/s | segments |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
for n in $SIZES; do
  out="$work/search/n$n-d$DIM.json"
  args=("$n" "$DIM" "$QUERIES")
  [ -n "$keep" ] && args+=("$keep" "tiny-clip-v1")
  # Same JVM flags as tools/run-embedded.sh: Lucene scores vectors with the incubating Vector API.
  "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
    -cp "$cp" io.imagesearch.storage.local.bench.SearchLatency "${args[@]}" \
    2>"$work/search/n$n-d$DIM.log" | sed -n '/^{/,/^}/p' > "$out"
  python3 - "$out" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(f"| {r['n']} | {r['dim']} | {r['queries']} | {r['hnsw_p50_ms']} | {r['hnsw_p99_ms']} | {r['exact_p50_ms']} | "
      f"{r['exact_p99_ms']} | {r['p50_ratio_hnsw_over_exact']} | {r['p99_ratio_hnsw_over_exact']} | {r['recall_at_10']} | "
      f"{r['upserts_per_second']} | {r['segments']} |")
PY
done
