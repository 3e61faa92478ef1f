#!/usr/bin/env bash
# Builds the container images of the test cluster (tools/cluster.sh) without any registry:
# Debian root file systems from Debian's package archive (mmdebstrap), binaries built by
# tools/testenv.sh, a static pause from C, packed by tools/images/mkimage.py into archives that
# both `ctr images import` and Jib's `tar://` base image read.
#
#   tools/images.sh base          builds every base image (cached), prints their tar paths
#   tools/images.sh build NAME... builds some of them
#   tools/images.sh path NAME     prints one tar path (whether built or not)
#   tools/images.sh list          NAME, image reference and path of each
#
# Images: pause, coredns, jre21, redis, minio, milvus-standin (recipes in tools/images/recipes/).
# Output: $TESTENV_CACHE/images/NAME.tar (override the folder with IMAGES_DIR), logs in its logs/.
# Each image is rebuilt only when its key changes: the hash of its recipe (suite, packages,
# customization, image config), mkimage.py and the checksums of its input files. The Debian root
# file system has its own key, so a new MinIO binary only repacks, and runs of mmdebstrap go in
# parallel.
set -euo pipefail

ROOT_DIR=$(cd "$(dirname "$0")/.." && pwd)
IMAGES_SRC=$ROOT_DIR/tools/images
RECIPES=$IMAGES_SRC/recipes
CACHE=${TESTENV_CACHE:-$HOME/.cache/imagesearch-testenv}
OUT=${IMAGES_DIR:-$CACHE/images}
WORK=$OUT/work
LOGS=$OUT/logs
DEBIAN_MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
ALL=(pause coredns jre21 redis minio milvus-standin)
export IMAGES_SRC

T0=$SECONDS
say() { printf '[images %4ss] %s\n' "$((SECONDS - T0))" "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }

# The binaries of tools/testenv.sh (COREDNS_BIN, MINIO_BIN, ...), unless already set.
eval "$("$ROOT_DIR/tools/testenv.sh" env | grep -E '^export (COREDNS_BIN|MINIO_BIN)=' | sed 's/^export /: ${/; s/=/:=/; s/$/}/')"
export COREDNS_BIN MINIO_BIN

recipe_file() {
  local f=$RECIPES/$1.sh
  [ -f "$f" ] || die "unknown image '$1' (known: ${ALL[*]})"
  echo "$f"
}

# Loads a recipe's variables into the current (sub)shell.
load_recipe() {
  unset REF SUITE INPUTS IMAGE_ARGS PACKAGES
  unset -f customize layer
  SUITE="" INPUTS=() PACKAGES=() IMAGE_ARGS=()
  # shellcheck disable=SC1090
  . "$(recipe_file "$1")"
}

hash_text() { sha256sum | cut -c1-64; }

# NAME (recipe loaded): the Debian root file system depends on the suite, the packages, the
# customize() hook and the recipe's other variables (versions it uses), the mmdebstrap command
# line (build_rootfs), the mirror and mmdebstrap's version; not on the image config or layer().
rootfs_key() {
  local vars
  vars=$(grep -oE '^[A-Z_][A-Z0-9_]*=' "$(recipe_file "$1")" | tr -d = | grep -vxE 'REF|INPUTS|IMAGE_ARGS' || true)
  {
    echo "$SUITE"
    echo "${PACKAGES[*]}"
    declare -f customize build_rootfs || true
    # shellcheck disable=SC2086
    [ -z "$vars" ] || declare -p $vars
    echo "$DEBIAN_MIRROR"
    dpkg-query -W -f '${Version}' mmdebstrap 2>/dev/null || true
  } | hash_text
}

image_key() { # NAME: everything the archive depends on
  local f
  {
    cat "$(recipe_file "$1")" "$IMAGES_SRC/mkimage.py"
    if [ -n "$SUITE" ]; then rootfs_key "$1"; fi
    for f in "${INPUTS[@]}"; do
      [ -f "$f" ] || die "missing input $f of image $1 (binaries come from: tools/testenv.sh install)"
      sha256sum "$f" | cut -c1-64
    done
    if [ "$1" = pause ]; then gcc --version | head -1; fi
  } | hash_text
}

# NAME: mmdebstrap into $WORK/NAME-rootfs.tar unless its key file matches. Runs in the background.
build_rootfs() {
  local name=$1 key tar=$WORK/$1-rootfs.tar partial=$WORK/$1-rootfs.partial.tar log=$LOGS/$1-rootfs.log start=$SECONDS
  key=$(rootfs_key "$name")
  if [ -f "$tar" ] && [ "$(cat "$tar.key" 2>/dev/null)" = "$key" ]; then return 0; fi
  say "$name: mmdebstrap $SUITE ${PACKAGES[*]} (log: $log)"
  rm -rf "$tar" "$tar.key" "$partial"
  # minbase, no recommends, no documentation or translations; apt's lists and caches removed.
  # (man1 stays as an empty folder: openjdk's postinst puts alternatives' links there.)
  if ! mmdebstrap --mode=root --variant=minbase --format=tar \
    --aptopt='APT::Install-Recommends "false"' \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/info/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-exclude=/usr/share/lintian/*' \
    --include="$(IFS=,; echo "${PACKAGES[*]}")" \
    --essential-hook='mkdir -p "$1/usr/share/man/man1"' \
    --customize-hook="\"$ROOT_DIR/tools/images.sh\" _customize $name \"\$1\"" \
    --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/* "$1"/var/log/*.log "$1"/var/cache/ldconfig/aux-cache' \
    "$SUITE" "$partial" "$DEBIAN_MIRROR" >"$log" 2>&1; then
    rm -f "$partial"
    die "$name: mmdebstrap failed, see $log"
  fi
  mv "$partial" "$tar"
  echo "$key" >"$tar.key"
  say "$name: root file system built in $((SECONDS - start))s ($(du -m "$tar" | cut -f1) MiB)"
}

# NAME: packs $OUT/NAME.tar from the root file system and/or the recipe's layer() directory.
pack() {
  local name=$1 key tar=$OUT/$1.tar layers=() dir
  key=$(image_key "$name")
  if [ -f "$tar" ] && [ "$(cat "$tar.key" 2>/dev/null)" = "$key" ]; then return 0; fi
  local start=$SECONDS
  if [ -n "$SUITE" ]; then layers+=(--layer "$WORK/$name-rootfs.tar"); fi
  if declare -F layer >/dev/null; then
    dir=$WORK/$name-layer
    rm -rf "$dir" && mkdir -p "$dir"
    layer "$dir" >>"$LOGS/$name.log" 2>&1 || die "$name: building its layer failed, see $LOGS/$name.log"
    layers+=(--layer "$dir")
  fi
  rm -f "$tar.key"
  python3 "$IMAGES_SRC/mkimage.py" "$tar" "$REF" "${layers[@]}" "${IMAGE_ARGS[@]}" >>"$LOGS/$name.log" 2>&1 \
    || die "$name: mkimage.py failed, see $LOGS/$name.log"
  if [ -n "${dir:-}" ]; then rm -rf "$dir"; fi
  echo "$key" >"$tar.key"
  say "$name: $REF packed in $((SECONDS - start))s ($(du -m "$tar" | cut -f1) MiB)"
}

check_tools() {
  local missing=()
  command -v mmdebstrap >/dev/null || missing+=(mmdebstrap)
  command -v gcc >/dev/null || missing+=(gcc)
  command -v python3 >/dev/null || missing+=(python3)
  [ ${#missing[@]} -eq 0 ] || die "missing ${missing[*]}: run tools/testenv.sh install"
  [ "$(id -u)" -eq 0 ] || die "mmdebstrap --mode=root needs root"
}

build() { # NAME...
  check_tools
  mkdir -p "$OUT" "$WORK" "$LOGS"
  # One build at a time per output folder.
  exec 8>"$OUT/.build.lock"
  flock 8
  local name pids=() failed=0
  # Fail early, before minutes of mmdebstrap, when an input binary is missing.
  for name in "$@"; do (load_recipe "$name"; image_key "$name" >/dev/null) || exit 1; done
  for name in "$@"; do
    (load_recipe "$name"; [ -z "$SUITE" ] || build_rootfs "$name") &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || failed=1; done
  [ $failed -eq 0 ] || die "a root file system failed to build (logs in $LOGS)"
  for name in "$@"; do (load_recipe "$name"; pack "$name") || exit 1; done
  for name in "$@"; do echo "$OUT/$name.tar"; done
  say "done: ${*} in $((SECONDS - T0))s"
}

case "${1:-}" in
  base) build "${ALL[@]}" ;;
  build) shift; [ $# -gt 0 ] || die "usage: $0 build NAME..."; build "$@" ;;
  path) [ $# -eq 2 ] || die "usage: $0 path NAME"; recipe_file "$2" >/dev/null; echo "$OUT/$2.tar" ;;
  list) for n in "${ALL[@]}"; do (load_recipe "$n"; printf '%-15s %-45s %s\n' "$n" "$REF" "$OUT/$n.tar"); done ;;
  _customize) # called by mmdebstrap: _customize NAME ROOTFS
    load_recipe "$2"
    if declare -F customize >/dev/null; then customize "$3"; fi ;;
  *) echo "usage: $0 base | build NAME... | path NAME | list" >&2; exit 2 ;;
esac
