#!/usr/bin/env bash
# Route-change propagation benchmark: starts `./ferry up` on free ports with a fresh data dir, then for
# each preload size (routes already in the table) measures, over ROUNDS changes, the time from sending
# POST /api/routes until the router first serves the new domain. Prints the figures; bounded in time.
# Usage: bench/route-change/run.sh [ROUNDS] [PRELOAD...]   (defaults: 1000 rounds; 0 and 100000 routes)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROUNDS="${1:-1000}"; shift || true
PRELOADS=("${@:-0 100000}")
./ferry build
source scripts/java-home.sh
JAVA_HOME="$(find_java_home)"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
for preload in ${PRELOADS[@]}; do
  work="$(mktemp -d)"; export XDG_CONFIG_HOME="$work/config"; HTTP=$(free_port); API=$(free_port)
  timeout 900 ./ferry up --http-port "$HTTP" --api-port "$API" --https-port 0 --ssh-port 0 --tunnel-port 0 --data-dir "$work" >"$work/up.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 240); do grep -q "Ferry is up" "$work/up.log" && break; sleep 0.5; done
  echo "== preload $preload routes, $ROUNDS changes =="
  timeout 900 "$JAVA_HOME/bin/java" -Djdk.httpclient.allowRestrictedHeaders=host bench/route-change/RouteChangeBench.java \
    "$API" "$HTTP" "$(cat "$work/admin-token")" "$preload" "$ROUNDS" || true
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$work"
done
