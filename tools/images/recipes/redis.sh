# Redis 7 from Debian. The operator runs it as uid 999 with its whole command line as args
# (`redis-server --appendonly yes ... --dir /data`), so the image has no entrypoint and
# redis-server is on PATH; nothing in it drops privileges.
REF=imagesearch.local/redis:7
SUITE=bookworm
PACKAGES=(redis-server)
IMAGE_ARGS=(--cmd '["redis-server"]' --port 6379 --workdir /data)

customize() {
  mkdir -p "$1/data"
  chmod 0777 "$1/data"
}
