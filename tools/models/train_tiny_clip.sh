#!/usr/bin/env bash
# Regenerates models/tiny-clip/ (the project's own tiny CLIP model, its exports and fixtures), or with
# --variant tiny-clip-b the second model, models/tiny-clip-b/ (tools/models/tinyclip/variants.py).
#   tools/models/train_tiny_clip.sh                 venv + render + train + export + fixtures
#   tools/models/train_tiny_clip.sh all --variant tiny-clip-b
#   tools/models/train_tiny_clip.sh untrained DIR --variant tiny-clip-b   (a worse model for gate tests)
#   tools/models/train_tiny_clip.sh SUBCOMMAND ...  venv + one tiny_clip.py subcommand, e.g.
#       tools/models/train_tiny_clip.sh export
#       tools/models/train_tiny_clip.sh bench-model /tmp/vit-b-32
#       tools/models/train_tiny_clip.sh bench-python --model /tmp/vit-b-32 --images DIR --threads 2 --batch 16
#   tools/models/train_tiny_clip.sh --venv-only     only create/refresh the venv
# Everything is cached under ${MODEL_TOOLS_CACHE:-$HOME/.cache/imagesearch-models}; the venv is reused when
# its requirements stamp matches tools/models/requirements.txt.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE="${MODEL_TOOLS_CACHE:-$HOME/.cache/imagesearch-models}"
VENV="$CACHE/venv"
REQ="$HERE/requirements.txt"
PYTHON="${PYTHON:-python3}"
export MODEL_TOOLS_CACHE="$CACHE"

log() { printf '[train_tiny_clip] %s\n' "$*" >&2; }

ensure_venv() {
  local stamp="$VENV/.requirements.sha256" want
  want="$(sha256sum "$REQ" | cut -d' ' -f1)"
  if [ -x "$VENV/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  "$PYTHON" -c 'import sys; assert sys.version_info >= (3, 10), sys.version' \
    || { log "Python >= 3.10 is required (set PYTHON=...)"; exit 1; }
  log "creating venv $VENV (torch from PyPI: ~3 GB download incl. CUDA runtime wheels, ~5.4 GB installed)"
  local start=$SECONDS
  mkdir -p "$CACHE"
  [ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
  "$VENV/bin/python" -m pip install --disable-pip-version-check --progress-bar off -q -r "$REQ"
  echo "$want" > "$stamp"
  log "venv ready in $((SECONDS - start))s"
}

ensure_venv
[ "${1:-}" = "--venv-only" ] && exit 0

# Single-threaded BLAS/OpenMP unless the caller says otherwise (see README: reproducibility and speed
# on a shared 2-core machine). bench-python sets its own thread count through --threads.
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}" MKL_NUM_THREADS="${MKL_NUM_THREADS:-1}"
export PYTHONHASHSEED=0 TOKENIZERS_PARALLELISM=false

if [ $# -eq 0 ]; then
  set -- all
fi
start=$SECONDS
"$VENV/bin/python" "$HERE/tiny_clip.py" "$@"
log "tiny_clip.py $1 finished in $((SECONDS - start))s"
