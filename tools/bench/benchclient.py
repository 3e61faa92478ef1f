"""HTTP client pieces shared by the benchmark drivers (standard library and curl only): image
selection, requests, batch upload through the API, waiting for tasks."""
import datetime as dt
import json
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

EXTS = (".jpg", ".jpeg", ".png", ".webp", ".bmp", ".gif")


def images(folder, exts=EXTS):
    # Same selection and order as EmbedderThroughput (recursive, by extension, sorted by path).
    return sorted(p for p in Path(folder).rglob("*") if p.suffix.lower() in exts)


# Sent with every request once use_api_key() was called (the embedded app wants a key on every route
# but health; see docs/SECURITY.md).
_AUTH = {}


def use_api_key(key):
    """Sends `key` as `Authorization: Bearer <key>` with every request from now on."""
    _AUTH.clear()
    if key:
        _AUTH["Authorization"] = f"Bearer {key}"


def auth_headers():
    return dict(_AUTH)


def http(method, url, headers=None, timeout=30):
    """(status, headers, body); an HTTP error status is returned, not raised."""
    req = urllib.request.Request(url, method=method, headers={**_AUTH, **(headers or {})})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def get_json(base, path):
    status, _, body = http("GET", base + path)
    if status != 200:
        raise RuntimeError(f"GET {path} answered {status}: {body[:300]!r}")
    return json.loads(body)


def upload(base, files, per_request):
    """POST /api/v1/images with several files per request (curl builds the multipart body);
    returns the task ids, in order."""
    tasks = []
    for i in range(0, len(files), per_request):
        cmd = ["curl", "-sS", "-o", "-", "-w", "\n%{http_code}", f"{base}/api/v1/images"]
        for name, value in _AUTH.items():
            cmd += ["-H", f"{name}: {value}"]
        for f in files[i:i + per_request]:
            cmd += ["-F", f"files=@{f}"]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        body, _, code = out.rpartition("\n")
        if code != "202":
            raise RuntimeError(f"upload answered {code}: {body[:500]}")
        r = json.loads(body)
        if r.get("rejected"):
            raise RuntimeError(f"rejected files: {r['rejected']}")
        tasks += [a["task_id"] for a in r["accepted"]]
    return tasks


def wait_tasks(base, task_ids, timeout=1800):
    """Polls /api/v1/tasks until every task is SUCCESS or FAILURE; raises if any failed, returns
    their views otherwise."""
    want = set(task_ids)
    deadline = time.monotonic() + timeout
    while True:
        status, _, body = http("GET", f"{base}/api/v1/tasks?limit=1000")
        views = {t["task_id"]: t for t in json.loads(body) if t["task_id"] in want} if status == 200 else {}
        done = [t for t in views.values() if t["status"] in ("SUCCESS", "FAILURE")]
        if len(done) == len(want):
            failed = [t for t in done if t["status"] != "SUCCESS"]
            if failed:
                raise RuntimeError(f"{len(failed)} tasks failed: {failed[:2]}")
            return list(views.values())
        if time.monotonic() > deadline:
            raise RuntimeError(f"only {len(done)} of {len(want)} tasks finished")
        time.sleep(0.1)


def iso(s):
    return dt.datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()
