# The Java runtime every service image and the operator image start from (Jib's tar:// base).
REF=imagesearch.local/jre:21
SUITE=trixie
PACKAGES=(openjdk-21-jre-headless ca-certificates)
# HOME=/tmp: the pods run as a uid that may have no passwd entry and a read-only root filesystem
# with a writable /tmp (operator/.../PodSecurity.java); Java takes user.home from $HOME then.
IMAGE_ARGS=(--env JAVA_HOME=/usr/lib/jvm/java-21-openjdk-amd64 --env HOME=/tmp --env LANG=C.UTF-8
  --cmd '["java","-version"]')

customize() { # ROOTFS
  # Named users for the uids the project runs Java as (Jib's 65532 with gid 0, the operator's
  # 10001), so tools that look the user up find one; any other uid works through HOME.
  grep -q '^nonroot:' "$1/etc/passwd" || echo 'nonroot:x:65532:0:nonroot:/tmp:/usr/sbin/nologin' >>"$1/etc/passwd"
  grep -q '^imagesearch:' "$1/etc/group" || echo 'imagesearch:x:10001:' >>"$1/etc/group"
  grep -q '^imagesearch:' "$1/etc/passwd" || echo 'imagesearch:x:10001:10001:imagesearch:/tmp:/usr/sbin/nologin' >>"$1/etc/passwd"
}
