#!/usr/bin/env bash
# The Lucene adapter on CLIP-like vectors (ClipLikeVectors: clustered, anisotropic, a modality gap),
# each configuration in a JVM of its own, all in the same run so the ratios hold: build time,
# segments, single-client p50/p99, recall@10 against an exact SIMD scan, throughput at 1/8/32
# clients, RSS (VectorsBench in services/storage-local test classes).
#   tools/bench/vectors.sh                      10k and 100k x 512-d, configs "previous int7"
# Env: DIM (512), QUERIES (500), SIZES ("10000 100000"; LARGE=1 adds 1000000),
#      CONFIGS ("previous int7"; also float32, int4, binary), EXACT_BELOW (the default crossover),
#      HEAP (-Xmx for the bench JVM, default 2g, 4g from 1M vectors), MAX_CONN and BEAM_WIDTH
#      (the graph's M and build beam), OVERSAMPLE, MIN_CANDIDATES (the graph search's beam; default
#      imagesearch.index.min-candidates), SWEEP_CANDIDATES ("400 800": the same built index
#      searched again with each beam, one row each; recall, p50/p99 and 8-client qps).
# Prints a Markdown table with the load average of each run; JSON under
# ${BENCH_CACHE:-~/.cache/imagesearch-bench}/vectors. Milvus: tools/bench/distributed.sh vectors.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="${BENCH_CACHE:-$HOME/.cache/imagesearch-bench}/vectors"
DIM="${DIM:-512}"
QUERIES="${QUERIES:-500}"
SIZES="${SIZES:-10000 100000}"
[ "${LARGE:-0}" = 1 ] && SIZES="$SIZES 1000000"
CONFIGS="${CONFIGS:-previous int7}"
mkdir -p "$work"
cd "$root"
# Compiles in place (no install): the class path points at the modules' target/classes.
tools/mvn.sh -B -ntp -q -pl services/storage-local -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dspotless.check.skip=true >&2
JAVA_HOME="$(tools/find-jdk.sh)"
cp="services/storage-local/target/test-classes:services/storage-local/target/classes:$(cat services/storage-local/target/bench-classpath.txt)"

echo "| vectors | dim | config | load avg | build s | segments (ingest → merged) | merge s | p50 ms | p99 ms | exact p50 ms | exact p99 ms | recall@10 | qps 1 / 8 / 32 | RSS MiB (less the harness's vectors) |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
for n in $SIZES; do
  for config in $CONFIGS; do
    out="$work/n$n-d$DIM-$config${MIN_CANDIDATES:+-c$MIN_CANDIDATES}${MAX_CONN:+-m$MAX_CONN}${BEAM_WIDTH:+-b$BEAM_WIDTH}${OVERSAMPLE:+-o$OVERSAMPLE}.json"
    load="$(cut -d' ' -f1-3 /proc/loadavg)"
    heap="${HEAP:-$([ "$n" -ge 1000000 ] && echo 4g || echo 2g)}"
    args=("$n" "$DIM" "$QUERIES" "$config")
    [ -n "${EXACT_BELOW:-}" ] && args+=("$EXACT_BELOW")
    "$JAVA_HOME/bin/java" "-Xmx$heap" --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
      -cp "$cp" io.imagesearch.storage.local.bench.VectorsBench "${args[@]}" \
      2>"${out%.json}.log" | sed -n '/^{/,/^}/p' > "$out"
    python3 - "$out" "$load" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
config = f"{r['config']} (M {r.get('max_conn')}, beam {r.get('beam_width')}, {r['min_candidates']} × {r['oversample']})"
print(f"| {r['n']} | {r['dim']} | {config} | {sys.argv[2]} | {r['upsert_seconds']} | "
      f"{r['segments_after_ingest']} → {r['segments']} | {r.get('merge_seconds', '—')} | {r['index_p50_ms']} | "
      f"{r['index_p99_ms']} | {r['exact_p50_ms']} | {r['exact_p99_ms']} | {r['recall_at_10']} | "
      f"{r['qps_1_clients']} / {r['qps_8_clients']} / {r['qps_32_clients']} | "
      f"{r['rss_mib']} ({r.get('rss_without_harness_mib', '—')}) |")
for key in r:
    if key.startswith("sweep_c") and key.endswith("_recall_at_10"):
        c = key[len("sweep_c"):-len("_recall_at_10")]
        s = lambda name: r[f"sweep_c{c}_{name}"]
        print(f"| {r['n']} | {r['dim']} | same index, {c} × {r['oversample']} | {sys.argv[2]} | – | – | – | "
              f"{s('index_p50_ms')} | {s('index_p99_ms')} | {r['exact_p50_ms']} | {r['exact_p99_ms']} | "
              f"{s('recall_at_10')} | – / {s('qps_8_clients')} / – | – |")
if "open_heap_live_mib" in r:
    print(f"<!-- n={r['n']} {r['config']}, index open after the queries: live heap {r['open_heap_live_mib']} MiB, "
          f"RssAnon {r['open_rss_anon_mib']} MiB, RssFile {r['open_rss_file_mib']} MiB; index files {r['index_bytes'] >> 20} MiB -->")
PY
  done
done
