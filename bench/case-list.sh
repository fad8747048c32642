#!/bin/bash
# Case list benchmark: 10,000 cases in a temporary database, GET /cases timed over HTTP on
# 127.0.0.1. Prints median and p95 latency per page. See docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
mvn -q -B -o test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED \
    -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" \
    org.sealbox.bench.CaseListBench
