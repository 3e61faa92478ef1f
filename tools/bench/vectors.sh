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
#      searched again with each beam, one row each; recall, p50/p99 and 8-client qps),
#      RESCORE_PER_RESULT (full-precision rescoring window per wanted result; 0: all candidates).
# Serving apart (what a serving process needs, without the harness's copy of the vectors):
#      SERVE_RESCORE="0 5" keeps each built index and searches it again in a fresh JVM
#      (VectorsServe, -Xmx SERVE_HEAP, default 512m) once per rescoring window, after dropping the
#      page cache (as root), inside a memory cgroup capped at MEMORY_CAP (e.g. 2g: page cache
#      included, so the kernel holds the process to it). REUSE_INDEX=1 searches an index kept by an
#      earlier run instead of building it again; KEEP=1 leaves the index under the cache folder.
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
# Every bench JVM: Lucene's SIMD scoring and its madvise calls, the modules' classes.
jvm=(--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -cp "$cp")

# One Markdown row (and the sweep's rows) of a VectorsBench result.
print_row() {
  python3 - "$1" "$2" <<'PY'
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
}

# VectorsServe on a kept index ($1) with a rescoring window ($2), after dropping the page cache,
# inside a memory cgroup of MEMORY_CAP when one is given.
serve() {
  local cg="" load
  sync
  if [ -w /proc/sys/vm/drop_caches ]; then echo 3 > /proc/sys/vm/drop_caches; fi
  if [ -n "${MEMORY_CAP:-}" ]; then
    local own; own="$(awk -F: '$2 == "memory" { print $3 }' /proc/self/cgroup)"
    cg="/sys/fs/cgroup/memory${own%/}/imagesearch-bench-serve"
    mkdir -p "$cg" || { echo "MEMORY_CAP needs a writable cgroup-v1 memory hierarchy (run as root)" >&2; exit 1; }
    numfmt --from=iec "${MEMORY_CAP^^}" > "$cg/memory.limit_in_bytes"
    echo 0 > "$cg/memory.max_usage_in_bytes"
  fi
  load="$(cut -d' ' -f1-3 /proc/loadavg)"
  BENCH_CGROUP="$cg" RESCORE_PER_RESULT="$2" sh -c '[ -z "$BENCH_CGROUP" ] || echo $$ > "$BENCH_CGROUP/cgroup.procs"; exec "$@"' serve \
    "$JAVA_HOME/bin/java" "-Xmx${SERVE_HEAP:-512m}" "${jvm[@]}" io.imagesearch.storage.local.bench.VectorsServe "$1" "$DIM" "$3" ${EXACT_BELOW:+"$EXACT_BELOW"} \
    2>"${4%.json}.log" | sed -n '/^{/,/^}/p' > "$4"
  if [ -n "$cg" ]; then rmdir "$cg"; fi
  python3 - "$4" "$load" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
cap = f"{r['cgroup_peak_mib']} of {r['cgroup_limit_mib']} (limit hit {r['cgroup_limit_hits']}×)" if "cgroup_limit_mib" in r else "no cap"
print(f"| {r['n']} | {r['dim']} | served apart: {r['config']}, {r['min_candidates']} × {r['oversample']}, "
      f"rescore {r['rescore_per_result'] or 'all'} per result, heap {r['max_heap_mib']} MiB | {sys.argv[2]} | – | – | – | "
      f"{r['index_p50_ms']} | {r['index_p99_ms']} | – | – | {r['recall_at_10']} | – / {r['qps_8_clients']} / – | "
      f"peak {r['rss_peak_mib']} (anon {r['rss_anon_mib']}, file {r['rss_file_mib']}); cgroup {cap} |")
PY
}

echo "| vectors | dim | config | load avg | build s | segments (ingest → merged) | merge s | p50 ms | p99 ms | exact p50 ms | exact p99 ms | recall@10 | qps 1 / 8 / 32 | RSS MiB (less the harness's vectors) |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
for n in $SIZES; do
  for config in $CONFIGS; do
    name="n$n-d$DIM-$config${MAX_CONN:+-m$MAX_CONN}${BEAM_WIDTH:+-b$BEAM_WIDTH}"
    out="$work/$name${MIN_CANDIDATES:+-c$MIN_CANDIDATES}${OVERSAMPLE:+-o$OVERSAMPLE}${RESCORE_PER_RESULT:+-r$RESCORE_PER_RESULT}.json"
    index="$work/index-$name"
    load="$(cut -d' ' -f1-3 /proc/loadavg)"
    heap="${HEAP:-$([ "$n" -ge 1000000 ] && echo 4g || echo 2g)}"
    args=("$n" "$DIM" "$QUERIES" "$config")
    [ -n "${EXACT_BELOW:-}" ] && args+=("$EXACT_BELOW")
    if [ "${REUSE_INDEX:-0}" = 1 ] && [ -f "$index/reference.bin" ]; then
      echo "reusing the index kept in $index" >&2
    else
      rm -rf "$index"
      KEEP_INDEX="$([ -n "${SERVE_RESCORE:-}" ] && echo "$index" || true)" \
      "$JAVA_HOME/bin/java" "-Xmx$heap" "${jvm[@]}" io.imagesearch.storage.local.bench.VectorsBench "${args[@]}" \
        2>"${out%.json}.log" | sed -n '/^{/,/^}/p' > "$out"
      print_row "$out" "$load"
    fi
    for rescore in ${SERVE_RESCORE:-}; do
      serve "$index" "$rescore" "$config" "$work/serve-$name-r$rescore.json"
    done
    if [ -n "${SERVE_RESCORE:-}" ] && [ "${KEEP:-0}" != 1 ]; then rm -rf "$index"; fi
  done
done
