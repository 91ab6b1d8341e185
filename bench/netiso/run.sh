#!/usr/bin/env bash
# Router throughput to an instance with and without its own network namespace (decision 012).
# For each mode of ROUNDS alternating rounds (shared, pasta, shared, pasta, ...): starts `./ferry up
# --instance-network MODE` on free ports with a fresh data dir, pushes an app whose web process is nginx
# answering "ok" (a backend fast enough that the router and the network path, not the app, set the pace),
# then runs wrk for SECONDS through the router (Host: bench.localhost) and straight to the instance's port.
# Prints one line per measurement: mode, path, requests/s, p50, p99. Bounded in time; loopback only.
# Usage: bench/netiso/run.sh [ROUNDS] [SECONDS]   (default 2 rounds of 10 s)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROUNDS="${1:-2}"; SECONDS_PER_RUN="${2:-10}"
command -v wrk >/dev/null || { echo "wrk is not installed (Debian package wrk)" >&2; exit 1; }
./ferry build >/dev/null
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

measure() { # mode
  local mode="$1" work HTTP API pid TOKEN
  work="$(mktemp -d)"; HTTP=$(free_port); API=$(free_port)
  XDG_CONFIG_HOME="$work/config" HOME="$work/home" timeout 600 ./ferry up --http-port "$HTTP" --api-port "$API" \
    --https-port 0 --ssh-port 0 --tunnel-port 0 --instance-network "$mode" --data-dir "$work/data" >"$work/up.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 240); do grep -q "Ferry is up" "$work/up.log" && break; sleep 0.5; done
  grep -q "Ferry is up" "$work/up.log" || { cat "$work/up.log"; kill "$pid"; exit 1; }
  grep -o "network: [^)]*)" "$work/up.log" | head -1 >&2
  TOKEN="$(cat "$work/data/admin-token")"
  curl -sf -X POST "http://127.0.0.1:$API/api/apps" -H "Authorization: Bearer $TOKEN" -d '{"name":"bench"}' >/dev/null
  mkdir -p "$work/app" && (
    cd "$work/app" && git init -q -b main && git config user.email bench@example.com && git config user.name bench
    echo 'web: sh start.sh' > Procfile
    cat > start.sh <<'SH'
mkdir -p /tmp/nginx && sed "s/@PORT@/$PORT/" nginx.conf > /tmp/nginx/nginx.conf
exec /usr/sbin/nginx -p /tmp/nginx -c /tmp/nginx/nginx.conf -g 'daemon off;'
SH
    cat > nginx.conf <<'CONF'
worker_processes 1;
pid /tmp/nginx/nginx.pid;
error_log /tmp/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path /tmp/nginx/body; proxy_temp_path /tmp/nginx/proxy; fastcgi_temp_path /tmp/nginx/fcgi;
  uwsgi_temp_path /tmp/nginx/uwsgi; scgi_temp_path /tmp/nginx/scgi;
  server { listen @PORT@; location / { return 200 "ok\n"; } }
}
CONF
    git add -A && git commit -qm bench
    git -c credential.helper="!f() { test \"\$1\" = get && echo username=ferry && echo password=$TOKEN; }; f" \
      push -q "http://127.0.0.1:$API/git/bench.git" main >/dev/null 2>&1 )
  for _ in $(seq 1 120); do [ "$(curl -s -m 2 -H 'Host: bench.localhost' "http://127.0.0.1:$HTTP/")" = ok ] && break; sleep 0.5; done
  local port
  port=$(curl -sf "http://127.0.0.1:$API/api/apps/bench/ps" -H "Authorization: Bearer $TOKEN" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["port"])')
  wrk -t2 -c32 -d3s -H 'Host: bench.localhost' "http://127.0.0.1:$HTTP/" >/dev/null   # warm-up
  for target in router instance; do
    local url="http://127.0.0.1:$HTTP/"; [ "$target" = instance ] && url="http://127.0.0.1:$port/"
    wrk -t2 -c32 -d"${SECONDS_PER_RUN}s" --latency -H 'Host: bench.localhost' "$url" | awk -v m="$mode" -v t="$target" '
      /Requests\/sec/ { rps = $2 } / 50%/ { p50 = $2 } / 99%/ { p99 = $2 } /Non-2xx|Socket errors/ { err = err " " $0 }
      END { printf "%-6s %-8s %10s req/s  p50 %-8s p99 %-8s%s\n", m, t, rps, p50, p99, err }'
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true; rm -rf "$work"
}

for round in $(seq 1 "$ROUNDS"); do
  measure shared
  measure pasta
done
