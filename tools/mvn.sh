#!/usr/bin/env bash
# Runs the Maven wrapper with a JDK >= 21, found by tools/find-jdk.sh.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
JAVA_HOME="$("$root/tools/find-jdk.sh")" || exit 1
export JAVA_HOME
exec "$root/mvnw" "$@"
