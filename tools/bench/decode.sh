#!/usr/bin/env bash
# Per-step cost of the image path, Java vs the Python reference, on the same files in the same go:
# Java DecodeBreakdown (services/app-embedded/src/test/java/io/imagesearch/embedded/bench, compiled here with
# javac against the embedder's classpath) and the same steps of tools/models/tinyclip/preprocess.py (Pillow).
#   tools/bench/decode.sh            IMAGES (default: the JPEGs of tools/bench/embedder.sh), PASSES (3), SIZE (64)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="${BENCH_CACHE:-$HOME/.cache/imagesearch-bench}"
IMAGES="${IMAGES:-$work/images}"
PASSES="${PASSES:-3}"
SIZE="${SIZE:-64}"
mkdir -p "$work/decode/classes"
cd "$root"
if [ ! -f services/embedder/target/bench-classpath.txt ]; then
  tools/mvn.sh -B -ntp -q -pl services/embedder -am -DskipTests install >&2
  tools/mvn.sh -B -ntp -q -pl services/embedder test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt >&2
fi
JAVA_HOME="$(tools/find-jdk.sh)"
cp="services/embedder/target/classes:$(cat services/embedder/target/bench-classpath.txt)"
"$JAVA_HOME/bin/javac" -d "$work/decode/classes" -cp "$cp" \
  services/app-embedded/src/test/java/io/imagesearch/embedded/bench/DecodeBreakdown.java
"$JAVA_HOME/bin/java" -cp "$work/decode/classes:$cp" io.imagesearch.embedded.bench.DecodeBreakdown \
  "$IMAGES" "$PASSES" "$SIZE" 2>"$work/decode/java.log" | sed -n '/^{/,/^}/p' > "$work/decode/java.json"

tools/models/train_tiny_clip.sh --venv-only
py="${MODEL_TOOLS_CACHE:-$HOME/.cache/imagesearch-models}/venv/bin/python"
"$py" - "$root/tools/models" "$IMAGES" "$PASSES" "$SIZE" > "$work/decode/python.json" <<'PY'
import json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from tinyclip import preprocess as tc
from PIL import Image
files = sorted(p for p in Path(sys.argv[2]).rglob("*") if p.suffix.lower() in (".jpg", ".jpeg", ".png", ".webp", ".bmp", ".gif"))
passes, size = int(sys.argv[3]), int(sys.argv[4])
out = {"images": len(files), "model_image_size": size, "pillow": Image.__version__, "passes": []}
for p in range(1, passes + 1):
    t = {"read_file": 0.0, "decode_load_rgb": 0.0, "preprocess_resize_crop_tensor": 0.0}
    for f in files:
        a = time.perf_counter(); data = f.read_bytes(); b = time.perf_counter()
        import io
        img = tc.load_rgb(io.BytesIO(data)); img.load(); c = time.perf_counter()
        r, _ = tc.resize_crop(img, size); tc.to_tensor_np(r); d = time.perf_counter()
        t["read_file"] += b - a; t["decode_load_rgb"] += c - b; t["preprocess_resize_crop_tensor"] += d - c
    out["passes"].append({"pass": p, **{k + "_ms": round(v * 1000 / len(files), 3) for k, v in t.items()}})
print(json.dumps(out, indent=2))
PY
python3 - "$work/decode/java.json" "$work/decode/python.json" <<'PY'
import json, sys
j, p = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
jw, pw = j["passes"][-1], p["passes"][-1]
print(f"Java ({j['java']}, JPEG reader {j['jpeg_reader']}) vs Python (Pillow {p['pillow']}), {j['images']} images, "
      f"mean {jw['mean_megapixels']} MP, mean ms per image; last (warm) pass, pass 1 (cold) in brackets")
print("| step | Java ms | Python ms | Java / Python |")
print("|---|---|---|---|")
jc, pc = j["passes"][0], p["passes"][0]
for k in ("imageio_read_pixels", "exif_metadata_extractor", "getRGB_setRGB_to_INT_RGB", "thumbnail_jpeg", "perceptual_hash_of_thumbnail",
          "preprocess_getRGB_only"):
    print(f"| Java only: {k} | {jw[k + '_ms']} ({jc[k + '_ms']}) | | |")
rows = (("read file", "read_file", "read_file"), ("decode to RGB", "ImageDecoder_decode_total", "decode_load_rgb"),
        ("preprocess (resize, crop, tensor)", "preprocess_total", "preprocess_resize_crop_tensor"))
for name, jk, pk in rows:
    print(f"| {name} | {jw[jk + '_ms']} ({jc[jk + '_ms']}) | {pw[pk + '_ms']} ({pc[pk + '_ms']}) | {jw[jk + '_ms'] / pw[pk + '_ms']:.2f} |")
PY
