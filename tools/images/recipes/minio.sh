# MinIO: the binary tools/testenv.sh builds from its Go module, on a small Debian layer. The
# operator passes `server /data` as args and MINIO_ROOT_USER/PASSWORD, HOME=/tmp as env.
REF=imagesearch.local/minio:dev
SUITE=bookworm
PACKAGES=(ca-certificates)
INPUTS=("$MINIO_BIN")
IMAGE_ARGS=(--entrypoint '["minio"]' --cmd '["server","/data"]' --env HOME=/tmp --port 9000)

customize() {
  mkdir -p "$1/data"
  chmod 0777 "$1/data"
}

layer() { # the binary in its own layer: a new MinIO build does not rebuild the Debian layer
  install -D -m 0755 "$MINIO_BIN" "$1/usr/local/bin/minio"
  strip "$1/usr/local/bin/minio"
}
