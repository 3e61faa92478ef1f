# The cluster's DNS: the CoreDNS binary tools/testenv.sh builds from its Go module (static), alone.
REF=imagesearch.local/coredns:1.14.7
INPUTS=("$COREDNS_BIN")
IMAGE_ARGS=(--entrypoint '["/coredns"]' --port 53)

layer() {
  install -m 0755 "$COREDNS_BIN" "$1/coredns"
}
