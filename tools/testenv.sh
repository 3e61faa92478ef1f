#!/usr/bin/env bash
# Provisions the real servers the integration tests run against, from package registries only.
#   tools/testenv.sh install   idempotent; everything lives under $TESTENV_CACHE
#   tools/testenv.sh env       prints `export NAME=path` lines for every binary
#   tools/testenv.sh check     exits non-zero naming what is missing
set -euo pipefail

CACHE="${TESTENV_CACHE:-$HOME/.cache/imagesearch-testenv}"
K8S_VERSION="1.34.2"              # kube-apiserver, kubectl and the node's commands (tools/cluster.sh)
ETCD_VERSION="3.6.5"              # the etcd kubeadm pins for Kubernetes 1.34
# MinIO tags (RELEASE.*) are not semver, so the Go proxy serves them only as pseudo-versions.
MINIO_VERSION="v0.0.0-20260212201848-7aac2a2c5b7c"
MILVUS_LITE_VERSION="3.2.2"
PYMILVUS_VERSION="3.0.2"             # the version milvus-lite 3.2 resolves with
COREDNS_VERSION="v1.14.7"         # the cluster's DNS (tools/cluster.sh)
PLAYWRIGHT_VERSION="1.65.1"       # playwright-core drives Debian's chromium; it downloads no browser
AXE_CORE_VERSION="4.14.1"         # the accessibility rules the web UI's browser tests run
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
  # nginx and wrk: the reference server and the load generator of tools/bench/delivery.sh.
  apt_install redis-server prometheus docker-compose libturbojpeg0 nginx wrk
  # The distro starts these as services; the tests start their own on free ports.
  for service in redis-server nginx; do
    if command -v systemctl >/dev/null && systemctl is-active --quiet "$service" 2>/dev/null; then systemctl stop "$service" || true; fi
  done
}

install_browser() {
  apt_install chromium
  local dir="$CACHE/node" stamp="$CACHE/node/.playwright-core-$PLAYWRIGHT_VERSION-axe-core-$AXE_CORE_VERSION"
  [ -f "$stamp" ] && return 0
  command -v npm >/dev/null || { log "npm is required for the UI tests: apt-get install nodejs npm"; exit 1; }
  log "installing playwright-core $PLAYWRIGHT_VERSION and axe-core $AXE_CORE_VERSION into $dir"
  mkdir -p "$dir"
  (cd "$dir" && [ -f package.json ] || echo '{"private": true}' > package.json)
  (cd "$dir" && npm install --no-audit --no-fund --silent --save-exact \
    "playwright-core@$PLAYWRIGHT_VERSION" "axe-core@$AXE_CORE_VERSION")
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

# The single-node cluster of tools/cluster.sh: container runtime, CNI plugins, packet filter, and the
# tools that build base images without a registry (mmdebstrap) and the pause image (gcc).
install_cluster_packages() {
  apt_install containerd runc containernetworking-plugins iptables conntrack mmdebstrap iproute2 openssl gcc libc6-dev
  # The distro starts containerd as a service; tools/cluster.sh starts its own with its own state.
  if command -v systemctl >/dev/null && systemctl is-active --quiet containerd 2>/dev/null; then systemctl stop containerd || true; fi
}

# All Kubernetes commands come from a wrapper module that requires k8s.io/kubernetes and
# points each staging module (a relative replace in its own go.mod) at the published v0.x tag.
install_kubernetes() {
  local stamp="$K8S_BIN_DIR/.built-node-$K8S_VERSION-$ETCD_VERSION" cmd
  local commands=(kube-apiserver kubectl kubelet kube-controller-manager kube-scheduler kube-proxy)
  if [ -f "$stamp" ] && [ -x "$K8S_BIN_DIR/etcd" ]; then
    for cmd in "${commands[@]}"; do [ -x "$K8S_BIN_DIR/$cmd" ] || break; done
    [ -x "$K8S_BIN_DIR/$cmd" ] && return 0
  fi
  need_go
  local src="$CACHE/src/k8s-$K8S_VERSION" staging="v0.${K8S_VERSION#1.}"
  mkdir -p "$src" "$K8S_BIN_DIR"
  log "building ${commands[*]} $K8S_VERSION from Go modules (7-15 minutes on 2 cores the first time)"
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
	_ "k8s.io/kubectl/pkg/cmd"
	_ "k8s.io/kubernetes/cmd/kube-apiserver/app"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager/app"
	_ "k8s.io/kubernetes/cmd/kube-proxy/app"
	_ "k8s.io/kubernetes/cmd/kube-scheduler/app"
	_ "k8s.io/kubernetes/cmd/kubelet/app"
)
GO
    go mod tidy -e >/dev/null 2>&1 || true
    local ld="-s -w -X k8s.io/component-base/version.gitVersion=v$K8S_VERSION -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=${K8S_VERSION#1.}"
    ld="${ld%.*}"  # gitMinor is the minor number only
    # One build of all six shares the compiled packages: about a third of six separate builds.
    CGO_ENABLED=0 go build -trimpath -ldflags "$ld" -o "$K8S_BIN_DIR/" "${commands[@]/#/k8s.io/kubernetes/cmd/}"
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

# CoreDNS with only the plugins a test cluster needs (the full build pulls in every cloud SDK).
install_coredns() {
  local bin="$CACHE/bin/coredns" stamp="$CACHE/bin/.coredns-$COREDNS_VERSION"
  [ -x "$bin" ] && [ -f "$stamp" ] && return 0
  need_go
  local src="$CACHE/src/coredns-$COREDNS_VERSION"
  log "building CoreDNS $COREDNS_VERSION from its Go module"
  mkdir -p "$src"
  (
    cd "$src"
    rm -f go.mod go.sum
    go mod init imagesearch.local/coredns-testenv >/dev/null 2>&1
    cat > main.go <<'GO'
// Command coredns is CoreDNS with the plugins a single-node test cluster uses.
package main

import (
	"github.com/coredns/coredns/core/dnsserver"
	"github.com/coredns/coredns/coremain"

	_ "github.com/coredns/coredns/plugin/cache"
	_ "github.com/coredns/coredns/plugin/errors"
	_ "github.com/coredns/coredns/plugin/health"
	_ "github.com/coredns/coredns/plugin/kubernetes"
	_ "github.com/coredns/coredns/plugin/loadbalance"
	_ "github.com/coredns/coredns/plugin/log"
	_ "github.com/coredns/coredns/plugin/ready"
	_ "github.com/coredns/coredns/plugin/template"
)

// Directives lists the plugins in execution order; the blank imports register them.
var _ = dnsserver.Directives

func main() { coremain.Run() }
GO
    go mod edit -require="github.com/coredns/coredns@$COREDNS_VERSION"
    go mod tidy >/dev/null 2>&1
    CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$bin" .
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
export KUBE_BIN_DIR=$K8S_BIN_DIR
export COREDNS_BIN=$CACHE/bin/coredns
ENV
}

check() {
  local bad=0
  eval "$(print_env)"
  [ -d "$PLAYWRIGHT_NODE_MODULES/playwright-core" ] || { log "missing: playwright-core (run: tools/testenv.sh install)"; bad=1; }
  [ -f "$PLAYWRIGHT_NODE_MODULES/axe-core/axe.min.js" ] || { log "missing: axe-core (run: tools/testenv.sh install)"; bad=1; }
  for b in "$CHROMIUM_BIN" "$REDIS_SERVER_BIN" "$MINIO_BIN" "$MILVUS_LITE_BIN" "$PROMETHEUS_BIN" "$PROMTOOL_BIN" "$KUBE_APISERVER_BIN" "$ETCD_BIN" "$KUBECTL_BIN" \
    "$KUBE_BIN_DIR/kubelet" "$KUBE_BIN_DIR/kube-controller-manager" "$KUBE_BIN_DIR/kube-scheduler" "$KUBE_BIN_DIR/kube-proxy" \
    "$COREDNS_BIN" /usr/bin/containerd /usr/sbin/runc /usr/lib/cni/bridge /usr/bin/mmdebstrap; do
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
    timed install_cluster_packages
    timed install_browser
    timed install_minio
    timed install_milvus
    timed install_kubernetes
    timed install_coredns
    log "test environment ready in $((SECONDS - start))s (cache: $CACHE)"
    ;;
  env) print_env ;;
  check) check ;;
  *) echo "usage: $0 install|env|check" >&2; exit 2 ;;
esac
