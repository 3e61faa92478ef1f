#!/usr/bin/env python3
"""Packs layers into one image archive without a registry or a daemon (Python stdlib only).

  mkimage.py OUT.tar NAME:TAG --layer ROOTFS.tar|DIR [--layer ...] [--entrypoint JSON] [--cmd JSON]
             [--env K=V ...] [--workdir DIR] [--user UID[:GID]] [--port N ...] [--label K=V ...]

The archive is at the same time
  * an OCI image layout (oci-layout, index.json, blobs/sha256/...), which `ctr images import` reads,
    the image name being the index's io.containerd.image.name annotation, and
  * a `docker save` archive (manifest.json with RepoTags pointing at the same blobs), which Jib's
    `tar://` base images and `docker load` read.
Layers are stored uncompressed (an import into containerd then costs no decompression). A layer
given as a directory is archived with root ownership, sorted names and fixed times, so the same
files give the same digest.
"""
import argparse
import hashlib
import io
import json
import os
import subprocess
import tarfile
import tempfile

EPOCH = "1970-01-01T00:00:00Z"  # image config times are fixed: equal inputs give equal digests
DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


def digest_of_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest(), os.path.getsize(path)


def dir_to_tar(directory, out):
    subprocess.check_call(
        ["tar", "--sort=name", "--mtime=@0", "--owner=0", "--group=0", "--numeric-owner",
         "-C", directory, "-cf", out, "."])


def full_name(name):
    """docker.io/library/x:t for short names, as containerd's importer expects a full reference."""
    first = name.split("/", 1)[0]
    if "/" in name and ("." in first or ":" in first or first == "localhost"):
        return name
    return ("docker.io/" if "/" in name else "docker.io/library/") + name


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("name", help="NAME:TAG, e.g. imagesearch.local/jre:21")
    ap.add_argument("--layer", action="append", default=[], required=True)
    ap.add_argument("--entrypoint")
    ap.add_argument("--cmd")
    ap.add_argument("--env", action="append", default=[])
    ap.add_argument("--workdir", default="/")
    ap.add_argument("--user", default="")
    ap.add_argument("--port", action="append", default=[])
    ap.add_argument("--label", action="append", default=[])
    a = ap.parse_args()
    if ":" not in a.name.rsplit("/", 1)[-1]:
        ap.error("NAME needs a tag (NAME:TAG)")

    out_dir = os.path.dirname(os.path.abspath(a.out))
    tmp = tempfile.mkdtemp(prefix=".mkimage-", dir=out_dir)
    try:
        layers = []  # (file, digest, size)
        for i, layer in enumerate(a.layer):
            if os.path.isdir(layer):
                packed = os.path.join(tmp, f"layer{i}.tar")
                dir_to_tar(layer, packed)
                layer = packed
            layers.append((layer, *digest_of_file(layer)))

        env = [DEFAULT_PATH] + a.env if not any(e.startswith("PATH=") for e in a.env) else list(a.env)
        config = {"Env": env, "WorkingDir": a.workdir}
        if a.entrypoint:
            config["Entrypoint"] = json.loads(a.entrypoint)
        if a.cmd:
            config["Cmd"] = json.loads(a.cmd)
        if a.user:
            config["User"] = a.user
        if a.port:
            config["ExposedPorts"] = {f"{p}/tcp": {} for p in a.port}
        if a.label:
            config["Labels"] = dict(kv.split("=", 1) for kv in a.label)
        image_config = {
            "created": EPOCH, "architecture": "amd64", "os": "linux", "config": config,
            "rootfs": {"type": "layers", "diff_ids": [f"sha256:{d}" for _, d, _ in layers]},
            "history": [{"created": EPOCH, "created_by": "tools/images/mkimage.py"} for _ in layers],
        }
        config_bytes = json.dumps(image_config, separators=(",", ":"), sort_keys=True).encode()
        config_digest = hashlib.sha256(config_bytes).hexdigest()
        manifest = {
            "schemaVersion": 2,
            "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "config": {"mediaType": "application/vnd.oci.image.config.v1+json",
                       "digest": f"sha256:{config_digest}", "size": len(config_bytes)},
            "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar", "digest": f"sha256:{d}", "size": s}
                       for _, d, s in layers],
        }
        manifest_bytes = json.dumps(manifest, separators=(",", ":"), sort_keys=True).encode()
        manifest_digest = hashlib.sha256(manifest_bytes).hexdigest()
        tag = a.name.rsplit(":", 1)[1]
        index = {
            "schemaVersion": 2,
            "mediaType": "application/vnd.oci.image.index.v1+json",
            "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json",
                           "digest": f"sha256:{manifest_digest}", "size": len(manifest_bytes),
                           "annotations": {"io.containerd.image.name": full_name(a.name),
                                           "org.opencontainers.image.ref.name": tag}}],
        }
        docker_manifest = [{"Config": f"blobs/sha256/{config_digest}", "RepoTags": [a.name],
                            "Layers": [f"blobs/sha256/{d}" for _, d, _ in layers]}]

        def add_bytes(t, name, data):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mode = 0o644
            t.addfile(info, io.BytesIO(data))

        partial = os.path.join(tmp, "image.tar")
        with tarfile.open(partial, "w", format=tarfile.PAX_FORMAT) as t:
            for d in ("blobs", "blobs/sha256"):
                info = tarfile.TarInfo(d)
                info.type, info.mode = tarfile.DIRTYPE, 0o755
                t.addfile(info)
            add_bytes(t, "oci-layout", b'{"imageLayoutVersion":"1.0.0"}')
            add_bytes(t, f"blobs/sha256/{config_digest}", config_bytes)
            add_bytes(t, f"blobs/sha256/{manifest_digest}", manifest_bytes)
            seen = set()
            for path, d, _ in layers:
                if d not in seen:
                    seen.add(d)
                    info = t.gettarinfo(path, f"blobs/sha256/{d}")
                    info.uid = info.gid = 0
                    info.uname = info.gname = ""
                    info.mtime = 0
                    info.mode = 0o644
                    with open(path, "rb") as f:
                        t.addfile(info, f)
            add_bytes(t, "index.json", json.dumps(index, sort_keys=True).encode())
            add_bytes(t, "manifest.json", json.dumps(docker_manifest).encode())
        os.replace(partial, a.out)  # atomic: a reader never sees half an archive
        print(f"{a.out}: {full_name(a.name)} sha256:{manifest_digest}")
    finally:
        for f in os.listdir(tmp):
            os.remove(os.path.join(tmp, f))
        os.rmdir(tmp)


if __name__ == "__main__":
    main()
