#!/usr/bin/env bash
# How the Java text call's cost falls while the JIT warms up (TextCallWarmup, in the embedder's test
# classes), next to ONNX Runtime alone on the same text tower from Python (ort_text_tower.py, 12 ids):
#   tools/bench/text-warmup.sh                  tiny-clip, batch 8 and 32, 4 rounds of 20000 texts each
# Env: MODEL (default models/tiny-clip), BATCHES (default "8 32"), ROUNDS (4), THREADS (2).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
MODEL="${MODEL:-$root/models/tiny-clip}"
cp="$(tools/bench/module-classpath.sh services/embedder)"
java="$(tools/find-jdk.sh)/bin/java"
for batch in ${BATCHES:-8 32}; do
  "$java" --enable-native-access=ALL-UNNAMED -cp "$cp" io.imagesearch.embedder.bench.TextCallWarmup \
    "$MODEL" "$batch" "${ROUNDS:-4}" "${THREADS:-2}" 2>/dev/null
done
tools/models/train_tiny_clip.sh --venv-only
PADDING=longest "${MODEL_TOOLS_CACHE:-$HOME/.cache/imagesearch-models}/venv/bin/python" \
  tools/bench/ort_text_tower.py "$MODEL/textual/model.onnx" "${THREADS:-2}"
