#!/usr/bin/env bash
# Installs MODULE with what it depends on, compiles its test classes (where the benchmark mains live)
# and prints the class path to run them: test classes, classes, then the dependencies.
#   cp="$(tools/bench/module-classpath.sh services/embedder)"
set -euo pipefail
module="$1"
cd "$(dirname "$0")/../.."
tools/mvn.sh -B -ntp -q -pl "$module" -am -DskipTests install >&2
tools/mvn.sh -B -ntp -q -pl "$module" test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt >&2
echo "$module/target/test-classes:$module/target/classes:$(cat "$module/target/bench-classpath.txt")"
