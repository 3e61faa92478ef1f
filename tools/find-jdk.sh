#!/usr/bin/env bash
# Prints the home of a JDK >= 21 (the build's release): JAVA_HOME when it is good enough,
# else the newest JDK found in the usual places. Exits 1 with an install hint when none exists.
set -euo pipefail
MIN=21

feature_version() {  # $1 = JDK home; prints its feature release (17, 21, 25, ...) or nothing
  [ -x "$1/bin/javac" ] || return 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -1
}

candidates() {
  [ -n "${JAVA_HOME:-}" ] && echo "$JAVA_HOME"
  for d in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    [ -d "$d" ] && echo "$d"
  done
  if command -v javac >/dev/null 2>&1; then dirname "$(dirname "$(readlink -f "$(command -v javac)")")"; fi
}

best="" best_v=0
while read -r home; do
  v=$(feature_version "$home")
  [ -n "$v" ] || continue
  if [ "$home" = "${JAVA_HOME:-}" ] && [ "$v" -ge $MIN ]; then echo "$home"; exit 0; fi
  if [ "$v" -ge $MIN ] && [ "$v" -gt "$best_v" ]; then best="$home" best_v=$v; fi
done < <(candidates)

if [ -n "$best" ]; then echo "$best"; exit 0; fi
{
  echo "No JDK >= $MIN found (checked JAVA_HOME, /usr/lib/jvm, /opt, ~/.sdkman, ~/.jdks and javac on PATH)."
  echo "Install one, for example: apt-get install openjdk-21-jdk-headless (or a Temurin 21+ JDK), or set JAVA_HOME to it."
} >&2
exit 1
