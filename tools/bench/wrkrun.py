"""wrk runs shared by the delivery benchmarks: a Lua script that cycles through a list of paths
(optionally conditional on their ETags) and the parsing of wrk's --latency report."""
import os
import re
import subprocess
from pathlib import Path

LUA = r'''
-- Cycles through "path etag" lines of WRK_LIST; with WRK_304=1 sends If-None-Match with that etag,
-- besides the -H headers of the command line (wrk.format uses wrk.headers only when given none).
local paths, etags = {}, {}
for line in io.lines(os.getenv("WRK_LIST")) do
  local p, e = line:match("^(%S+)%s+(.+)$")
  paths[#paths + 1] = p
  etags[#etags + 1] = e
end
local conditional = os.getenv("WRK_304") == "1"
local i = math.random(#paths)
request = function()
  i = i % #paths + 1
  if conditional then
    local headers = {}
    for name, value in pairs(wrk.headers) do headers[name] = value end
    headers["If-None-Match"] = etags[i]
    return wrk.format("GET", paths[i], headers)
  end
  return wrk.format("GET", paths[i])
end
'''

_UNIT_MS = {"us": 1e-3, "ms": 1, "s": 1e3}


def run(port, list_file, conditional, duration, *, threads, connections, headers, script_dir):
    """Runs wrk against 127.0.0.1:port over the "path etag" lines of list_file; the parsed report."""
    script = Path(script_dir) / "wrk-paths.lua"
    script.write_text(LUA)
    env = dict(os.environ, WRK_LIST=str(list_file), WRK_304="1" if conditional else "0")
    header_args = [arg for name, value in headers.items() for arg in ("-H", f"{name}: {value}")]
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}", "--latency", *header_args,
           "-s", str(script), f"http://127.0.0.1:{port}"]
    return parse(subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout)


def parse(out):
    """Requests/sec, latency percentiles in ms, request count, errors and transfer rate."""
    r = {"raw": out, "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))}
    for pct in ("50", "75", "90", "99"):
        m = re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        r[f"p{pct}_ms"] = round(float(m.group(1)) * _UNIT_MS[m.group(2)], 3)
    r["requests"] = int(re.search(r"(\d+) requests in", out).group(1))
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    r["non_2xx_3xx"] = int(m.group(1)) if m else 0
    m = re.search(r"Socket errors: (.*)", out)
    r["socket_errors"] = m.group(1) if m else ""
    m = re.search(r"Transfer/sec:\s+(\S+)", out)
    r["transfer_per_sec"] = m.group(1) if m else ""
    return r
