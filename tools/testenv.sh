#!/usr/bin/env bash
# Provisions the real servers the integration tests run against, from package registries only.
#   tools/testenv.sh install   idempotent; everything lives under $TESTENV_CACHE
#   tools/testenv.sh env       prints `export NAME=path` lines for every binary
#   tools/testenv.sh check     exits non-zero naming what is missing
set -euo pipefail

CACHE="${TESTENV_CACHE:-$HOME/.cache/imagesearch-testenv}"
K8S_VERSION="1.34.2"              # kube-apiserver and kubectl
ETCD_VERSION="3.6.5"              # the etcd kubeadm pins for Kubernetes 1.34
# MinIO tags (RELEASE.*) are not semver, so the Go proxy serves them only as pseudo-versions.
MINIO_VERSION="v0.0.0-20260212201848-7aac2a2c5b7c"
MILVUS_LITE_VERSION="3.2.2"
PYMILVUS_VERSION="3.0.2"             # the version milvus-lite 3.2 resolves with
PLAYWRIGHT_VERSION="1.65.1"       # playwright-core drives Debian's chromium; it downloads no browser
KUBEAPITEST_DIR="${KUBEAPITEST_DIR:-$HOME/.kubeapitest}"
K8S_BIN_DIR="$KUBEAPITEST_DIR/k8s/$K8S_VERSION-linux-amd64"

# Keep Go's module and build caches inside the cache dir so a warm install is seconds.
export GOMODCACHE="$CACHE/go/mod" GOCACHE="$CACHE/go/build" GOFLAGS="-buildvcs=false" GOTOOLCHAIN=local

log() { printf '[testenv] %s\n' "$*" >&2; }
timed() { local start=$SECONDS; "$@"; log "$1 ${2:-} took $((SECONDS - start))s"; }

need_go() {
  command -v go >/dev/null || { log "Go >= 1.24 is required: apt-get install golang-1.24 or see https://go.dev/doc/install"; exit 1; }
  local v; v=$(go env GOVERSION | sed 's/^go//')
  if [ "$(printf '%s\n1.24\n' "$v" | sort -V | head -1)" != "1.24" ]; then log "Go $v is too old; Go >= 1.24 is required"; exit 1; fi
}

apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

install_debian() {
  # libturbojpeg0: the JPEG decoder the embedder prefers (JpegCodecTest requires it).
  apt_install redis-server prometheus docker-compose libturbojpeg0
  # The distro starts these as services; the tests start their own on free ports.
  if command -v systemctl >/dev/null && systemctl is-active --quiet redis-server 2>/dev/null; then systemctl stop redis-server || true; fi
}

install_browser() {
  apt_install chromium
  local dir="$CACHE/node" stamp="$CACHE/node/.playwright-core-$PLAYWRIGHT_VERSION"
  [ -f "$stamp" ] && return 0
  command -v npm >/dev/null || { log "npm is required for the UI tests: apt-get install nodejs npm"; exit 1; }
  log "installing playwright-core $PLAYWRIGHT_VERSION into $dir"
  mkdir -p "$dir"
  (cd "$dir" && [ -f package.json ] || echo '{"private": true}' > package.json)
  (cd "$dir" && npm install --no-audit --no-fund --silent "playwright-core@$PLAYWRIGHT_VERSION")
  touch "$stamp"
}

install_minio() {
  local bin="$CACHE/bin/minio" stamp="$CACHE/bin/.minio-$MINIO_VERSION"
  [ -x "$bin" ] && [ -f "$stamp" ] && return 0
  need_go
  log "building MinIO $MINIO_VERSION from the Go module proxy (several minutes the first time)"
  GOBIN="$CACHE/bin" go install "github.com/minio/minio@$MINIO_VERSION"
  touch "$stamp"
}

install_milvus() {
  local venv="$CACHE/milvus-venv" stamp="$CACHE/milvus-venv/.installed-$MILVUS_LITE_VERSION-$PYMILVUS_VERSION"
  [ -f "$stamp" ] && return 0
  local py; py=$(command -v python3) || { log "python3 >= 3.10 is required for milvus-lite: apt-get install python3 python3-venv"; exit 1; }
  log "installing milvus-lite $MILVUS_LITE_VERSION into $venv"
  "$py" -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check "milvus-lite==$MILVUS_LITE_VERSION" "pymilvus==$PYMILVUS_VERSION"
  touch "$stamp"
}

# kube-apiserver and kubectl come from a wrapper module that requires k8s.io/kubernetes and
# points each staging module (a relative replace in its own go.mod) at the published v0.x tag.
install_kubernetes() {
  local stamp="$K8S_BIN_DIR/.built-$K8S_VERSION-$ETCD_VERSION"
  [ -f "$stamp" ] && [ -x "$K8S_BIN_DIR/kube-apiserver" ] && [ -x "$K8S_BIN_DIR/etcd" ] && [ -x "$K8S_BIN_DIR/kubectl" ] && return 0
  need_go
  local src="$CACHE/src/k8s-$K8S_VERSION" staging="v0.${K8S_VERSION#1.}"
  mkdir -p "$src" "$K8S_BIN_DIR"
  log "building kube-apiserver and kubectl $K8S_VERSION from Go modules (15-30 minutes on 2 cores the first time)"
  local kdir; kdir=$(go mod download -json "k8s.io/kubernetes@v$K8S_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  (
    cd "$src"
    rm -f go.mod go.sum
    go mod init imagesearch.local/k8s-testenv >/dev/null 2>&1
    go mod edit -go=1.24.0 -require="k8s.io/kubernetes@v$K8S_VERSION"
    go mod edit -json "$kdir/go.mod" \
      | python3 -c 'import json,sys; [print(r["Old"]["Path"]) for r in json.load(sys.stdin).get("Replace") or [] if r["New"]["Path"].startswith("./staging/")]' \
      | while read -r mod; do go mod edit -replace="$mod=$mod@$staging"; done
    cat > tools.go <<'GO'
//go:build tools

// Package tools pins the Kubernetes commands this module builds.
package tools

import (
	_ "k8s.io/kubernetes/cmd/kube-apiserver/app"
	_ "k8s.io/kubectl/pkg/cmd"
)
GO
    go mod tidy -e >/dev/null 2>&1 || true
    local ld="-s -w -X k8s.io/component-base/version.gitVersion=v$K8S_VERSION -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=${K8S_VERSION#1.}"
    ld="${ld%.*}"  # gitMinor is the minor number only
    go build -trimpath -ldflags "$ld" -o "$K8S_BIN_DIR/kube-apiserver" k8s.io/kubernetes/cmd/kube-apiserver
    go build -trimpath -ldflags "$ld" -o "$K8S_BIN_DIR/kubectl" k8s.io/kubernetes/cmd/kubectl
  )
  local esrc="$CACHE/src/etcd-$ETCD_VERSION"
  mkdir -p "$esrc"
  (
    cd "$esrc"
    rm -f go.mod go.sum
    go mod init imagesearch.local/etcd-testenv >/dev/null 2>&1
    cat > main.go <<'GO'
// Command etcd is the etcd server, built from its published Go module.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() { etcdmain.Main(os.Args) }
GO
    go mod edit -require="go.etcd.io/etcd/server/v3@v$ETCD_VERSION"
    go mod tidy >/dev/null 2>&1
    go build -trimpath -ldflags "-s -w" -o "$K8S_BIN_DIR/etcd" .
  )
  touch "$stamp"
}

print_env() {
  cat <<ENV
export TESTENV_CACHE=$CACHE
export REDIS_SERVER_BIN=$(command -v redis-server || echo /usr/bin/redis-server)
export MINIO_BIN=$CACHE/bin/minio
export MILVUS_LITE_BIN=$CACHE/milvus-venv/bin/milvus-lite
export CHROMIUM_BIN=$(command -v chromium || echo /usr/bin/chromium)
export PLAYWRIGHT_NODE_MODULES=$CACHE/node/node_modules
export PROMETHEUS_BIN=$(command -v prometheus || echo /usr/bin/prometheus)
export DOCKER_COMPOSE_BIN=$(command -v docker-compose || echo /usr/bin/docker-compose)
export PROMTOOL_BIN=$(command -v promtool || echo /usr/bin/promtool)
export KUBEAPITEST_DIR=$KUBEAPITEST_DIR
export KUBE_APISERVER_VERSION=$K8S_VERSION
export KUBE_APISERVER_BIN=$K8S_BIN_DIR/kube-apiserver
export ETCD_BIN=$K8S_BIN_DIR/etcd
export KUBECTL_BIN=$K8S_BIN_DIR/kubectl
ENV
}

check() {
  local bad=0
  eval "$(print_env)"
  [ -d "$PLAYWRIGHT_NODE_MODULES/playwright-core" ] || { log "missing: playwright-core (run: tools/testenv.sh install)"; bad=1; }
  for b in "$CHROMIUM_BIN" "$REDIS_SERVER_BIN" "$MINIO_BIN" "$MILVUS_LITE_BIN" "$PROMETHEUS_BIN" "$PROMTOOL_BIN" "$KUBE_APISERVER_BIN" "$ETCD_BIN" "$KUBECTL_BIN"; do
    [ -x "$b" ] || { log "missing: $b (run: tools/testenv.sh install)"; bad=1; }
  done
  return $bad
}

case "${1:-}" in
  install)
    mkdir -p "$CACHE/bin"
    # One install at a time: two concurrent builds would share the same work directories.
    exec 9>"$CACHE/.install.lock"
    flock 9
    start=$SECONDS
    timed install_debian
    timed install_browser
    timed install_minio
    timed install_milvus
    timed install_kubernetes
    log "test environment ready in $((SECONDS - start))s (cache: $CACHE)"
    ;;
  env) print_env ;;
  check) check ;;
  *) echo "usage: $0 install|env|check" >&2; exit 2 ;;
esac
