# TEST STAND-IN for the Milvus server image (milvusdb/milvus), NOT Milvus: Milvus Lite from PyPI
# serving the Milvus gRPC API on 19530, plus /healthz on 9091 like the real image, so the
# operator's StatefulSet (args `milvus run standalone`, uid 1000, PVC on /var/lib/milvus, probes
# on 9091) runs unchanged in the test cluster. Same versions as tools/testenv.sh.
REF=imagesearch.local/milvus-lite-standin:3.2.2
SUITE=bookworm
PACKAGES=(python3 python3-venv ca-certificates)
MILVUS_LITE_VERSION=3.2.2
PYMILVUS_VERSION=3.0.2
INPUTS=("$IMAGES_SRC/milvus-standin.py")
IMAGE_ARGS=(--entrypoint '["/usr/local/bin/milvus-standin"]' --cmd '["milvus","run","standalone"]'
  --env HOME=/tmp --env PYTHONUNBUFFERED=1 --env PYTHONDONTWRITEBYTECODE=1 --port 19530 --port 9091
  --label io.imagesearch.test-stand-in=milvus-lite)

customize() {
  local root=$1
  # pip runs inside the new root file system (its own python3), with the host's name resolution
  # and CA bundle for PyPI; both are removed again. PIP_* of the host do not leak in.
  cp /etc/resolv.conf "$root/etc/resolv.conf"
  cp /etc/ssl/certs/ca-certificates.crt "$root/tmp/host-ca.crt"
  chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
    sh -c "python3 -m venv /opt/milvus-lite && /opt/milvus-lite/bin/pip install -q --no-cache-dir \
      --disable-pip-version-check --cert /tmp/host-ca.crt \
      milvus-lite==$MILVUS_LITE_VERSION pymilvus==$PYMILVUS_VERSION"
  rm -f "$root/tmp/host-ca.crt"
  : >"$root/etc/resolv.conf"
  mkdir -p "$root/var/lib/milvus"
  chmod 0777 "$root/var/lib/milvus"
}

layer() {
  install -D -m 0755 "$IMAGES_SRC/milvus-standin.py" "$1/usr/local/bin/milvus-standin"
}
