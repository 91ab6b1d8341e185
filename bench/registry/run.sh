#!/usr/bin/env bash
# Route propagation through the Redis registry: starts a redis-server (appendonly yes, as in production) on a
# free loopback port in a temp dir, preloads N routes, then measures ROUNDS changes from a writer registry to
# a second registry's subscriber. Prints p50/p99; bounded in time. Not a test.
# Usage: bench/registry/run.sh [ROUNDS] [PRELOAD...]   (defaults: 1000 rounds; 1 and 100000 routes)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROUNDS="${1:-1000}"; shift || true
PRELOADS=("${@:-1 100000}")
source scripts/java-home.sh
export JAVA_HOME="$(find_java_home)"
./mvnw -B -q -pl ferry-store -am compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp \
  -Dmdep.includeScope=runtime >/dev/null
CP="ferry-store/target/classes:ferry-core/target/classes:$(cat ferry-store/target/bench.cp)"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
for preload in ${PRELOADS[@]}; do
  work="$(mktemp -d)"; PORT=$(free_port)
  redis-server --bind 127.0.0.1 --port "$PORT" --dir "$work" --save "" --appendonly yes --daemonize no \
    --logfile "$work/redis.log" &
  pid=$!
  for _ in $(seq 1 100); do redis-cli -p "$PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
  echo "== preload $preload routes, $ROUNDS changes =="
  timeout 900 "$JAVA_HOME/bin/java" -cp "$CP" bench/registry/RegistryPropagationBench.java \
    "redis://127.0.0.1:$PORT" "$preload" "$ROUNDS" 2>/dev/null | grep -E "^(preload|subscriber)" || true
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$work"
done
