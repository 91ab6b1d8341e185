#!/usr/bin/env bash
# Ferry's router next to nginx and HAProxy, on this machine, in one run: the same wrk loads through each of
# the three reverse proxies to one shared nginx backend, in two CPU layouts, then idle-connection memory and
# route-change propagation. Writes the figures section of docs/benchmarks.md (between its figures markers; the
# rest of the page is kept). Loopback only; every wait and load is bounded; stops everything it starts.
#
# The layouts: "pinned", the proxy alone on the second half of the cores (one worker or thread per core it has)
# and wrk and the backend on the first half; "free", every process on every core, each proxy with as many
# workers or threads as the machine has cores (how users run them). In each layout the three proxies run side
# by side, each warmed up for FIRST_WARMUP seconds, then ROUNDS rounds alternate between them load by load (the
# first proxy of a round rotates), and the tables show the median of the rounds.
#
# Usage: bench/router/run.sh            full run (about 50 minutes on 2 cores), rewrites docs/benchmarks.md
#        bench/router/run.sh --profile  Ferry only, keep-alive small responses under JFR; prints hot methods
# Settings (environment): ROUNDS=3, DURATION=8 (s per measured load), WARMUP=2 (s of the same load before it),
#        FIRST_WARMUP=30 (s per proxy after each start), ROUTES=100000, IDLE_CONNS=10000,
#        LAYOUTS="pinned free", OUT=docs/benchmarks.md, PEERS="ferry nginx haproxy".
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT="$PWD"
ROUNDS="${ROUNDS:-3}" DURATION="${DURATION:-8}" WARMUP="${WARMUP:-2}" FIRST_WARMUP="${FIRST_WARMUP:-30}"
ROUTES="${ROUTES:-100000}" IDLE_CONNS="${IDLE_CONNS:-10000}" LAYOUTS="${LAYOUTS:-pinned free}"
OUT="${OUT:-docs/benchmarks.md}" PEERS="${PEERS:-ferry nginx haproxy}" PROFILE=0
[[ "${1:-}" == "--profile" ]] && { PROFILE=1; PEERS=ferry; LAYOUTS=pinned; }
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

# --- CPU layouts ---------------------------------------------------------------------------------------
CORES=$(nproc)
if ((CORES >= 2)); then
  half=$((CORES / 2))
  LOAD_CPUS="0-$((half - 1))" PROXY_CPUS="$half-$((CORES - 1))" LOAD_CORES=$half PROXY_CORES=$((CORES - half))
else
  LOAD_CPUS="0" PROXY_CPUS="0" LOAD_CORES=1 PROXY_CORES=1
fi
set_layout() { # pinned | free: where the proxies, the backend and wrk run, and with how many workers
  LAYOUT=$1
  if [[ $1 == pinned ]]; then
    PROXY_PIN="taskset -c $PROXY_CPUS" LOAD_PIN="taskset -c $LOAD_CPUS"
    PROXY_WORKERS=$PROXY_CORES LOAD_THREADS=$LOAD_CORES
  else
    PROXY_PIN="" LOAD_PIN="" PROXY_WORKERS=$CORES LOAD_THREADS=$CORES
  fi
}
on_load() { $LOAD_PIN "$@"; } # only for commands in the foreground: a background job needs its own pid

# --- the shared backend: nginx with fixed bodies and an upload sink; a WebSocket echo server -----------
BE=$(free_port) WS=$(free_port) BE_PID=""
mkdir -p "$work/backend/www" "$work/backend/tmp"
printf 'hello world!\n' >"$work/backend/www/small"
head -c 1024 /dev/zero | tr '\0' 'a' >"$work/backend/www/1k"
head -c 65536 /dev/zero | tr '\0' 'b' >"$work/backend/www/64k"
start_backend() { # in the current layout, with as many workers as wrk has threads
  cat >"$work/backend/nginx.conf" <<EOF
worker_processes $LOAD_THREADS;
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
  $LOAD_PIN nginx -p "$work/backend" -c "$work/backend/nginx.conf" -e "$work/backend/error.log" -g 'daemon off;' &
  BE_PID=$!; pids+=("$BE_PID")
  wait_http "$BE" any
}
stop_backend() {
  kill "$BE_PID" 2>/dev/null; wait "$BE_PID" 2>/dev/null
  for _ in $(seq 1 40); do curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$BE/" || break; sleep 0.25; done
}
$TOOLS ws-backend "$WS" &
pids+=($!)

wait_http() { # port host: until the proxy answers 200 for host, at most 120 s
  for _ in $(seq 1 240); do
    [[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Host: $2" "http://127.0.0.1:$1/small")" == 200 ]] && return 0
    sleep 0.5
  done
  echo "127.0.0.1:$1 did not answer 200 for $2" >&2; return 1
}

# --- the three proxies, each on its own port, started with 1 route or with ROUTES routes ----------------
declare -A PORT PID
for peer in $PEERS; do PORT[$peer]=$(free_port); done
API=$(free_port)
source bench/router/proxies.sh
use_peer() { P=${PORT[$1]}; PROXY_PID=${PID[$1]}; } # the peer the one-proxy-at-a-time steps below act on

# --- the loads ----------------------------------------------------------------------------------------
load() { # peer name connections path round [wrk args...]: WARMUP s of the load, then DURATION s measured
  local peer=$1 name=$2 conns=$3 path=$4 round=$5; shift 5
  local args=(-t"$LOAD_THREADS" -c"$conns" -H "Host: bench.local" "$@" "http://127.0.0.1:${PORT[$peer]}$path")
  local out="$work/wrk-$LAYOUT-$peer-$name-$round.txt"
  on_load timeout $((WARMUP + 20)) wrk -d"${WARMUP}s" "${args[@]}" >/dev/null 2>&1
  on_load timeout $((DURATION + 30)) wrk --latency -d"${DURATION}s" --timeout 10s "${args[@]}" >"$out" 2>&1
  record "$peer" "wrk_${LAYOUT}_${name}_r$round" "$(base64 -w0 <"$out")"
  log "$LAYOUT r$round $peer $name: $(grep -E 'Requests/sec' "$out")"
}

# name connections path [wrk args...]: the loads with one route, then those with ROUTES routes
LOADS_ONE=("small_c32 32 /small" "small_c128 128 /small" "1k_c32 32 /1k" "1k_c128 128 /1k"
  "close_c32 32 /small -H Connection:close" "close_c128 128 /small -H Connection:close"
  "64k 64 /64k" "upload 8 /upload -s $ROOT/bench/router/upload.lua")
LOADS_MANY=("routes_small_c32 32 /small" "routes_small_c128 128 /small")

rounds() { # loads...: ROUNDS rounds, each load through every peer in turn, the first peer rotating per round
  local peers=($PEERS) r i spec words peer
  for r in $(seq 1 "$ROUNDS"); do
    for spec in "$@"; do
      read -r -a words <<<"$spec"
      for i in $(seq 0 $((${#peers[@]} - 1))); do
        peer=${peers[$(((i + r - 1) % ${#peers[@]}))]}
        [[ -n ${PID[$peer]:-} ]] && load "$peer" "${words[0]}" "${words[1]}" "${words[2]}" "$r" "${words[@]:3}"
      done
    done
  done
}

warm_up() { # peer: the first load after a start also warms the JIT of the JVM, so every peer gets one
  on_load timeout $((FIRST_WARMUP + 20)) wrk -t"$LOAD_THREADS" -c64 -d"${FIRST_WARMUP}s" -H "Host: bench.local" \
    "http://127.0.0.1:${PORT[$1]}/small" >/dev/null 2>&1
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
  set_layout pinned; start_backend || exit 1
  start_ferry 1; use_peer ferry
  warm_up ferry
  "$JAVA_HOME/bin/jcmd" "$PROXY_PID" JFR.start name=bench settings=profile >/dev/null
  DURATION=20 load ferry small 64 /small 1
  "$JAVA_HOME/bin/jcmd" "$PROXY_PID" JFR.dump name=bench filename="$work/ferry.jfr" >/dev/null
  stop_peer ferry
  mkdir -p "$ROOT/bench/router/out"
  "$JAVA_HOME/bin/jfr" view --width 200 hot-methods "$work/ferry.jfr" | tee "$ROOT/bench/router/out/hot-methods.txt"
  "$JAVA_HOME/bin/jfr" view --width 200 allocation-by-class "$work/ferry.jfr" | tee "$ROOT/bench/router/out/allocation-by-class.txt"
  "$JAVA_HOME/bin/jfr" view --width 200 allocation-by-site "$work/ferry.jfr" >"$ROOT/bench/router/out/allocation-by-site.txt"
  "$JAVA_HOME/bin/jfr" view --width 200 gc "$work/ferry.jfr" >"$ROOT/bench/router/out/gc.txt"
  cp "$work/ferry.jfr" "$ROOT/bench/router/out/ferry.jfr"
  python3 "$ROOT/bench/router/jfr_top.py" "$JAVA_HOME/bin/jfr" "$work/ferry.jfr" | tee "$ROOT/bench/router/out/top-frames.txt"
  cat "$work/wrk-pinned-ferry-small-1.txt"
  log "profile written to bench/router/out/"
  exit 0
fi

FIRST_LAYOUT=${LAYOUTS%% *}
for layout in $LAYOUTS; do
  set_layout "$layout"
  start_backend || exit 1
  log "== $layout: every proxy with 1 route =="
  for peer in $PEERS; do "start_$peer" 1 || { log "$peer did not start"; stop_peer "$peer"; }; done
  for peer in $PEERS; do [[ -n ${PID[$peer]:-} ]] && warm_up "$peer"; done
  rounds "${LOADS_ONE[@]}"
  if [[ $layout == "$FIRST_LAYOUT" ]]; then # memory, route changes and WebSockets: one proxy at a time
    for peer in $PEERS; do
      [[ -z ${PID[$peer]:-} ]] && continue
      use_peer "$peer"
      idle_memory "$peer"
      route_change "$peer" 1 "$([[ $peer == nginx ]] && echo 20 || echo 300)"
      websocket_open "$peer"; change_once "$peer"; websocket_check "$peer"
    done
  fi
  for peer in $PEERS; do stop_peer "$peer"; done
  log "== $layout: every proxy with $ROUTES routes =="
  for peer in $PEERS; do "start_$peer" "$ROUTES" || { log "$peer did not start"; stop_peer "$peer"; }; done
  for peer in $PEERS; do [[ -n ${PID[$peer]:-} ]] && warm_up "$peer"; done
  rounds "${LOADS_MANY[@]}"
  if [[ $layout == "$FIRST_LAYOUT" ]]; then
    for peer in $PEERS; do
      [[ -z ${PID[$peer]:-} ]] && continue
      use_peer "$peer"; route_change "$peer" "$ROUTES" "$([[ $peer == nginx ]] && echo 5 || echo 300)"
    done
  fi
  for peer in $PEERS; do stop_peer "$peer"; done
  stop_backend
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
record meta layout_pinned "wrk ($LOAD_CORES thread(s)) and the backend (nginx, $LOAD_CORES worker(s)) on CPU $LOAD_CPUS; the proxy on CPU $PROXY_CPUS ($PROXY_CORES worker(s) or thread(s))"
record meta layout_free "every process on every core: wrk with $CORES threads, the backend and nginx with $CORES workers, HAProxy with $CORES threads, Ferry with one event loop per core"
record meta layouts "$LAYOUTS"
record meta load "each proxy warmed up for ${FIRST_WARMUP} s after its start; then $ROUNDS rounds, in each every load ${WARMUP} s unmeasured then ${DURATION} s measured through each proxy in turn"
record meta run_time_s $((SECONDS - START))
python3 bench/router/report.py "$RESULTS" "$OUT"
log "done in $((SECONDS - START)) s; figures written to $OUT"
