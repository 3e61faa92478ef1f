#!/usr/bin/env bash
# OpenCV's JPEG decoder (org.openpnp:opencv, libjpeg-turbo) against the product's ImageDecoder on
# the JPEGs of tools/bench/embedder.sh: time per image and the largest pixel difference.
# OpenCV is not a project dependency (its jar carries every platform's natives, 110 MB); this
# fetches it from Maven Central into the bench cache.    Env: IMAGES (default: the bench JPEGs)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="${BENCH_CACHE:-$HOME/.cache/imagesearch-bench}"
IMAGES="${IMAGES:-$work/images}"
jar="$work/opencv/opencv-4.9.0-0.jar"
if [ ! -f "$jar" ]; then
  mkdir -p "$work/opencv"
  curl -fsSL -o "$jar.part" https://repo1.maven.org/maven2/org/openpnp/opencv/4.9.0-0/opencv-4.9.0-0.jar
  mv "$jar.part" "$jar"
fi
cd "$root"
tools/mvn.sh -B -ntp -q -pl services/imaging -am -DskipTests install >&2
tools/mvn.sh -B -ntp -q -pl services/imaging dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt >&2
JAVA_HOME="$(tools/find-jdk.sh)"
cp="$jar:services/imaging/target/classes:$(cat services/imaging/target/bench-classpath.txt)"
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$cp" tools/bench/OpenCvDecode.java "$IMAGES" 2>/dev/null
