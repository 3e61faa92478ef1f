#!/usr/bin/env bash
# Operator costs against a real kube-apiserver + etcd (from tools/testenv.sh): time from create
# to every child present, API writes of one reconcile, writes while idle, heap in use.
#   tools/bench/operator.sh [IDLE_SECONDS]      prints one JSON object
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
eval "$(tools/testenv.sh env)"
tools/mvn.sh -B -ntp -q -pl operator -am -DskipTests install >&2
tools/mvn.sh -B -ntp -q -pl operator test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt >&2
JAVA_HOME="$(tools/find-jdk.sh)"
cp="operator/target/test-classes:operator/target/classes:$(cat operator/target/bench-classpath.txt)"
"$JAVA_HOME/bin/java" -Xmx512m -cp "$cp" io.imagesearch.operator.OperatorBenchmark "${1:-60}" 2>/tmp/operator-bench.log \
  | grep '^{'
