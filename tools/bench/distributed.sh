#!/usr/bin/env bash
# Benchmarks of distributed mode (the four services' exec jars over Redis, MinIO, Milvus Lite), each
# against a baseline measured in the same go; loopback only, every process started is stopped by pid:
#   tools/bench/distributed.sh ingest    images/s through ingest-api until all SUCCESS: 1 worker vs 2 worker processes
#                                        (fresh Redis / MinIO / Milvus Lite data and key prefix per run)
#   tools/bench/distributed.sh search    GET /api/v1/image/search?text=<caption> p50/p99: search-api over Milvus Lite
#                                        vs the embedded jar (tools/run-embedded.sh) with the same images ingested
#   tools/bench/distributed.sh drain     worker-only rate: queue IMAGES (+EXTRA_IMAGES) first, then start 1 vs 2 workers
#   tools/bench/distributed.sh vectors   MilvusVectorIndex (Milvus Lite) vs LuceneVectorIndex: latency and recall@10
#                                        on the same random unit vectors (MilvusSearchLatency vs SearchLatency mains)
#   tools/bench/distributed.sh all       the three
# Env: IMAGES (default models/tiny-clip/fixtures/heldout: 200 PNGs + captions.json, the captions are the queries),
# WARM_IMAGES (default the warm-up JPEGs of tools/bench/embedded.sh), BATCH (16), FILES_PER_REQUEST (20),
# SEARCHES (200), SEARCH_WARMUP (50), BASE_PORT (28000), N (10000), DIM (64), QUERIES (300).
# Writes JSON and logs under ${BENCH_CACHE:-~/.cache/imagesearch-bench}/distributed; prints Markdown.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="${BENCH_CACHE:-$HOME/.cache/imagesearch-bench}"
what="${1:-all}"
out="$work/distributed"
mkdir -p "$out"
cd "$root"
eval "$(tools/testenv.sh env)"
export BENCH_WORK="$work" BENCH_ROOT="$root" REDIS_SERVER_BIN MINIO_BIN MILVUS_LITE_BIN
# make rebuilds the jars when a source changed: stale jars would measure old code.
make -s services/app-embedded/target/imagesearch-embedded.jar \
  $(for s in ingest-api worker search-api; do echo "services/$s/target/imagesearch-$s-0.1.0-SNAPSHOT-exec.jar"; done) >&2
if [ ! -f "$work/warmup/.done" ] && [ -z "${WARM_IMAGES:-}" ]; then
  echo "no warm-up images: run tools/bench/embedded.sh ingest once (it renders $work/warmup) or set WARM_IMAGES" >&2; exit 1
fi

case "$what" in ingest|search|drain|all) python3 tools/bench/distributed_bench.py "$what" ;; esac

case "$what" in vectors|all)
  N="${N:-10000}" DIM="${DIM:-64}" QUERIES="${QUERIES:-300}" port="${MILVUS_PORT:-29530}"
  JAVA_HOME="$(tools/find-jdk.sh)"
  # Both mains run the shared harness (VectorIndexLatency) from the installed contract-tests jar.
  tools/mvn.sh -B -ntp -q -pl services/contract-tests -am -DskipTests install >&2
  tools/mvn.sh -B -ntp -q -pl services/storage-local test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt >&2
  # The Milvus main is compiled with javac outside target/ (its classpath includes the test scope).
  [ -f "$out/milvus-classpath.txt" ] || tools/mvn.sh -B -ntp -q -pl services/index-milvus dependency:build-classpath \
    -Dmdep.outputFile="$out/milvus-classpath.txt" >&2
  mkdir -p "$out/classes"
  mcp="services/index-milvus/target/classes:$(cat "$out/milvus-classpath.txt")"
  "$JAVA_HOME/bin/javac" -d "$out/classes" -cp "$mcp" \
    services/index-milvus/src/test/java/io/imagesearch/index/milvus/bench/MilvusSearchLatency.java
  rm -rf "$out/milvus-vec"
  "$MILVUS_LITE_BIN" server --data-dir "$out/milvus-vec" --host 127.0.0.1 --port "$port" >"$out/milvus-vec.log" 2>&1 &
  mpid=$!
  trap 'kill $mpid 2>/dev/null || true' EXIT
  sleep 4
  jflags=(--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED)
  "$JAVA_HOME/bin/java" "${jflags[@]}" -cp "$out/classes:$mcp" io.imagesearch.index.milvus.bench.MilvusSearchLatency \
    "http://127.0.0.1:$port" "$N" "$DIM" "$QUERIES" 2>"$out/vec-milvus.log" | sed -n '/^{/,/^}/p' >"$out/vec-milvus.json"
  kill $mpid 2>/dev/null || true
  lcp="services/storage-local/target/test-classes:services/storage-local/target/classes:$(cat services/storage-local/target/bench-classpath.txt)"
  "$JAVA_HOME/bin/java" "${jflags[@]}" -cp "$lcp" io.imagesearch.storage.local.bench.SearchLatency "$N" "$DIM" "$QUERIES" \
    2>"$out/vec-lucene.log" | sed -n '/^{/,/^}/p' >"$out/vec-lucene.json"
  python3 - "$out/vec-milvus.json" "$out/vec-lucene.json" <<'PY'
import json, sys
m, l = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
print("\n### Vector index: Milvus Lite vs Lucene HNSW, same vectors\n")
print("| index | vectors | dim | queries | p50 ms | p99 ms | recall@10 | exact p50 ms (same JVM) | upserts/s |")
print("|---|---|---|---|---|---|---|---|---|")
print(f"| MilvusVectorIndex → Milvus Lite (gRPC, loopback) | {m['n']} | {m['dim']} | {m['queries']} | {m['milvus_p50_ms']} | {m['milvus_p99_ms']} | {m['recall_at_10']} | {m['exact_p50_ms']} | {m['upserts_per_second']} |")
print(f"| LuceneVectorIndex (in-process HNSW) | {l['n']} | {l['dim']} | {l['queries']} | {l['hnsw_p50_ms']} | {l['hnsw_p99_ms']} | {l['recall_at_10']} | {l['exact_p50_ms']} | {l['upserts_per_second']} |")
print(f"\nratio Milvus / Lucene: p50 {round(m['milvus_p50_ms'] / l['hnsw_p50_ms'], 1)}, p99 {round(m['milvus_p99_ms'] / l['hnsw_p99_ms'], 1)}")
PY
  ;;
esac
