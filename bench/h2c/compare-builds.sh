#!/usr/bin/env bash
# Two builds of Ferry on requests to an h2c target (a route marked `protocol: h2c`), in one run: what does the
# connection per request cost against pooled, multiplexed connections? Per build, a chain on loopback:
# h2load (h2c, prior knowledge) -> Ferry A (route protocol h2c) -> Ferry B (serving h2c) -> nginx (HTTP/1.1). After a
# warm-up round of the same size, one measured h2load round; it prints h2load's summary and the connections from A
# to B open after one request and after the load. Loopback only; bounded by request count; stops all it starts.
#
# Usage: bench/h2c/compare-builds.sh OLD.jar NEW.jar
# Settings (environment): REQUESTS=3000, CLIENTS=2, STREAMS=50 (concurrent streams per h2load connection)
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
OLD="${1:?usage: compare-builds.sh OLD.jar NEW.jar}" NEW="${2:?usage: compare-builds.sh OLD.jar NEW.jar}"
REQUESTS="${REQUESTS:-3000}" CLIENTS="${CLIENTS:-2}" STREAMS="${STREAMS:-50}"
source scripts/java-home.sh
JAVA_HOME="$(find_java_home)" || { echo "no JDK 21 or newer found" >&2; exit 1; }
export PATH="$PATH:/usr/sbin"
for tool in h2load nginx curl ss; do command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 1; }; done
work=$(mktemp -d) pids=(); chmod 755 "$work"
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$work"' EXIT
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
jvm=(--enable-native-access=ALL-UNNAMED -Xmx256m)

BE=$(free_port); mkdir -p "$work/be/www"; echo ok > "$work/be/www/index.html"
cat > "$work/be/nginx.conf" <<EOC
worker_processes 1; pid $work/be/nginx.pid; error_log $work/be/error.log warn;
events { worker_connections 1024; }
http { access_log off; server { listen 127.0.0.1:$BE; root $work/be/www; } }
EOC
nginx -p "$work/be" -c "$work/be/nginx.conf" -g 'daemon off;' & pids+=($!)

up() { # dir jar; starts `ferry up`, waits until it is up, and sets HTTP and API to its ports
  local http api; http=$(free_port) api=$(free_port); HTTP=$http API=$api
  XDG_CONFIG_HOME="$1/config" "$JAVA_HOME/bin/java" "${jvm[@]}" -jar "$2" up --http-port "$http" --api-port "$api" \
    --https-port 0 --ssh-port 0 --tunnel-port 0 --data-dir "$1" >"$1.log" 2>&1 & pids+=($!)
  for _ in $(seq 1 240); do [[ -s "$1/admin-token" ]] && grep -q "Ferry is up" "$1.log" && break; sleep 0.5; done
}
api() { # dir api method path json
  curl -sf -o /dev/null -X "$3" "http://127.0.0.1:$2$4" -H "Authorization: Bearer $(cat "$1/admin-token")" \
    -H 'Content-Type: application/json' -d "$5" || { echo "API call $3 $4 failed" >&2; exit 1; }
}
links() { ss -tn state established "( dport = :$1 )" | tail -n +2 | wc -l; }

for name in old new; do
  jar=$OLD; [[ $name == new ]] && jar=$NEW
  up "$work/$name-b" "$jar"; b_http=$HTTP b_api=$API
  up "$work/$name-a" "$jar"; a_http=$HTTP a_api=$API
  api "$work/$name-b" "$b_api" POST /api/routes "{\"domain\":\"bench.local\",\"targetUrl\":\"http://127.0.0.1:$BE\"}"
  api "$work/$name-a" "$a_api" POST /api/routes "{\"domain\":\"bench.local\",\"targetUrl\":\"http://127.0.0.1:$b_http\"}"
  api "$work/$name-a" "$a_api" PATCH /api/routes/bench.local '{"protocol":"h2c"}'
  sleep 1
  echo "== $name ($jar)"
  curl -s --http2-prior-knowledge -H 'Host: bench.local' "http://127.0.0.1:$a_http/" -o /dev/null -w 'first request: %{http_code} over HTTP/%{http_version}\n'
  echo "A->B connections after one request: $(links "$b_http")"
  load=(h2load -n "$REQUESTS" -c "$CLIENTS" -m "$STREAMS" -H 'Host: bench.local' "http://127.0.0.1:$a_http/")
  timeout 300 "${load[@]}" >/dev/null 2>&1
  timeout 300 "${load[@]}" 2>&1 | grep -E 'finished in|requests:|status codes|time for request'
  echo "A->B connections after the load: $(links "$b_http")"
  for p in "${pids[@]:1}"; do kill "$p" 2>/dev/null; done; pids=("${pids[0]}")
done
