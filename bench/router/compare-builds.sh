#!/usr/bin/env bash
# Two builds of Ferry's router side by side on the same load, in one run: did a change cost requests per
# second? Starts one nginx backend and `ferry up` from each jar (each with one route to the backend), then,
# after a warm-up, alternates wrk rounds between the two: first with every process free on every core, then
# with each Ferry pinned to the last core (taskset -a) and wrk and the backend on the others. Prints a table
# of req/s and p99 per round and the median of each. Loopback only; every load is bounded; stops all it starts.
#
# Usage: bench/router/compare-builds.sh OLD.jar NEW.jar
# Settings (environment): ROUNDS=3, DURATION=8 (s per round), WARMUP=20 (s per build), CONNS=32, PATHNAME=/small
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
OLD="${1:?usage: compare-builds.sh OLD.jar NEW.jar}" NEW="${2:?usage: compare-builds.sh OLD.jar NEW.jar}"
ROUNDS="${ROUNDS:-3}" DURATION="${DURATION:-8}" WARMUP="${WARMUP:-20}" CONNS="${CONNS:-32}" PATHNAME="${PATHNAME:-/small}"
source scripts/java-home.sh
JAVA_HOME="$(find_java_home)" || { echo "no JDK 21 or newer found" >&2; exit 1; }
export PATH="$PATH:/usr/sbin"
for tool in nginx wrk curl python3; do command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 1; }; done

work="$(mktemp -d)"; chmod 755 "$work"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
LAST=$(($(nproc) - 1)); OTHERS="0-$((LAST > 0 ? LAST - 1 : 0))"

BE=$(free_port)
mkdir -p "$work/be/www"; printf 'hello world!\n' >"$work/be/www/small"; head -c 1024 /dev/zero | tr '\0' a >"$work/be/www/1k"
cat >"$work/be/nginx.conf" <<EOF
worker_processes 1;
pid $work/be/nginx.pid;
error_log $work/be/error.log warn;
events { worker_connections 4096; }
http { access_log off; keepalive_requests 1000000; server { listen 127.0.0.1:$BE; root $work/be/www; } }
EOF
nginx -p "$work/be" -c "$work/be/nginx.conf" -g 'daemon off;' & pids+=($!)

jvm=(--enable-native-access=ALL-UNNAMED)
[[ "$(java_major "$JAVA_HOME/bin/java")" -ge 23 ]] && jvm+=(--sun-misc-unsafe-memory-access=allow)
declare -A PORT PID
for name in old new; do
  jar=$OLD; [[ $name == new ]] && jar=$NEW
  http=$(free_port) api=$(free_port)
  XDG_CONFIG_HOME="$work/$name/config" "$JAVA_HOME/bin/java" "${jvm[@]}" -jar "$jar" up --http-port "$http" \
    --api-port "$api" --https-port 0 --ssh-port 0 --tunnel-port 0 --data-dir "$work/$name" >"$work/$name.log" 2>&1 &
  PID[$name]=$!; pids+=($!); PORT[$name]=$http
  for _ in $(seq 1 240); do [[ -s "$work/$name/admin-token" ]] && grep -q "Ferry is up" "$work/$name.log" && break; sleep 0.5; done
  curl -sf -o /dev/null -X POST "http://127.0.0.1:$api/api/routes" -H "Authorization: Bearer $(cat "$work/$name/admin-token")" \
    -H 'Content-Type: application/json' -d "{\"domain\":\"bench.local\",\"targetUrl\":\"http://127.0.0.1:$BE\"}" \
    || { echo "$name did not start:"; tail "$work/$name.log"; exit 1; } >&2
  timeout $((WARMUP + 5)) wrk -t1 -c"$CONNS" -d"${WARMUP}s" -H 'Host: bench.local' "http://127.0.0.1:$http$PATHNAME" >/dev/null
done

round() { # name → "req/s p99_ms"
  timeout $((DURATION + 10)) ${PIN:+taskset -c $OTHERS} wrk -t1 -c"$CONNS" -d"${DURATION}s" --latency \
    -H 'Host: bench.local' "http://127.0.0.1:${PORT[$1]}$PATHNAME" | awk '
      /Requests\/sec/ { rps = $2 }
      $1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms/, "", v) } else if (v ~ /s$/) { sub(/s/, "", v); v *= 1000 } p99 = v }
      END { printf "%d %.2f\n", rps, p99 }'
}
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

printf '| layout | round | old req/s | old p99 ms | new req/s | new p99 ms |\n|---|---|---|---|---|---|\n'
for layout in free pinned; do
  PIN=""
  if [[ $layout == pinned ]]; then
    PIN=1; for name in old new; do taskset -apc "$LAST" "${PID[$name]}" >/dev/null; done
  fi
  : >"$work/$layout.old"; : >"$work/$layout.new"
  for r in $(seq 1 "$ROUNDS"); do
    read -r orps op99 < <(round old); read -r nrps np99 < <(round new)
    echo "$orps $op99" >>"$work/$layout.old"; echo "$nrps $np99" >>"$work/$layout.new"
    printf '| %s | %d | %s | %s | %s | %s |\n' "$layout" "$r" "$orps" "$op99" "$nrps" "$np99"
  done
  printf '| %s | median | %s | %s | %s | %s |\n' "$layout" \
    "$(cut -d' ' -f1 "$work/$layout.old" | median)" "$(cut -d' ' -f2 "$work/$layout.old" | median)" \
    "$(cut -d' ' -f1 "$work/$layout.new" | median)" "$(cut -d' ' -f2 "$work/$layout.new" | median)"
done
