#!/usr/bin/env bash
# The fleet's route propagation and router start, from the outside: for each preload size, a redis-server
# (appendonly yes) and a PostgreSQL on free loopback ports, two `./ferry control` on both, PRELOAD routes written
# into Redis, then two separate `./ferry router`, the first timed from launch to its first 200, then ROUNDS route
# changes through the two control nodes' APIs in turn, each timed until both routers serve it. Prints the figures;
# bounded in time. Not a test.
# Usage: bench/fleet/run.sh [ROUNDS] [PRELOAD...]   (defaults: 300 rounds; 1 and 100000 routes); WARMUP=N changes
# before the measured ones (default 2000); GAP_MS=N idle milliseconds before each measured change (default 20)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROUNDS="${1:-300}"; shift || true
PRELOADS=("${@:-1 100000}")
./ferry build
source scripts/java-home.sh
export JAVA_HOME="$(find_java_home)"
./mvnw -B -q -pl ferry-store -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp \
  -Dmdep.includeScope=test >/dev/null
CP="ferry-store/target/classes:ferry-store/target/test-classes:ferry-core/target/classes:$(cat ferry-store/target/bench.cp)"
for preload in ${PRELOADS[@]}; do
  work="$(mktemp -d)"
  echo "== $preload routes in Redis, $ROUNDS changes =="
  timeout 900 "$JAVA_HOME/bin/java" -Djdk.httpclient.allowRestrictedHeaders=host -cp "$CP" bench/fleet/FleetPropagationBench.java "$PWD/ferry" "$work" "$preload" "$ROUNDS" "${WARMUP:-2000}" "${GAP_MS:-20}" \
    2>"$work/bench.err" | grep -E "^(preloaded|router_start|routes=)" || echo "failed; logs in $work"
done
