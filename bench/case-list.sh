#!/bin/bash
# Case list benchmark: 10,000 cases in a temporary database, GET /cases timed over HTTP on
# 127.0.0.1. Prints median and p95 latency per page. See docs/benchmarks.md.
# The JDK is the one the sealbox launcher finds (JAVA_HOME if new enough, else /usr/lib/jvm).
set -euo pipefail
cd "$(dirname "$0")/.."
./sealbox mvn -q -B test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
./sealbox java -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" \
    org.sealbox.bench.CaseListBench
