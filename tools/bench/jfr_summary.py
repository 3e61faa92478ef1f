#!/usr/bin/env python3
"""Where the CPU samples of a JFR recording go (jdk.ExecutionSample, standard library only):
  python3 tools/bench/jfr_summary.py RECORDING.jfr [THREAD_PREFIX...]
prints each sample once under the layer of its leaf-most known frame (JDK and library helpers
count for the layer that called them), the share of samples whose stack holds each named part
(inclusive), and the top self frames. THREAD_PREFIX keeps the threads named so (e.g. http-nio
delivery-io); the default keeps all. Samples are of Java code: time inside system calls is not seen."""
import collections
import os
import re
import subprocess
import sys

# (label, regular expression over the frames of one sample), in the order they are printed.
PARTS = [
    ("Tomcat connector (parse, socket I/O)", r"org\.apache\.(coyote|tomcat\.util\.net)"),
    ("Spring Security filter chain", r"org\.springframework\.security\.web\.FilterChainProxy"),
    ("API key check (ApiKeys.authenticate)", r"io\.imagesearch\.security\.key\.ApiKeys\.authenticate"),
    ("  of which the key store (Redis / SQLite)", r"(RedisApiKeyStore|SqliteApiKeyStore)\."),
    ("Micrometer observation of the request", r"ServerHttpObservationFilter|io\.micrometer\.observation"),
    ("DispatcherServlet (handler mapping, dispatch)", r"org\.springframework\.web\.servlet\.DispatcherServlet\.doDispatch"),
    ("ImageDeliveryController", r"io\.imagesearch\.web\.ImageDeliveryController\."),
    ("  of which writing the body (message converters)", r"ResourceHttpMessageConverter|ResourceRegionHttpMessageConverter|HttpEntityMethodProcessor\.handleReturnValue"),
    ("CachingObjectStore / Caffeine", r"CachingObjectStore|com\.github\.benmanes\.caffeine"),
    ("FilesystemObjectStore", r"FilesystemObjectStore"),
    ("logging (Logback)", r"ch\.qos\.logback"),
    ("Netty delivery pipeline", r"io\.imagesearch\.delivery\.DeliveryHandler"),
    ("Netty event loop (select, socket I/O)", r"io\.netty\.channel\.nio"),
    ("socket write (sun.nio.ch / writev)", r"sun\.nio\.ch\.(SocketDispatcher|IOUtil|SocketChannelImpl)\.write|NioSocketImpl\.write"),
    ("socket read", r"sun\.nio\.ch\.(SocketDispatcher|IOUtil|SocketChannelImpl)\.read|NioSocketImpl\.read"),
]


# Layers, matched from the leaf frame towards the root: the first that matches owns the sample.
LAYERS = [
    ("socket I/O (JDK NIO)", r"^sun\.nio\.ch\."),
    ("logging (Logback, SLF4J)", r"^(ch\.qos\.logback|org\.slf4j)"),
    ("key store client (Lettuce, Spring Data Redis, SQLite)", r"^(io\.lettuce|org\.springframework\.data\.redis|org\.sqlite|io\.imagesearch\.security\.store)"),
    ("API key check (ApiKeys, SHA-256)", r"^io\.imagesearch\.security\.key\."),
    ("Micrometer (observations, meters)", r"^io\.micrometer"),
    ("cache (Caffeine, CachingObjectStore)", r"^(com\.github\.benmanes\.caffeine|io\.imagesearch\.platform\.CachingObjectStore)"),
    ("object store (filesystem, MinIO client)", r"^(io\.imagesearch\.storage|io\.minio|okhttp3|sun\.nio\.fs)"),
    ("body copy (converters, streams)", r"^(org\.springframework\.http\.converter|org\.springframework\.util\.StreamUtils|java\.io\.ByteArrayInputStream)"),
    ("image delivery controller", r"^io\.imagesearch\.web\.(ImageDeliveryController|StoredObjectResource)"),
    ("Spring MVC (dispatch, argument and return value handling)", r"^org\.springframework\.(web\.servlet|web\.method|web\.context|web\.bind|http)"),
    ("Spring Security filters", r"^org\.springframework\.security"),
    ("other servlet filters (Spring, the project's)", r"^(org\.springframework\.web\.filter|org\.springframework\.boot|io\.imagesearch\.web|io\.imagesearch\.security\.web)"),
    ("Tomcat (connector, request parsing, valves)", r"^org\.apache\.(coyote|catalina|tomcat)"),
    ("delivery port handler", r"^io\.imagesearch\.delivery\."),
    ("Netty HTTP decoder", r"^io\.netty\.handler\.codec"),
    ("Netty transport (event loop, buffers, writes)", r"^io\.netty"),
]


def layer(frames):
    # Lettuce writes to Redis through Netty on the request thread: its key store's work.
    if any(f.startswith("io.lettuce") for f in frames):
        return LAYERS[2][0]
    for frame in frames:
        for label, pattern in LAYERS:
            if re.match(pattern, frame):
                return label
    return "other (JDK threads, JIT, GC helpers)"


def samples(path):
    out = subprocess.run([os.path.join(os.environ.get("JAVA_HOME", "/usr"), "bin", "jfr"), "print", "--events",
                          "jdk.ExecutionSample", "--stack-depth", "96", path],
                         capture_output=True, text=True, check=True).stdout
    for block in out.split("jdk.ExecutionSample")[1:]:
        thread = re.search(r'sampledThread = "([^"]*)"', block)
        frames = re.findall(r"^\s+([\w$.<>/]+\([^)]*\))", block, re.M)
        yield (thread.group(1) if thread else ""), frames


def main():
    path, prefixes = sys.argv[1], sys.argv[2:]
    counts, self_frames, layers, total = collections.Counter(), collections.Counter(), collections.Counter(), 0
    for thread, frames in samples(path):
        if prefixes and not any(thread.startswith(p) for p in prefixes):
            continue
        total += 1
        stack = "\n".join(frames)
        for label, pattern in PARTS:
            if re.search(pattern, stack):
                counts[label] += 1
        layers[layer(frames)] += 1
        if frames:
            self_frames[re.sub(r"\(.*", "", frames[0])] += 1
    print(f"{total} samples{' of threads ' + ', '.join(prefixes) if prefixes else ''} in {path}\n")
    print("| layer (leaf-most known frame) | share of samples |\n|---|---|")
    for label, n in layers.most_common():
        print(f"| {label} | {100 * n / total:.1f} % |")
    print("\n| part of the request path (inclusive) | share of samples |\n|---|---|")
    for label, _ in PARTS:
        if counts[label]:
            print(f"| {label} | {100 * counts[label] / total:.1f} % |")
    print("\n| top self frames | share |\n|---|---|")
    for frame, n in self_frames.most_common(12):
        print(f"| `{frame}` | {100 * n / total:.1f} % |")


if __name__ == "__main__":
    main()
