#!/usr/bin/env bash
# Starts embedded mode from the packaged jar with a JDK >= 21. Arguments are passed to the app
# (e.g. `import DIR`, `keys list`). PORT, DATA_DIR and MODEL_DIR choose where it listens and keeps
# its files; BIND_ADDRESS (default 127.0.0.1, loopback only) which address it listens on;
# DELIVERY_PORT (default 8081, -1 for none) the port the web UI fetches pictures from.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
JAVA_HOME="$("$root/tools/find-jdk.sh")" || exit 1
jar="$root/services/app-embedded/target/imagesearch-embedded.jar"
[ -f "$jar" ] || { echo "$jar is missing: run \`make build\` first" >&2; exit 1; }
data_dir="${DATA_DIR:-$root/data}"
mkdir -p "$data_dir"
# Lucene's vector scoring wants the incubating Vector API; DJL, ONNX Runtime and SQLite load
# native libraries.
exec "$JAVA_HOME/bin/java" \
  --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
  ${JAVA_OPTS:-} \
  -jar "$jar" \
  --server.port="${PORT:-8080}" \
  --imagesearch.data-dir="$data_dir" \
  --imagesearch.model.location="${MODEL_DIR:-$root/models/tiny-clip}" \
  "$@"
