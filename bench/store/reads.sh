#!/usr/bin/env bash
# The PostgreSQL store's share of a route add, store calls alone: a PostgreSQL of its own on a free loopback port
# (Debian's package, started and stopped by the bench), then ROUNDS timed calls of each step (token check, custom
# domain lookup, app lookup, both steps of a route add together, a one-statement write). Prints p50/p99/mean per
# step. Bounded in time. Not a test.
# Usage: bench/store/reads.sh [ROUNDS]   (default: 2000)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROUNDS="${1:-2000}"
source scripts/java-home.sh
export JAVA_HOME="$(find_java_home)"
./mvnw -B -q -o -pl ferry-store -am test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp \
  -Dmdep.includeScope=test >/dev/null
CP="ferry-store/target/classes:ferry-store/target/test-classes:ferry-core/target/classes:$(cat ferry-store/target/bench.cp)"
timeout 600 "$JAVA_HOME/bin/java" -cp "$CP" bench/store/PostgresReadsBench.java "$ROUNDS" 2>/dev/null | grep '^step='
