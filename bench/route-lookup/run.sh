#!/usr/bin/env bash
# JMH benchmark of the route table: lookups and one change at 1 and 100,000 routes. Takes about 1 minute.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source scripts/java-home.sh
JAVA_HOME="$(find_java_home)"; export JAVA_HOME
./mvnw -B -q install -pl ferry-core -DskipTests
./mvnw -B -q -f bench/route-lookup/pom.xml package
"$JAVA_HOME/bin/java" -jar bench/route-lookup/target/route-lookup-benchmarks.jar -rf text -rff bench/route-lookup/target/result.txt "$@"
