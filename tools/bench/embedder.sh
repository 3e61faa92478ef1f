#!/usr/bin/env bash
# Embedding throughput of the Java pipeline (DJL) against the Python reference, in one go: same
# model files, same JPEGs, same thread count, batch 1, 8 and 32, for the bundled tiny model and a
# full-size ViT-B/32 with random weights (exported here, never committed).
#   tools/bench/embedder.sh            prints a Markdown table and writes JSON under the cache
# Env: THREADS (default 2), BATCHES (default "1 8 32"), N_IMAGES (default 200), RUNTIMES (default
# "onnx torchscript"), MODELS (default "tiny-clip vit-b-32"), WARMUP_PASSES (default 1: untimed passes over all
# images and texts on both sides first, so the Java side is measured with its JIT warm, as a server runs),
# N_TEXTS (default 2000 captions per pass: at batch 1 fewer finish in a fraction of a second, too short to time),
# WARMUP_SECONDS (default 10: after the warm-up passes, more until images and texts have each run this long on both
# sides; a pass of the tiny model at batch 32 is a few dozen calls, too few for the JIT).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="${BENCH_CACHE:-$HOME/.cache/imagesearch-bench}"
THREADS="${THREADS:-2}"
BATCHES="${BATCHES:-1 8 32}"
N_IMAGES="${N_IMAGES:-200}"
RUNTIMES="${RUNTIMES:-onnx torchscript}"
MODELS="${MODELS:-tiny-clip vit-b-32}"
WARMUP_PASSES="${WARMUP_PASSES:-1}"
N_TEXTS="${N_TEXTS:-2000}"
WARMUP_SECONDS="${WARMUP_SECONDS:-10}"
models="$root/tools/models/train_tiny_clip.sh"
mkdir -p "$work/results"

"$models" --venv-only
py="${MODEL_TOOLS_CACHE:-$HOME/.cache/imagesearch-models}/venv/bin/python"

if [ ! -f "$work/images/.done-$N_IMAGES" ]; then
  echo "rendering $N_IMAGES photo-sized JPEGs into $work/images" >&2
  rm -rf "$work/images" && mkdir -p "$work/images"
  "$py" - "$work/images" "$N_IMAGES" <<'PY'
import sys, random
from PIL import Image, ImageDraw, ImageFilter
out, n = sys.argv[1], int(sys.argv[2])
rng = random.Random(7)
for i in range(n):
    w, h = rng.choice([(640, 480), (800, 600), (1024, 768), (480, 640)])
    img = Image.new("RGB", (w, h), tuple(rng.randrange(256) for _ in range(3)))
    d = ImageDraw.Draw(img)
    for _ in range(12):
        x, y, r = rng.randrange(w), rng.randrange(h), rng.randrange(10, 120)
        d.ellipse((x - r, y - r, x + r, y + r), fill=tuple(rng.randrange(256) for _ in range(3)))
    img = img.filter(ImageFilter.GaussianBlur(1.2))
    img.save(f"{out}/{i:04d}.jpg", quality=90)
PY
  touch "$work/images/.done-$N_IMAGES"
fi

# Exported again whenever the exporting scripts changed (the stamp is their hash).
export_stamp="$(cat "$root/tools/models/tiny_clip.py" "$root"/tools/models/tinyclip/*.py | sha256sum | cut -d' ' -f1)"
if [ ! -f "$work/vit-b-32/model.json" ] || [ "$(cat "$work/vit-b-32/.exported-by" 2>/dev/null)" != "$export_stamp" ]; then
  echo "exporting a random-weight ViT-B/32 into $work/vit-b-32" >&2
  rm -rf "$work/vit-b-32"
  "$models" bench-model "$work/vit-b-32" --threads "$THREADS" >&2
  echo "$export_stamp" > "$work/vit-b-32/.exported-by"
fi

cd "$root"
cp="$(tools/bench/module-classpath.sh services/embedder)"
JAVA_HOME="$(tools/find-jdk.sh)"
texts="$root/models/tiny-clip/fixtures/embeddings_reference.json"

echo "| model | runtime | batch | Java images/s | Python images/s | ratio | Java texts/s | Python texts/s | ratio | Java decode / preprocess / inference s | tokenize s, Java / Python |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
for name in $MODELS; do
  case "$name" in tiny-clip) model="$root/models/tiny-clip" ;; *) model="$work/$name" ;; esac
  for runtime in $RUNTIMES; do
    for batch in $BATCHES; do
      name="$(basename "$model")-$runtime-b$batch"
      "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$cp" \
        io.imagesearch.embedder.bench.EmbedderThroughput "$model" "$runtime" "$work/images" "$THREADS" "$batch" "$texts" \
        "$WARMUP_PASSES" "$N_TEXTS" "$WARMUP_SECONDS" 2>"$work/results/$name-java.log" | sed -n '/^{/,/^}/p' > "$work/results/$name-java.json"
      OMP_NUM_THREADS="$THREADS" "$models" bench-python --model "$model" --images "$work/images" \
        --threads "$THREADS" --batch "$batch" --runtime "$runtime" --limit "$N_IMAGES" --n-texts "$N_TEXTS" \
        --warmup-passes "$WARMUP_PASSES" --warmup-seconds "$WARMUP_SECONDS" 2>"$work/results/$name-python.log" | sed -n '/^{/,/^}/p' > "$work/results/$name-python.json"
      "$py" - "$work/results/$name-java.json" "$work/results/$name-python.json" "$(basename "$model")" "$runtime" "$batch" <<'PY'
import json, sys
j, p = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
r = lambda a, b: f"{a / b:.2f}"
print(f"| {sys.argv[3]} | {sys.argv[4]} | {sys.argv[5]} | {j['images_per_second']} | {p['images_per_second']} | "
      f"{r(j['images_per_second'], p['images_per_second'])} | {j['texts_per_second']} | {p['texts_per_second']} | "
      f"{r(j['texts_per_second'], p['texts_per_second'])} | {j['read_decode_seconds']} / {j['preprocess_seconds']} / {j['inference_seconds']} | "
      f"{j['tokenize_seconds']} / {p['tokenize_seconds']} |")
PY
    done
  done
done
