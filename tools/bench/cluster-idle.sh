#!/usr/bin/env bash
# CPU and resident memory of the running test cluster (tools/cluster.sh up) over a window: the
# processes `up` started (control plane, containerd, kubelet, kube-proxy, the volume provisioner),
# the containerd shims of its pods and everything below them.
#   tools/bench/cluster-idle.sh [SECONDS]      default 60; prints one line per figure
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
CLUSTER_DIR=${CLUSTER_DIR:-${TESTENV_CACHE:-$HOME/.cache/imagesearch-testenv}/cluster}
window=${1:-60}
[ -d "$CLUSTER_DIR/pids" ] || { echo "no cluster at $CLUSTER_DIR: run tools/cluster.sh up" >&2; exit 1; }

descendants() { # pid: the pid and every process below it
  echo "$1"
  local child
  for child in $(ps -o pid= --ppid "$1"); do descendants "$child"; done
}

pids() {
  {
    for f in "$CLUSTER_DIR"/pids/*; do descendants "$(cat "$f")"; done
    # Shims reparent to init, so they are found by the socket address they were given.
    for d in /proc/[0-9]*; do
      tr '\0' ' ' <"$d/cmdline" 2>/dev/null | grep -q "containerd-shim.*-address $CLUSTER_DIR" &&
        descendants "${d#/proc/}"
    done
  } | sort -un
}

ticks() { # user + system clock ticks of the processes alive now
  local total=0 p
  for p in $(pids); do
    [ -r "/proc/$p/stat" ] && total=$((total + $(awk '{print $14 + $15}' "/proc/$p/stat")))
  done
  echo "$total"
}

before=$(ticks)
sleep "$window"
after=$(ticks)
hz=$(getconf CLK_TCK)
echo "cpu: $(((after - before) * 1000 / hz / window / 10)).$(((after - before) * 1000 / hz / window % 10))% of one core over ${window}s"
rss=0
for p in $(pids); do
  r=$(awk '/^VmRSS/ {print $2}' "/proc/$p/status" 2>/dev/null || true)
  rss=$((rss + ${r:-0}))
done
echo "rss: $((rss / 1024)) MiB in $(pids | wc -l) processes"
echo "disk: $(du -sh --one-file-system "$CLUSTER_DIR" | cut -f1) in $CLUSTER_DIR"
