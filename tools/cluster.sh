#!/usr/bin/env bash
# A single-node Kubernetes cluster on this machine for the end-to-end tests (DESIGN.md, testing
# tier 4): real pods, no container registry, nothing downloaded at run time.
#
#   tools/cluster.sh up          start it (reuses a healthy running cluster, clears stale state)
#   tools/cluster.sh down        stop it and leave nothing behind
#   tools/cluster.sh status      what runs; exits 0 only if the API server answers
#   tools/cluster.sh load TAR... import image archives (docker-save or OCI) into its containerd
#   tools/cluster.sh env         `export` lines: KUBECONFIG, PATH (kubectl), CONTAINERD_ADDRESS, ...
#
# Parts: etcd, kube-apiserver, controller-manager, scheduler, kubelet and kube-proxy (iptables
# mode) built by tools/testenv.sh from Go modules and run as host processes; containerd, runc and
# the CNI bridge plugin from Debian; CoreDNS as a pod; images from tools/images.sh, imported
# before kubelet starts; a host-directory volume provisioner behind the default StorageClass.
# All state lives in $CLUSTER_DIR (default $TESTENV_CACHE/cluster), which `down` removes.
# Needs root. docs/CLUSTER.md explains the addresses and why each workaround is there.
set -euo pipefail

ROOT_DIR=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${TESTENV_CACHE:-$HOME/.cache/imagesearch-testenv}
CLUSTER_DIR=${CLUSTER_DIR:-$CACHE/cluster}
eval "$(TESTENV_CACHE=$CACHE "$ROOT_DIR/tools/testenv.sh" env | grep -E '^export (KUBE_BIN_DIR|COREDNS_BIN)=')"
export PATH=$KUBE_BIN_DIR:$PATH

NODE_NAME=imagesearch-node
NODE_IP=10.250.0.10          # on the port-less bridge knode0: this kernel has no dummy netdev
API_PORT=16443
ETCD_PORT=23790              # client; peer +10, metrics +20; loopback only
CLUSTER_CIDR=10.244.0.0/16
POD_CIDR=10.244.0.0/24       # the node's range; cni0 is its gateway 10.244.0.1
POD_GATEWAY=10.244.0.1
SVC_CIDR=10.96.0.0/16
DNS_IP=10.96.0.10
CNI_NETWORK=imagesearch-cluster
PROVISIONER=imagesearch.local/host-dir
GUARD=IMAGESEARCH-POD-EGRESS # our iptables guard chains: $GUARD (FORWARD) and $GUARD-OUT (POSTROUTING)
MARKER=.imagesearch-cluster  # a folder `down` may wipe carries this file

PKI=$CLUSTER_DIR/pki
PIDS=$CLUSTER_DIR/pids
LOGS=$CLUSTER_DIR/logs
CSOCK=$CLUSTER_DIR/containerd/containerd.sock
KUBECONFIG_ADMIN=$CLUSTER_DIR/admin.kubeconfig
# Kernel settings the cluster changes (we, the CNI bridge plugin, kubelet, kube-proxy): saved by
# `up`, restored by `down`.
SYSCTLS=(net.ipv4.ip_forward net.bridge.bridge-nf-call-iptables net.bridge.bridge-nf-call-ip6tables
  net.ipv4.conf.all.route_localnet net.netfilter.nf_conntrack_max vm.overcommit_memory vm.panic_on_oom
  kernel.panic kernel.panic_on_oops kernel.keys.root_maxkeys kernel.keys.root_maxbytes)
# Host paths the CRI, CNI or kubelet create outside $CLUSTER_DIR; `down` removes those that did not
# exist before `up`.
HOST_PATHS=(/var/lib/cni /var/log/containers /var/log/pods /var/lib/kubelet /run/containerd /etc/cni)

T0=$SECONDS
say() { printf '[cluster %4ss] %s\n' "$((SECONDS - T0))" "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }
kctl() { kubectl --kubeconfig "$KUBECONFIG_ADMIN" "$@"; }
cctl() { ctr --address "$CSOCK" -n k8s.io "$@"; }

# name cmd...: a background process in its own session (so `down` ends it with its children).
start() {
  local name=$1
  shift
  setsid "$@" >"$LOGS/$name.log" 2>&1 </dev/null &
  echo $! >"$PIDS/$name"
}

running() { [ -f "$PIDS/$1" ] && kill -0 "$(cat "$PIDS/$1")" 2>/dev/null; }

# seconds what cmd...: polls once a second; on timeout names the log to read.
wait_for() {
  local seconds=$1 what=$2 i
  shift 2
  for ((i = 0; i < seconds; i++)); do
    if "$@" >/dev/null 2>&1; then say "$what ready"; return 0; fi
    sleep 1
  done
  die "timed out after ${seconds}s waiting for $what (logs: $LOGS/)"
}

check_prerequisites() {
  [ "$(id -u)" -eq 0 ] || die "the cluster needs root (network namespaces, iptables, mounts)"
  local b missing=()
  for b in etcd kube-apiserver kubectl kubelet kube-controller-manager kube-scheduler kube-proxy; do
    [ -x "$KUBE_BIN_DIR/$b" ] || missing+=("$KUBE_BIN_DIR/$b")
  done
  for b in "$COREDNS_BIN" /usr/bin/containerd /usr/bin/ctr /usr/sbin/runc /usr/lib/cni/bridge /usr/lib/cni/host-local \
    /usr/lib/cni/loopback /usr/sbin/iptables /usr/sbin/conntrack /usr/bin/openssl /usr/bin/mmdebstrap; do
    [ -x "$b" ] || missing+=("$b")
  done
  [ ${#missing[@]} -eq 0 ] || die "missing ${missing[*]}: run tools/testenv.sh install"
}

# ---------------------------------------------------------------------------------------------
# up
# ---------------------------------------------------------------------------------------------

setup_host_network() {
  local s
  for s in "${SYSCTLS[@]}"; do
    [ -e "/proc/sys/${s//.//}" ] && echo "$s=$(sysctl -n "$s")"
  done >"$CLUSTER_DIR/sysctl.saved"
  for s in "${HOST_PATHS[@]}"; do [ -e "$s" ] || echo "$s"; done >"$CLUSTER_DIR/host-paths.created"
  ls /run/netns 2>/dev/null >"$CLUSTER_DIR/netns.before" || true
  ls /run/containerd/s 2>/dev/null >"$CLUSTER_DIR/shim-sockets.before" || true
  ls /var/lib/cni/results 2>/dev/null >"$CLUSTER_DIR/cni-results.before" || true
  # The node IP needs an interface that is always up; without a dummy driver, a bridge with no
  # ports is one. The service range is routed to it, so a ClusterIP that kube-proxy has not (yet)
  # translated goes nowhere instead of out of the default route.
  ip link show knode0 >/dev/null 2>&1 || ip link add knode0 type bridge
  ip addr replace "$NODE_IP/32" dev knode0
  ip link set knode0 up
  ip route replace "$SVC_CIDR" dev knode0 src "$NODE_IP"
  # Forwarding only while the cluster is up (down restores the saved values); bridged pod
  # traffic must pass iptables for ClusterIPs between pods on the same bridge.
  sysctl -qw net.ipv4.ip_forward=1 net.bridge.bridge-nf-call-iptables=1
  # Egress guards: pods can reach each other, the node and the host, never another network.
  # Forwarded traffic from the pod bridge must go back into it, and nothing with a pod source
  # address leaves by another interface (even if kube-proxy or a bad route would send it).
  iptables -t mangle -N "$GUARD" 2>/dev/null || iptables -t mangle -F "$GUARD"
  iptables -t mangle -A "$GUARD" -i cni0 ! -o cni0 -j DROP
  iptables -t mangle -C FORWARD -j "$GUARD" 2>/dev/null || iptables -t mangle -I FORWARD -j "$GUARD"
  iptables -t mangle -N "$GUARD-OUT" 2>/dev/null || iptables -t mangle -F "$GUARD-OUT"
  iptables -t mangle -A "$GUARD-OUT" -s "$CLUSTER_CIDR" ! -o cni0 -j DROP
  iptables -t mangle -C POSTROUTING -j "$GUARD-OUT" 2>/dev/null || iptables -t mangle -I POSTROUTING -j "$GUARD-OUT"
  # The resolv.conf pods with dnsPolicy Default (CoreDNS) get: no upstream server at all.
  echo "nameserver 127.0.0.1" >"$CLUSTER_DIR/resolv.conf"
  say "host network: node $NODE_IP on knode0, services $SVC_CIDR, pods $POD_CIDR on cni0, egress guarded"
}

# name CN O [subjectAltName]: a key and a certificate signed by the cluster CA.
cert() {
  local name=$1 cn=$2 org=$3 san=${4:-}
  openssl genrsa -out "$PKI/$name.key" 2048 2>/dev/null
  openssl req -new -key "$PKI/$name.key" -subj "/CN=$cn${org:+/O=$org}" -out "$PKI/$name.csr" 2>/dev/null
  {
    echo "basicConstraints=CA:FALSE"
    echo "keyUsage=critical,digitalSignature,keyEncipherment"
    if [ -n "$san" ]; then
      echo "extendedKeyUsage=serverAuth,clientAuth"
      echo "subjectAltName=$san"
    else
      echo "extendedKeyUsage=clientAuth"
    fi
  } >"$PKI/$name.ext"
  openssl x509 -req -in "$PKI/$name.csr" -CA "$PKI/ca.crt" -CAkey "$PKI/ca.key" -CAcreateserial -days 3650 \
    -extfile "$PKI/$name.ext" -out "$PKI/$name.crt" 2>/dev/null
}

kubeconfig() { # name: $CLUSTER_DIR/name.kubeconfig for the client certificate pki/name.crt
  cat >"$CLUSTER_DIR/$1.kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: imagesearch
  cluster: {certificate-authority: $PKI/ca.crt, server: "https://$NODE_IP:$API_PORT"}
users:
- name: $1
  user: {client-certificate: $PKI/$1.crt, client-key: $PKI/$1.key}
contexts:
- name: imagesearch
  context: {cluster: imagesearch, user: $1}
current-context: imagesearch
EOF
}

write_pki() {
  mkdir -p "$PKI"
  openssl genrsa -out "$PKI/ca.key" 2048 2>/dev/null
  openssl req -x509 -new -key "$PKI/ca.key" -days 3650 -subj "/CN=imagesearch-test-cluster-ca" -out "$PKI/ca.crt" 2>/dev/null
  cert apiserver kube-apiserver "" "DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local,DNS:localhost,IP:127.0.0.1,IP:10.96.0.1,IP:$NODE_IP"
  cert apiserver-kubelet-client kube-apiserver-kubelet-client system:masters
  cert admin kubernetes-admin system:masters
  cert controller-manager system:kube-controller-manager ""
  cert scheduler system:kube-scheduler ""
  cert kubelet "system:node:$NODE_NAME" system:nodes
  cert kubelet-serving "system:node:$NODE_NAME" system:nodes "DNS:$NODE_NAME,IP:$NODE_IP"
  cert kube-proxy system:kube-proxy ""
  openssl genrsa -out "$PKI/sa.key" 2048 2>/dev/null
  openssl rsa -in "$PKI/sa.key" -pubout -out "$PKI/sa.pub" 2>/dev/null
  local k
  for k in admin controller-manager scheduler kubelet kube-proxy; do kubeconfig "$k"; done
  say "certificates and kubeconfigs written"
}

start_control_plane() {
  start etcd "$KUBE_BIN_DIR/etcd" --name imagesearch --data-dir "$CLUSTER_DIR/etcd" \
    --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
    --listen-peer-urls "http://127.0.0.1:$((ETCD_PORT + 10))" --initial-advertise-peer-urls "http://127.0.0.1:$((ETCD_PORT + 10))" \
    --initial-cluster "imagesearch=http://127.0.0.1:$((ETCD_PORT + 10))" --listen-metrics-urls "http://127.0.0.1:$((ETCD_PORT + 20))" \
    --quota-backend-bytes 2147483648 --log-level warn
  wait_for 30 etcd curl -sf "http://127.0.0.1:$ETCD_PORT/health"

  # Default admission plugins stay on (PodSecurity, DefaultStorageClass, ...); NodeRestriction adds.
  start kube-apiserver "$KUBE_BIN_DIR/kube-apiserver" --etcd-servers "http://127.0.0.1:$ETCD_PORT" \
    --bind-address "$NODE_IP" --advertise-address "$NODE_IP" --secure-port "$API_PORT" \
    --service-cluster-ip-range "$SVC_CIDR" --allow-privileged=true \
    --authorization-mode Node,RBAC --enable-admission-plugins NodeRestriction \
    --client-ca-file "$PKI/ca.crt" --tls-cert-file "$PKI/apiserver.crt" --tls-private-key-file "$PKI/apiserver.key" \
    --kubelet-client-certificate "$PKI/apiserver-kubelet-client.crt" --kubelet-client-key "$PKI/apiserver-kubelet-client.key" \
    --kubelet-preferred-address-types InternalIP \
    --service-account-issuer https://kubernetes.default.svc.cluster.local \
    --service-account-key-file "$PKI/sa.pub" --service-account-signing-key-file "$PKI/sa.key" \
    --profiling=false --v=1
  wait_for 90 kube-apiserver kctl get --raw /readyz

  start kube-controller-manager "$KUBE_BIN_DIR/kube-controller-manager" --kubeconfig "$CLUSTER_DIR/controller-manager.kubeconfig" \
    --authentication-kubeconfig "$CLUSTER_DIR/controller-manager.kubeconfig" \
    --authorization-kubeconfig "$CLUSTER_DIR/controller-manager.kubeconfig" \
    --bind-address 127.0.0.1 --leader-elect=false --use-service-account-credentials=true \
    --service-account-private-key-file "$PKI/sa.key" --root-ca-file "$PKI/ca.crt" \
    --cluster-signing-cert-file "$PKI/ca.crt" --cluster-signing-key-file "$PKI/ca.key" \
    --allocate-node-cidrs=true --cluster-cidr "$CLUSTER_CIDR" --node-cidr-mask-size 24 --service-cluster-ip-range "$SVC_CIDR" \
    --profiling=false --v=1
  start kube-scheduler "$KUBE_BIN_DIR/kube-scheduler" --kubeconfig "$CLUSTER_DIR/scheduler.kubeconfig" \
    --authentication-kubeconfig "$CLUSTER_DIR/scheduler.kubeconfig" --authorization-kubeconfig "$CLUSTER_DIR/scheduler.kubeconfig" \
    --bind-address 127.0.0.1 --leader-elect=false --profiling=false --v=1
}

start_containerd() {
  local dir=$CLUSTER_DIR/containerd r
  mkdir -p "$dir" "$CLUSTER_DIR/cni/net.d" "$CLUSTER_DIR/cni/ipam"
  cat >"$dir/config.toml" <<EOF
version = 2
root = "$dir/root"
state = "$dir/state"
disabled_plugins = ["io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs",
  "io.containerd.snapshotter.v1.devmapper", "io.containerd.snapshotter.v1.aufs"]
[grpc]
  address = "$CSOCK"
[ttrpc]
  address = "$CSOCK.ttrpc"
[plugins."io.containerd.internal.v1.opt"]
  path = "$dir/opt"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "imagesearch.local/pause:3.10"
  stream_server_address = "127.0.0.1"
  stream_server_port = "0"
  enable_selinux = false
  # This machine's root lacks CAP_SYS_RESOURCE, so oom_score_adj may not be lowered; without this
  # every sandbox fails with "runc create failed: can't get final child's PID from pipe: EOF".
  restrict_oom_score_adj = true
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
        BinaryName = "/usr/sbin/runc"
        Root = "$dir/runc"
  [plugins."io.containerd.grpc.v1.cri".registry]
    # No registry is ever reachable: every pull of a missing image goes to a closed loopback port.
    config_path = "$dir/certs.d"
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$CLUSTER_DIR/cni/net.d"
EOF
  for r in _default imagesearch.local docker.io registry.k8s.io ghcr.io quay.io gcr.io; do
    mkdir -p "$dir/certs.d/$r"
    printf 'server = "http://127.0.0.1:1"\n[host."http://127.0.0.1:1"]\n  capabilities = ["pull", "resolve"]\n' \
      >"$dir/certs.d/$r/hosts.toml"
  done
  # One bridge, host-local addresses; no masquerading (pods never leave the machine).
  cat >"$CLUSTER_DIR/cni/net.d/10-$CNI_NETWORK.conflist" <<EOF
{
  "cniVersion": "0.4.0",
  "name": "$CNI_NETWORK",
  "plugins": [
    {"type": "bridge", "bridge": "cni0", "isGateway": true, "ipMasq": false, "hairpinMode": true,
     "ipam": {"type": "host-local", "dataDir": "$CLUSTER_DIR/cni/ipam",
              "ranges": [[{"subnet": "$POD_CIDR", "gateway": "$POD_GATEWAY"}]],
              "routes": [{"dst": "0.0.0.0/0"}]}}
  ]
}
EOF
  start containerd /usr/bin/containerd --config "$dir/config.toml"
  wait_for 30 containerd ctr --address "$CSOCK" version
}

# The base images (built or refreshed by tools/images.sh; seconds when cached), imported before
# kubelet starts so no pod ever tries a pull. Imports copy the blobs only (--no-unpack): the CRI
# unpacks an image into a snapshot when a container first uses it, so images no test runs cost
# nothing more (a whole-set unpack doubled the disk writes of `up`).
import_base_images() {
  local tars start=$SECONDS
  tars=$("$ROOT_DIR/tools/images.sh" base 2>"$LOGS/images.log") || die "building the base images failed: see $LOGS/images.log"
  # shellcheck disable=SC2086
  load_images $tars
  say "base images imported in $((SECONDS - start))s"
}

load_images() { # TAR...: in parallel, each logged
  local t pids=() failed=0
  for t in "$@"; do
    [ -f "$t" ] || die "no such image archive: $t"
    (cctl images import --no-unpack "$t" >>"$LOGS/ctr-import.log" 2>&1 || { say "import of $t failed (see $LOGS/ctr-import.log)"; exit 1; }) &
    pids+=($!)
  done
  for t in "${pids[@]}"; do wait "$t" || failed=1; done
  [ $failed -eq 0 ] || die "an image import failed"
}

start_kubelet() {
  mkdir -p "$CLUSTER_DIR/kubelet" "$CLUSTER_DIR/pod-logs"
  # No reservations: the control plane runs beside the kubelet on the same two cores. Image GC is
  # off: an image removed here could not be pulled back. cgroup v1 is allowed explicitly.
  cat >"$CLUSTER_DIR/kubelet/config.yaml" <<EOF
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: $NODE_IP
healthzBindAddress: 127.0.0.1
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: true}
  x509: {clientCAFile: $PKI/ca.crt}
authorization: {mode: Webhook}
tlsCertFile: $PKI/kubelet-serving.crt
tlsPrivateKeyFile: $PKI/kubelet-serving.key
cgroupDriver: cgroupfs
failCgroupV1: false
failSwapOn: false
containerRuntimeEndpoint: unix://$CSOCK
clusterDNS: [$DNS_IP]
clusterDomain: cluster.local
resolvConf: $CLUSTER_DIR/resolv.conf
rotateCertificates: false
serverTLSBootstrap: false
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
evictionHard: {memory.available: 100Mi, nodefs.available: 2%, imagefs.available: 2%, nodefs.inodesFree: 2%}
maxPods: 60
podLogsDir: $CLUSTER_DIR/pod-logs
EOF
  start kubelet "$KUBE_BIN_DIR/kubelet" --config "$CLUSTER_DIR/kubelet/config.yaml" \
    --kubeconfig "$CLUSTER_DIR/kubelet.kubeconfig" --root-dir "$CLUSTER_DIR/kubelet" --cert-dir "$CLUSTER_DIR/kubelet/pki" \
    --hostname-override "$NODE_NAME" --node-ip "$NODE_IP" --v=1
  wait_for 120 "node $NODE_NAME" sh -c "kubectl --kubeconfig '$KUBECONFIG_ADMIN' get node $NODE_NAME \
    -o jsonpath='{.status.conditions[?(@.type==\"Ready\")].status}' | grep -qx True"
}

start_kube_proxy() {
  cat >"$CLUSTER_DIR/kube-proxy.yaml" <<EOF
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
clientConnection: {kubeconfig: $CLUSTER_DIR/kube-proxy.kubeconfig}
mode: iptables
clusterCIDR: $CLUSTER_CIDR
hostnameOverride: $NODE_NAME
bindAddress: $NODE_IP
healthzBindAddress: 127.0.0.1:10256
metricsBindAddress: 127.0.0.1:10249
nodePortAddresses: ["$NODE_IP/32"]
conntrack: {maxPerCore: 0, tcpEstablishedTimeout: 0s, tcpCloseWaitTimeout: 0s}
EOF
  start kube-proxy "$KUBE_BIN_DIR/kube-proxy" --config "$CLUSTER_DIR/kube-proxy.yaml" --v=1
  wait_for 60 kube-proxy curl -sf http://127.0.0.1:10256/healthz
}

apply_addons() {
  kctl apply -f - >/dev/null <<EOF
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: standard
  annotations: {storageclass.kubernetes.io/is-default-class: "true"}
provisioner: $PROVISIONER
reclaimPolicy: Delete
volumeBindingMode: Immediate
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: coredns, namespace: kube-system}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: "system:coredns"}
rules:
- apiGroups: [""]
  resources: [endpoints, services, pods, namespaces]
  verbs: [list, watch]
- apiGroups: [discovery.k8s.io]
  resources: [endpointslices]
  verbs: [list, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: "system:coredns"}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: "system:coredns"}
subjects: [{kind: ServiceAccount, name: coredns, namespace: kube-system}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: coredns, namespace: kube-system}
data:
  Corefile: |
    cluster.local:53 in-addr.arpa:53 ip6.arpa:53 {
        errors
        health :8080
        ready :8181
        kubernetes cluster.local in-addr.arpa ip6.arpa {
            pods insecure
        }
        cache 30
        loadbalance
    }
    # No upstream: every other name is NXDOMAIN, never forwarded off the machine. The catch-all
    # needs its own server block: template runs before kubernetes in CoreDNS's plugin order.
    .:53 {
        errors
        template ANY ANY {
            rcode NXDOMAIN
        }
    }
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: coredns, namespace: kube-system, labels: {k8s-app: kube-dns}}
spec:
  replicas: 1
  selector: {matchLabels: {k8s-app: kube-dns}}
  template:
    metadata: {labels: {k8s-app: kube-dns}}
    spec:
      serviceAccountName: coredns
      dnsPolicy: Default
      priorityClassName: system-cluster-critical
      containers:
      - name: coredns
        image: imagesearch.local/coredns:1.14.7
        imagePullPolicy: Never
        args: ["-conf", "/etc/coredns/Corefile"]
        resources: {requests: {cpu: 10m, memory: 32Mi}, limits: {memory: 128Mi}}
        securityContext:
          allowPrivilegeEscalation: false
          readOnlyRootFilesystem: true
          capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}
        volumeMounts: [{name: config, mountPath: /etc/coredns, readOnly: true}]
        ports:
        - {containerPort: 53, name: dns, protocol: UDP}
        - {containerPort: 53, name: dns-tcp, protocol: TCP}
        readinessProbe: {httpGet: {path: /ready, port: 8181}, periodSeconds: 2}
        livenessProbe: {httpGet: {path: /health, port: 8080}, periodSeconds: 10}
      volumes:
      - name: config
        configMap: {name: coredns, items: [{key: Corefile, path: Corefile}]}
---
apiVersion: v1
kind: Service
metadata: {name: kube-dns, namespace: kube-system, labels: {k8s-app: kube-dns}}
spec:
  clusterIP: $DNS_IP
  selector: {k8s-app: kube-dns}
  ports:
  - {name: dns, port: 53, protocol: UDP}
  - {name: dns-tcp, port: 53, protocol: TCP}
EOF
  start provisioner "$ROOT_DIR/tools/cluster.sh" _provisioner
  wait_for 120 CoreDNS kctl -n kube-system rollout status deploy/coredns --timeout=1s
}

up() {
  check_prerequisites
  if [ -f "$CLUSTER_DIR/$MARKER" ]; then
    if running kube-apiserver && running kubelet && kctl get --raw /readyz >/dev/null 2>&1; then
      say "already up (tools/cluster.sh down first for a fresh cluster)"
      return 0
    fi
    say "stale state in $CLUSTER_DIR: cleaning up first"
    down
    T0=$SECONDS
  fi
  if [ -d "$CLUSTER_DIR" ] && [ -n "$(ls -A "$CLUSTER_DIR")" ] && [ ! -f "$CLUSTER_DIR/$MARKER" ]; then
    die "$CLUSTER_DIR is not empty and not a cluster folder; set CLUSTER_DIR or remove it"
  fi
  mkdir -p "$CLUSTER_DIR" "$PIDS" "$LOGS"
  touch "$CLUSTER_DIR/$MARKER"
  # Anything that fails from here on leaves state that the next `up` or `down` clears.
  setup_host_network
  write_pki
  start_control_plane
  start_containerd
  import_base_images
  start_kubelet
  start_kube_proxy
  apply_addons
  say "cluster up in $((SECONDS - T0))s: export KUBECONFIG=$KUBECONFIG_ADMIN (or: eval \"\$(tools/cluster.sh env)\")"
}

# ---------------------------------------------------------------------------------------------
# The volume provisioner: a default StorageClass whose claims get a fresh host directory
# (mode 0777, so any uid writes to it: hostPath volumes get no fsGroup ownership change) under
# $CLUSTER_DIR/volumes, pre-bound to the claim. A released volume (its claim deleted) is deleted
# with its directory. kube-controller-manager's own hostPath provisioner cannot serve the pods:
# it creates root-owned 0750 directories under /tmp.
# ---------------------------------------------------------------------------------------------

reconcile_volumes() {
  local vols=$CLUSTER_DIR/volumes ns name uid size modes mode vol phase path policy
  mkdir -p "$vols"
  kctl get pvc -A -o jsonpath='{range .items[?(@.status.phase=="Pending")]}{.metadata.namespace}|{.metadata.name}|{.metadata.uid}|{.spec.storageClassName}|{.spec.resources.requests.storage}|{.spec.accessModes}|{.spec.volumeMode}|{.spec.volumeName}|{.metadata.annotations.volume\.kubernetes\.io/storage-provisioner}{"\n"}{end}' |
    while IFS='|' read -r ns name uid class size modes mode vol prov; do
      [ "$prov" = "$PROVISIONER" ] && [ -z "$vol" ] && [ "$mode" != Block ] || continue
      kctl get pv "pvc-$uid" >/dev/null 2>&1 && continue
      mkdir -p "$vols/pvc-$uid"
      chmod 0777 "$vols/pvc-$uid"
      kctl create -f - >/dev/null <<EOF && echo "provisioned pvc-$uid for $ns/$name ($size)"
apiVersion: v1
kind: PersistentVolume
metadata:
  name: pvc-$uid
  labels: {imagesearch.local/host-dir: "true"}
  annotations: {pv.kubernetes.io/provisioned-by: $PROVISIONER}
spec:
  capacity: {storage: "$size"}
  accessModes: $modes
  persistentVolumeReclaimPolicy: Delete
  storageClassName: "$class"
  volumeMode: Filesystem
  claimRef: {namespace: "$ns", name: "$name", uid: "$uid"}
  hostPath: {path: "$vols/pvc-$uid", type: Directory}
EOF
    done
  kctl get pv -l imagesearch.local/host-dir -o jsonpath='{range .items[*]}{.metadata.name}|{.status.phase}|{.spec.hostPath.path}|{.spec.persistentVolumeReclaimPolicy}{"\n"}{end}' |
    while IFS='|' read -r name phase path policy; do
      [ "$phase" = Released ] && [ "$policy" = Delete ] && [ "$path" = "$vols/$name" ] || continue
      rm -rf --one-file-system "$path"
      kctl delete pv "$name" --wait=false >/dev/null && echo "deleted $name and its directory"
    done
}

# Runs until `down` ends its session: a pass on every claim or volume change, and every 30 s.
provisioner() {
  while :; do
    reconcile_volumes || true
    { kctl get pvc -A --watch-only -o name & kctl get pv --watch-only -o name & wait; } 2>/dev/null |
      while :; do
        if read -r -t 30 _; then
          while read -r -t 0.3 _; do :; done # one pass for a burst of events
        elif [ $? -le 128 ]; then
          break # the watches ended
        fi
        reconcile_volumes || true
      done
    sleep 1
  done
}

# ---------------------------------------------------------------------------------------------
# down
# ---------------------------------------------------------------------------------------------

stop() { # name: TERM to its session, KILL after 10 s
  local f=$PIDS/$1 pid i t=$SECONDS
  [ -f "$f" ] || return 0
  pid=$(cat "$f")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 40; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$f"
  say "stopped $1 ($((SECONDS - t))s)"
}

stop_together() { # name...: stop several at once (each takes a second or two to exit)
  local n pids=()
  for n in "$@"; do stop "$n" & pids+=($!); done
  wait "${pids[@]}"
}

remove_chains() { # iptables|ip6tables: every KUBE-*, CNI-* and guard chain with the rules that jump to them
  local ipt=$1 table chains c
  for table in filter nat mangle raw; do
    chains=$($ipt -t "$table" -S 2>/dev/null | awk -v g="$GUARD" '$1 == "-N" && ($2 ~ /^(KUBE-|CNI-)/ || $2 == g || $2 == g "-OUT") {print $2}')
    [ -n "$chains" ] || continue
    for c in $chains; do
      $ipt -t "$table" -S 2>/dev/null | grep -E -- "-j $c( |\$)" | grep -v -- "^-A $c " | sed 's/^-A /-D /' |
        while read -r rule; do eval "$ipt -t $table $rule" 2>/dev/null || true; done
    done
    for c in $chains; do $ipt -t "$table" -F "$c" 2>/dev/null || true; done
    for c in $chains; do $ipt -t "$table" -X "$c" 2>/dev/null || true; done
  done
}

down() {
  local start=$SECONDS t n d m
  set +e # best effort from here on: every step runs even if an earlier one found nothing to do
  if [ ! -d "$CLUSTER_DIR" ]; then say "nothing to stop ($CLUSTER_DIR does not exist)"; return 0; fi
  [ -f "$CLUSTER_DIR/$MARKER" ] || [ -z "$(ls -A "$CLUSTER_DIR")" ] ||
    die "$CLUSTER_DIR is not a cluster folder (no $MARKER); refusing to remove it"
  stop_together provisioner kube-proxy kubelet
  # Pod containers: kill every task, then containerd and its shims (reparented to init; each
  # carries our unique socket path on its command line).
  if [ -S "$CSOCK" ] && running containerd; then
    for t in $(cctl tasks ls -q 2>/dev/null); do cctl tasks kill -s KILL "$t" >/dev/null 2>&1 || true; done
    for ((n = 0; n < 20; n++)); do
      cctl tasks ls 2>/dev/null | awk 'NR > 1 && $3 == "RUNNING"' | grep -q . || break
      sleep 0.25
    done
    for t in $(cctl tasks ls -q 2>/dev/null); do cctl tasks delete -f "$t" >/dev/null 2>&1 || true; done
  fi
  say "pod containers killed"
  stop_together containerd kube-scheduler kube-controller-manager kube-apiserver
  for d in /proc/[0-9]*; do
    if tr '\0' ' ' <"$d/cmdline" 2>/dev/null | grep -q -- "containerd-shim.* -address $CSOCK"; then kill -KILL "${d#/proc/}" 2>/dev/null || true; fi
  done
  stop etcd
  # Host-side state the processes leave: kube-proxy's rules (its own cleanup first), mounts under
  # the folder (deepest first), the pods' network namespaces, kubelet's cgroups, interfaces.
  "$KUBE_BIN_DIR/kube-proxy" --cleanup >/dev/null 2>&1 || true
  for ((n = 0; n < 3; n++)); do
    findmnt -rn -o TARGET | grep -F "$CLUSTER_DIR/" | sort -r | while read -r m; do umount -l "$m" 2>/dev/null || true; done
  done
  for n in $(ls /run/netns 2>/dev/null); do
    case "$n" in cni-*) ;; *) continue ;; esac
    if ! grep -qx "$n" "$CLUSTER_DIR/netns.before" 2>/dev/null; then
      umount -l "/run/netns/$n" 2>/dev/null || true
      rm -f "/run/netns/$n"
    fi
  done
  for d in /sys/fs/cgroup/*/kubepods /sys/fs/cgroup/kubepods; do
    [ -d "$d" ] && find "$d" -depth -type d -exec rmdir {} \; 2>/dev/null || true
  done
  for n in $(ip -o link show master cni0 2>/dev/null | awk -F': ' '{print $2}' | cut -d@ -f1); do ip link del "$n" 2>/dev/null || true; done
  ip link del cni0 2>/dev/null || true
  ip link del knode0 2>/dev/null || true
  remove_chains iptables
  remove_chains ip6tables
  if [ -f "$CLUSTER_DIR/sysctl.saved" ]; then
    while read -r kv; do sysctl -qw "$kv" 2>/dev/null || say "could not restore $kv"; done <"$CLUSTER_DIR/sysctl.saved"
  fi
  # Outside the folder: the CNI result cache and shim sockets (entries new since `up`), kubelet's
  # log links and device-plugin socket (fixed paths), then the folders `up` saw absent, if empty.
  for n in $(ls /var/lib/cni/results 2>/dev/null); do
    grep -qx "$n" "$CLUSTER_DIR/cni-results.before" 2>/dev/null || rm -f "/var/lib/cni/results/$n"
  done
  for n in $(ls /run/containerd/s 2>/dev/null); do
    grep -qx "$n" "$CLUSTER_DIR/shim-sockets.before" 2>/dev/null || rm -f "/run/containerd/s/$n"
  done
  find /var/log/containers -maxdepth 1 -type l -lname "$CLUSTER_DIR/*" -delete 2>/dev/null
  if [ -f "$CLUSTER_DIR/host-paths.created" ]; then
    grep -qx /var/lib/kubelet "$CLUSTER_DIR/host-paths.created" && rm -f /var/lib/kubelet/device-plugins/kubelet.sock
    tac "$CLUSTER_DIR/host-paths.created" | while read -r d; do
      [ -d "$d" ] && find "$d" -depth -type d -empty -delete 2>/dev/null
    done
  fi
  if findmnt -rn -o TARGET | grep -qF "$CLUSTER_DIR/"; then
    die "mounts under $CLUSTER_DIR remain (findmnt | grep $CLUSTER_DIR); not removing it"
  fi
  rm -rf --one-file-system "$CLUSTER_DIR"
  say "down in $((SECONDS - start))s: processes, mounts, namespaces, interfaces, iptables chains and $CLUSTER_DIR removed"
}

status() {
  local n ok=1
  if [ ! -f "$CLUSTER_DIR/$MARKER" ]; then echo "no cluster (tools/cluster.sh up starts one)"; return 1; fi
  for n in etcd kube-apiserver kube-controller-manager kube-scheduler containerd kubelet kube-proxy provisioner; do
    if running "$n"; then printf '%-24s running (pid %s)\n' "$n" "$(cat "$PIDS/$n")"; else printf '%-24s NOT running\n' "$n"; fi
  done
  if kctl get --raw /readyz >/dev/null 2>&1; then
    echo "API server https://$NODE_IP:$API_PORT ready; KUBECONFIG=$KUBECONFIG_ADMIN"
    kctl get nodes -o wide --no-headers 2>/dev/null | sed 's/^/node: /'
    kctl get pods -A --no-headers 2>/dev/null | sed 's/^/pod: /'
    ok=0
  else
    echo "API server https://$NODE_IP:$API_PORT not answering (logs: $LOGS/)"
  fi
  return $ok
}

print_env() {
  cat <<EOF
export CLUSTER_DIR=$CLUSTER_DIR
export KUBECONFIG=$KUBECONFIG_ADMIN
export PATH=$KUBE_BIN_DIR:\$PATH
export CLUSTER_API_SERVER=https://$NODE_IP:$API_PORT
export CLUSTER_NODE_IP=$NODE_IP
export CONTAINERD_ADDRESS=$CSOCK
export CONTAINERD_NAMESPACE=k8s.io
export CLUSTER_IMAGES_DIR=$("$ROOT_DIR/tools/images.sh" path pause | xargs dirname)
EOF
}

case "${1:-}" in
  up) up ;;
  down) [ "$(id -u)" -eq 0 ] || die "down needs root"; down ;;
  status) status ;;
  load)
    shift
    [ $# -gt 0 ] || die "usage: $0 load TAR..."
    [ -S "$CSOCK" ] && running containerd || die "the cluster is not up: tools/cluster.sh up"
    start=$SECONDS
    load_images "$@"
    say "imported $* in $((SECONDS - start))s"
    ;;
  env) print_env ;;
  _provisioner) provisioner ;;
  *) echo "usage: $0 up | down | status | load TAR... | env" >&2; exit 2 ;;
esac
