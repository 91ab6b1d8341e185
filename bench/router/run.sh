#!/usr/bin/env bash
# Ferry's router next to nginx and HAProxy, on this machine, in one run: the same wrk loads through each
# of the three reverse proxies to one shared nginx backend, then idle-connection memory and route-change
# propagation. Writes the figures section of docs/benchmarks.md (between its figures markers; the rest
# of the page is kept). Loopback only; every wait and load is bounded; stops everything it starts.
#
# Usage: bench/router/run.sh            full run (about 7 minutes on 2 cores), rewrites docs/benchmarks.md
#        bench/router/run.sh --profile  Ferry only, keep-alive small responses under JFR; prints hot methods
# Settings (environment): DURATION=10 (s per load), WARMUP=3 (s before each load), FIRST_WARMUP=10 (s
#        after each start), ROUTES=100000, IDLE_CONNS=10000,
#        OUT=docs/benchmarks.md, PEERS="ferry nginx haproxy".
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT="$PWD"
DURATION="${DURATION:-10}" WARMUP="${WARMUP:-3}" FIRST_WARMUP="${FIRST_WARMUP:-10}" ROUTES="${ROUTES:-100000}" IDLE_CONNS="${IDLE_CONNS:-10000}"
OUT="${OUT:-docs/benchmarks.md}" PEERS="${PEERS:-ferry nginx haproxy}" PROFILE=0
[[ "${1:-}" == "--profile" ]] && { PROFILE=1; PEERS=ferry; }
TOOLS="python3 $ROOT/bench/router/tools.py"
START=$SECONDS
log() { printf '[%4ds] %s\n' $((SECONDS - START)) "$*" >&2; }

# --- tools: nginx, haproxy and wrk from Debian's packages where missing -----------------------------
missing=()
command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx)
command -v haproxy >/dev/null || [[ -x /usr/sbin/haproxy ]] || missing+=(haproxy)
command -v wrk >/dev/null || missing+=(wrk)
if ((${#missing[@]})); then
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  log "installing ${missing[*]}"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null \
    || { echo "could not install ${missing[*]}" >&2; exit 1; }
fi
export PATH="$PATH:/usr/sbin"
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
NOFILE=$(ulimit -n)

work="$(mktemp -d)"
export XDG_CONFIG_HOME="$work/config"  # ferry up points the CLI at itself; keep the real credentials out of it
chmod 755 "$work" # nginx workers run as another user when started by root
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  wait 2>/dev/null
  [[ -n "${KEEP_WORK:-}" ]] && echo "work dir kept: $work" >&2 || rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
RESULTS="$work/results.tsv"; : >"$RESULTS"
record() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$RESULTS"; } # peer, metric, value
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# --- CPU layout: load generator and backend on the first half of the cores, the proxy on the rest -----
CORES=$(nproc)
if ((CORES >= 2)); then
  half=$((CORES / 2))
  LOAD_CPUS="0-$((half - 1))" PROXY_CPUS="$half-$((CORES - 1))" LOAD_CORES=$half PROXY_CORES=$((CORES - half))
else
  LOAD_CPUS="0" PROXY_CPUS="0" LOAD_CORES=1 PROXY_CORES=1
fi
on_load() { taskset -c "$LOAD_CPUS" "$@"; } # only for commands in the foreground: a background job needs its own pid

# --- the shared backend: nginx with fixed bodies and an upload sink; a WebSocket echo server -----------
BE=$(free_port) WS=$(free_port)
mkdir -p "$work/backend/www" "$work/backend/tmp"
printf 'hello world!\n' >"$work/backend/www/small"
head -c 1024 /dev/zero | tr '\0' 'a' >"$work/backend/www/1k"
head -c 65536 /dev/zero | tr '\0' 'b' >"$work/backend/www/64k"
cat >"$work/backend/nginx.conf" <<EOF
worker_processes $LOAD_CORES;
worker_rlimit_nofile $NOFILE;
pid $work/backend/nginx.pid;
error_log $work/backend/error.log warn;
events { worker_connections $NOFILE; }
http {
  access_log off;
  sendfile on;
  keepalive_requests 1000000;
  keepalive_timeout 120s;
  client_body_temp_path $work/backend/tmp;
  default_type text/plain;
  server {
    listen 127.0.0.1:$BE backlog=4096;
    root $work/backend/www;
    # reads the whole body into memory (request buffering), then answers; the body goes no further
    location /upload {
      client_max_body_size 20m;
      client_body_buffer_size 16m;
      proxy_pass http://127.0.0.1:$BE/uploaded;
      proxy_pass_request_body off;
      proxy_set_header Content-Length "";
    }
    location /uploaded { return 200 "ok\n"; }
  }
}
EOF
taskset -c "$LOAD_CPUS" nginx -p "$work/backend" -c "$work/backend/nginx.conf" -e "$work/backend/error.log" -g 'daemon off;' &
pids+=($!)
$TOOLS ws-backend "$WS" &
pids+=($!)

wait_http() { # port host: until the proxy answers 200 for host, at most 120 s
  for _ in $(seq 1 240); do
    [[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Host: $2" "http://127.0.0.1:$1/small")" == 200 ]] && return 0
    sleep 0.5
  done
  echo "127.0.0.1:$1 did not answer 200 for $2" >&2; return 1
}
wait_http "$BE" any || exit 1

# --- the three proxies, each started with 1 route or with ROUTES routes (+ bench.local, ws.local) -----
P=$(free_port) API=$(free_port)
PROXY_PID=""

start_ferry() { # route count
  local data="$work/ferry-$1"; rm -rf "$data"; mkdir -p "$data"
  $TOOLS journal "$data/routes.journal" "$BE" $(($1 - 1)) bench.local
  local t0=$SECONDS
  FERRY_JAVA_OPTS="${FERRY_JAVA_OPTS:-}" taskset -c "$PROXY_CPUS" ./ferry up --http-port "$P" --api-port "$API" --https-port 0 --ssh-port 0 \
    --tunnel-port 0 --data-dir "$data" --max-connections-per-client 20000 >"$data/up.log" 2>&1 &
  PROXY_PID=$!; pids+=("$PROXY_PID")
  for _ in $(seq 1 240); do grep -q "Ferry is up" "$data/up.log" && break; sleep 0.5; done
  TOKEN="$(cat "$data/admin-token")"
  curl -sf -o /dev/null -X POST "http://127.0.0.1:$API/api/routes" -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' -d "{\"domain\":\"ws.local\",\"targetUrl\":\"http://127.0.0.1:$WS\"}"
  wait_http "$P" bench.local && record ferry "start_s_$1" $((SECONDS - t0))
}

start_nginx() { # route count
  local d="$work/nginx"; rm -rf "$d"; mkdir -p "$d/tmp"
  $TOOLS hostmap "$d/hosts.map" nginx $(($1 - 1)) bench.local=be ws.local=ws_be
  cat >"$d/nginx.conf" <<EOF
worker_processes $PROXY_CORES;
worker_rlimit_nofile $NOFILE;
pid $d/nginx.pid;
error_log $d/error.log warn;
events { worker_connections $NOFILE; }
http {
  access_log $d/access.log combined buffer=64k flush=1s;
  keepalive_requests 1000000;
  keepalive_timeout 55s;
  client_header_timeout 10s;
  client_max_body_size 0;
  client_body_temp_path $d/tmp;
  proxy_temp_path $d/tmp;
  proxy_http_version 1.1;
  proxy_request_buffering off;
  proxy_buffering off;
  proxy_connect_timeout 5s;
  proxy_read_timeout 55s;
  map_hash_max_size 262144;
  map_hash_bucket_size 128;
  map \$http_upgrade \$connection_upgrade { default upgrade; "" ""; }
  map \$host \$backend { include $d/hosts.map; }
  upstream be { server 127.0.0.1:$BE; keepalive 256; keepalive_requests 1000000; keepalive_timeout 55s; }
  upstream ws_be { server 127.0.0.1:$WS; }
  server {
    listen 127.0.0.1:$P backlog=4096;
    location / {
      if (\$backend = "") { return 404; }
      proxy_pass http://\$backend;
      proxy_set_header Host \$host;
      proxy_set_header Connection \$connection_upgrade;
      proxy_set_header Upgrade \$http_upgrade;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_set_header X-Forwarded-Port \$server_port;
      proxy_set_header X-Forwarded-Host \$host;
      proxy_set_header X-Request-Id \$request_id;
      proxy_set_header X-Request-Start "t=\${msec}";
      proxy_set_header Via "1.1 nginx";
    }
  }
}
EOF
  local t0=$SECONDS
  taskset -c "$PROXY_CPUS" nginx -p "$d" -c "$d/nginx.conf" -e "$d/error.log" -g 'daemon off;' &
  PROXY_PID=$!; pids+=("$PROXY_PID")
  wait_http "$P" bench.local && record nginx "start_s_$1" $((SECONDS - t0))
}

start_haproxy() { # route count
  local d="$work/haproxy"; rm -rf "$d"; mkdir -p "$d"
  $TOOLS hostmap "$d/hosts.map" haproxy $(($1 - 1)) bench.local=be ws.local=ws_be
  cat >"$d/haproxy.cfg" <<EOF
global
  maxconn 40000
  no strict-limits
  nbthread $PROXY_CORES
  stats socket $d/admin.sock mode 600 level admin
  log stdout format raw local0
defaults
  mode http
  log global
  option httplog
  maxconn 40000
  timeout connect 5s
  timeout client 55s
  timeout server 30s
  timeout tunnel 55s
  timeout http-request 10s
  timeout http-keep-alive 55s
frontend fe
  bind 127.0.0.1:$P
  option forwardfor
  unique-id-format %{+X}o%ci%cp%fp%Ts%rt%pid
  unique-id-header X-Request-Id
  http-request set-header X-Forwarded-Proto http
  http-request set-header X-Forwarded-Port %[dst_port]
  http-request set-header X-Forwarded-Host %[req.hdr(host)]
  http-request set-header X-Request-Start t=%[date(0,ms)]
  http-request set-header Via "1.1 haproxy"
  use_backend %[req.hdr(host),lower,field(1,:),map($d/hosts.map,be_none)]
backend be
  http-reuse always
  server s1 127.0.0.1:$BE
backend ws_be
  server s1 127.0.0.1:$WS
backend be_none
  http-request return status 404
EOF
  local t0=$SECONDS
  taskset -c "$PROXY_CPUS" haproxy -db -f "$d/haproxy.cfg" >"$d/haproxy.log" 2>&1 &
  PROXY_PID=$!; pids+=("$PROXY_PID")
  wait_http "$P" bench.local && record haproxy "start_s_$1" $((SECONDS - t0))
}

stop_proxy() {
  kill "$PROXY_PID" 2>/dev/null; wait "$PROXY_PID" 2>/dev/null
  for _ in $(seq 1 40); do curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$P/" || break; sleep 0.25; done
}

# --- the loads ----------------------------------------------------------------------------------------
load() { # peer name connections path [wrk args...]
  local peer=$1 name=$2 conns=$3 path=$4; shift 4
  local args=(-t"$LOAD_CORES" -c"$conns" -H "Host: bench.local" "$@" "http://127.0.0.1:$P$path")
  on_load timeout $((WARMUP + 20)) wrk -d"${WARMUP}s" "${args[@]}" >/dev/null 2>&1
  on_load timeout $((DURATION + 30)) wrk --latency -d"${DURATION}s" --timeout 10s "${args[@]}" >"$work/wrk-$peer-$name.txt" 2>&1
  record "$peer" "wrk_$name" "$(base64 -w0 <"$work/wrk-$peer-$name.txt")"
  log "$peer $name: $(grep -E 'Requests/sec' "$work/wrk-$peer-$name.txt")"
}

warm_up() { # peer: the first load after a start also warms the JIT of the JVM, so every peer gets one
  on_load timeout $((FIRST_WARMUP + 20)) wrk -t"$LOAD_CORES" -c64 -d"${FIRST_WARMUP}s" -H "Host: bench.local" "http://127.0.0.1:$P/small" >/dev/null 2>&1
}

live_heap_kib() { # Ferry's live heap after a full collection: its RSS hardly moves once the heap is committed
  "$JAVA_HOME/bin/jcmd" "$PROXY_PID" GC.run >/dev/null
  "$JAVA_HOME/bin/jcmd" "$PROXY_PID" GC.heap_info | grep -viE 'metaspace|class space' \
    | grep -oE 'used [0-9]+K' | awk '{sum += $2} END {print sum + 0}'
}

idle_memory() { # peer
  local before after heap_before heap_after out="$work/idle-$1.txt"
  sleep 1
  [[ $1 == ferry ]] && heap_before=$(live_heap_kib)
  before=$($TOOLS rss "$PROXY_PID")
  taskset -c "$LOAD_CPUS" $TOOLS idle "$P" bench.local "$IDLE_CONNS" 8 >"$out" 2>&1 &
  local client=$!
  for _ in $(seq 1 120); do grep -q answered "$out" && break; sleep 0.5; done
  sleep 3
  after=$($TOOLS rss "$PROXY_PID")
  [[ $1 == ferry ]] && heap_after=$(live_heap_kib) && record ferry idle_heap_kib "$heap_before $heap_after"
  wait "$client"
  record "$1" idle_conns "$(tr '\n' ' ' <"$out")"
  record "$1" idle_rss_kib "$before $after"
  log "$1 idle: $(tr '\n' ' ' <"$out") rss ${before}KiB -> ${after}KiB"
}

websocket_open() { # peer; opens a WebSocket through the proxy to the echo backend, checks one echo
  mkfifo "$work/ws-$1.fifo"
  $TOOLS ws-open "$P" ws.local "$work/ws-$1.fifo" >"$work/ws-$1.out" 2>&1 &
  WS_CLIENT=$!
  exec 7>"$work/ws-$1.fifo"
  echo before >&7
  sleep 1
}
websocket_check() { # peer; checks a second echo on the same WebSocket and records both answers
  echo after >&7
  sleep 1
  exec 7>&-
  timeout 5 tail --pid="$WS_CLIENT" -f /dev/null 2>/dev/null; kill "$WS_CLIENT" 2>/dev/null
  record "$1" websocket "$(tr '\n' ' ' <"$work/ws-$1.out")"
  log "$1 websocket across the change: $(tr '\n' ' ' <"$work/ws-$1.out")"
}

route_change() { # peer routes rounds
  local peer=$1 routes=$2 rounds=$3
  case "$peer" in
    ferry)
      out=$(timeout 300 "$JAVA_HOME/bin/java" -Djdk.httpclient.allowRestrictedHeaders=host \
        bench/route-change/RouteChangeBench.java "$API" "$P" "$TOKEN" 0 "$rounds" 2>&1 | grep change_to_served)
      ;;
    nginx)
      local master times=()
      master=$(cat "$work/nginx/nginx.pid")
      for i in $(seq 1 "$rounds"); do
        echo "reload$i.new.bench be;" >>"$work/nginx/hosts.map"
        times+=("$($TOOLS poll "$P" "reload$i.new.bench" 30 "$master")")
        sleep 0.5
      done
      out=$(printf '%s\n' "${times[@]}" | python3 -c 'import sys
t = sorted(float(x) for x in sys.stdin.read().split() if x != "timeout")
print(f"change_to_served_ms p50={t[len(t) // 2]:.2f} p99={t[len(t) * 99 // 100]:.2f} max={t[-1]:.2f}" if t else "timeout")')
      ;;
    haproxy)
      out=$(timeout 300 $TOOLS haproxy-map "$work/haproxy/admin.sock" "$work/haproxy/hosts.map" "$P" "$rounds" 2>&1)
      ;;
  esac
  record "$peer" "route_change_$routes" "$out rounds=$rounds"
  if [[ $peer == ferry && $routes == 1 ]]; then # how fast routes can be added through the API (4 clients)
    local rate
    rate=$(timeout 120 "$JAVA_HOME/bin/java" -Djdk.httpclient.allowRestrictedHeaders=host \
      bench/route-change/RouteChangeBench.java "$API" "$P" "$TOKEN" 5000 1 2>&1 | grep -o 'preload_rate=[0-9]*')
    record ferry api_rate "${rate#preload_rate=}"
    log "ferry adds routes through the API at ${rate#preload_rate=}/s"
  fi
  log "$peer route change ($routes routes): $out"
}

change_once() { # peer: one route change of the kind route_change measures, with the WebSocket open
  case "$1" in
    ferry)
      curl -sf -o /dev/null -X POST "http://127.0.0.1:$API/api/routes" -H "Authorization: Bearer $TOKEN" \
        -H 'Content-Type: application/json' -d "{\"domain\":\"wschange.bench\",\"targetUrl\":\"http://127.0.0.1:$BE\"}"
      curl -sf -o /dev/null -X DELETE "http://127.0.0.1:$API/api/routes/ws.local" -H "Authorization: Bearer $TOKEN" ;;
    nginx)
      echo "wschange.bench be;" >>"$work/nginx/hosts.map"
      $TOOLS poll "$P" wschange.bench 30 "$(cat "$work/nginx/nginx.pid")" >/dev/null
      sleep 1
      record nginx reload_processes "$(pgrep -c -P "$PROXY_PID") child processes after the reload, with the WebSocket open" ;;
    haproxy)
      python3 -c "import socket,sys; c=socket.socket(socket.AF_UNIX); c.connect(sys.argv[1]); c.sendall(b'add map '+sys.argv[2].encode()+b' wschange.bench be\n'); c.recv(999)" \
        "$work/haproxy/admin.sock" "$work/haproxy/hosts.map" ;;
  esac
}

source scripts/java-home.sh
JAVA_HOME="$(find_java_home)"; export JAVA_HOME
log "building Ferry"
./ferry build || exit 1

if ((PROFILE)); then # the recording starts after the warm-up, so start-up work is not in it
  start_ferry 1
  warm_up ferry
  "$JAVA_HOME/bin/jcmd" "$PROXY_PID" JFR.start name=bench settings=profile >/dev/null
  load ferry small 64 /small
  "$JAVA_HOME/bin/jcmd" "$PROXY_PID" JFR.dump name=bench filename="$work/ferry.jfr" >/dev/null
  record ferry gc "$("$JAVA_HOME/bin/jcmd" "$PROXY_PID" VM.info | grep -m1 -i 'gc' )"
  stop_proxy
  mkdir -p "$ROOT/bench/router/out"
  "$JAVA_HOME/bin/jfr" view --width 200 hot-methods "$work/ferry.jfr" | tee "$ROOT/bench/router/out/hot-methods.txt"
  "$JAVA_HOME/bin/jfr" view --width 200 allocation-by-class "$work/ferry.jfr" | tee "$ROOT/bench/router/out/allocation-by-class.txt"
  "$JAVA_HOME/bin/jfr" view --width 200 allocation-by-site "$work/ferry.jfr" >"$ROOT/bench/router/out/allocation-by-site.txt"
  "$JAVA_HOME/bin/jfr" view --width 200 gc "$work/ferry.jfr" >"$ROOT/bench/router/out/gc.txt"
  cp "$work/ferry.jfr" "$ROOT/bench/router/out/ferry.jfr"
  python3 "$ROOT/bench/router/jfr_top.py" "$JAVA_HOME/bin/jfr" "$work/ferry.jfr" | tee "$ROOT/bench/router/out/top-frames.txt"
  cat "$work/wrk-ferry-small.txt"
  log "profile written to bench/router/out/"
  exit 0
fi

for peer in $PEERS; do
  log "== $peer with 1 route =="
  "start_$peer" 1 || { log "$peer did not start"; stop_proxy; continue; }
  warm_up "$peer"
  load "$peer" small 64 /small
  load "$peer" 1k 64 /1k
  load "$peer" 64k 64 /64k
  load "$peer" upload 8 /upload -s "$ROOT/bench/router/upload.lua"
  load "$peer" close 64 /small -H "Connection: close"
  idle_memory "$peer"
  route_change "$peer" 1 "$([[ $peer == nginx ]] && echo 20 || echo 300)"
  websocket_open "$peer"; change_once "$peer"; websocket_check "$peer"
  stop_proxy
  log "== $peer with $ROUTES routes =="
  "start_$peer" "$ROUTES" || { log "$peer did not start"; stop_proxy; continue; }
  warm_up "$peer"
  load "$peer" small_routes 64 /small
  route_change "$peer" "$ROUTES" "$([[ $peer == nginx ]] && echo 5 || echo 300)"
  stop_proxy
done

# --- the report ---------------------------------------------------------------------------------------
record meta routes "$ROUTES"
record meta date "$(date -u +%Y-%m-%d)"
record meta cpu "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
record meta cores "$CORES"
record meta memory "$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
record meta kernel "$(uname -sr)"
record meta ferry "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD -- ferry-*/src 2>/dev/null || echo ' (modified)')"
record meta jdk "$("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
record meta nginx "$(nginx -v 2>&1 | sed 's/.*: //')"
record meta haproxy "$(haproxy -v | head -1 | awk '{print $3}')"
record meta wrk "$(wrk -v 2>&1 | head -1 | awk '{print $2}')"
record meta layout "load generator (wrk, $LOAD_CORES thread(s)) and backend (nginx, $LOAD_CORES worker(s)) on CPU $LOAD_CPUS; proxy on CPU $PROXY_CPUS ($PROXY_CORES worker(s)/thread(s))"
record meta load "${WARMUP} s warm-up, then ${DURATION} s measured, per load"
record meta run_time_s $((SECONDS - START))
python3 bench/router/report.py "$RESULTS" "$OUT"
log "done in $((SECONDS - START)) s; figures written to $OUT"
