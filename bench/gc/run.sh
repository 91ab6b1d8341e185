#!/usr/bin/env bash
# The collector benchmark behind docs/decisions/033-collector-and-heap.md: `./ferry up` started once per collector
# (G1, Parallel, Serial, generational ZGC) with the launcher's own heap options, in two CPU layouts ("pinned": the
# JVM on the last core, wrk and the nginx backend on the others; "free": everything on every core), each start
# warmed up, then one keep-alive 13 B wrk load measured: requests per second, p99, and the JVM's resident memory
# after the load. Rounds alternate the collectors (the first one rotates) so a busy machine hurts each alike.
# Prints one line per measurement and a median table. Loopback only; every start is stopped; bounded in time.
# The heap options are the launcher's own (FERRY_HEAP_OPTS replaces them for a comparison); the collector is given
# to the launcher as FERRY_GC. Resident memory is read after the start (idle), after the load, and IDLE s later.
# Usage: bench/gc/run.sh; settings (environment): ROUNDS=2, WARMUP=10 (s), DURATION=8 (s), CONNS=32, IDLE=15 (s),
#        LAYOUTS="pinned free", GCS="G1 Parallel Serial ZGC".
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROUNDS="${ROUNDS:-2}" WARMUP="${WARMUP:-10}" DURATION="${DURATION:-8}" CONNS="${CONNS:-32}" IDLE="${IDLE:-15}"
LAYOUTS="${LAYOUTS:-pinned free}" GCS="${GCS:-G1 Parallel Serial ZGC}"
export PATH="$PATH:/usr/sbin"
./ferry up --help >/dev/null  # builds the jar only when it is missing or stale
work="$(mktemp -d)"; chmod 755 "$work"; pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
CORES=$(nproc); LAST=$((CORES - 1)); OTHERS="0-$((LAST > 0 ? LAST - 1 : 0))"

BE=$(free_port)
mkdir -p "$work/www" "$work/tmp"; printf 'hello world!\n' >"$work/www/small"
cat >"$work/nginx.conf" <<NGINX
worker_processes 1;
pid $work/nginx.pid;
error_log $work/error.log warn;
events { worker_connections 4096; }
http { access_log off; keepalive_requests 1000000; client_body_temp_path $work/tmp;
  server { listen 127.0.0.1:$BE; root $work/www; } }
NGINX
taskset -c "$OTHERS" nginx -p "$work" -c "$work/nginx.conf" -g 'daemon off;' & pids+=($!)

rss_mib() { echo $(( $(ps -o rss= -p "${1:-0}" 2>/dev/null || echo 0) / 1024 )); }
flag() { case $1 in G1) echo -XX:+UseG1GC ;; Parallel) echo -XX:+UseParallelGC ;; Serial) echo -XX:+UseSerialGC ;;
  ZGC) echo -XX:+UseZGC ;; *) echo "unknown collector $1" >&2; exit 2 ;; esac; }

measure() { # layout gc round -> one result line
  local layout=$1 gc=$2 data="$work/d" http api pin="" load_pin="" pid out="$work/wrk.txt"
  rm -rf "$data"; mkdir -p "$data"
  python3 bench/router/tools.py journal "$data/routes.journal" "$BE" 0 bench.local
  http=$(free_port) api=$(free_port)
  [[ $layout == pinned ]] && pin="taskset -c $LAST" load_pin="taskset -c $OTHERS"
  HOME="$work" XDG_CONFIG_HOME="$work/config" FERRY_GC="$(flag "$gc")" timeout 300 $pin ./ferry up \
    --http-port "$http" --api-port "$api" --https-port 0 --ssh-port 0 --tunnel-port 0 --data-dir "$data" \
    >"$data/up.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 240); do curl -sf -o /dev/null -m 1 -H 'Host: bench.local' "http://127.0.0.1:$http/small" && break; sleep 0.5; done
  local java rss_start rss rss_idle rps p99
  sleep 3
  java=$(pgrep -P "$pid" java | head -n1)
  rss_start=$(rss_mib "$java")
  $load_pin timeout $((WARMUP + 20)) wrk -t1 -c"$CONNS" -d"${WARMUP}s" -H 'Host: bench.local' "http://127.0.0.1:$http/small" >/dev/null 2>&1
  $load_pin timeout $((DURATION + 30)) wrk -t1 -c"$CONNS" -d"${DURATION}s" --latency -H 'Host: bench.local' \
    "http://127.0.0.1:$http/small" >"$out" 2>&1
  rss=$(rss_mib "$java")
  sleep "$IDLE"
  rss_idle=$(rss_mib "$java")
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  rps=$(awk '/Requests\/sec/ {print int($2)}' "$out")
  p99=$(awk '$1 == "99%" {print $2}' "$out")
  echo "$layout $gc $3 rps=${rps:-0} p99=${p99:-?} rss_start_mib=$rss_start rss_mib=$rss rss_idle_mib=$rss_idle load=$(cut -d' ' -f1 /proc/loadavg)"
}

results="$work/results"; : >"$results"
gcs=($GCS)
for layout in $LAYOUTS; do
  for r in $(seq 1 "$ROUNDS"); do
    for i in $(seq 0 $((${#gcs[@]} - 1))); do
      measure "$layout" "${gcs[$(((i + r - 1) % ${#gcs[@]}))]}" "$r" | tee -a "$results"
    done
  done
done
python3 - "$results" <<'PY'
import statistics, sys, re, collections
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    f = line.split()
    kv = dict(x.split("=", 1) for x in f[3:])
    rows[(f[0], f[1])].append(kv)
def ms(v):
    m = re.match(r"([\d.]+)(us|ms|s)", v or "")
    return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)] if m else float("nan")
def rss(kvs):
    return " / ".join("%.0f" % statistics.median(int(k[c]) for k in kvs) for c in ("rss_start_mib", "rss_mib", "rss_idle_mib"))
print("| layout | collector | req/s (median) | p99 (median) | RSS after start / after load / idle again | load average |")
print("|---|---|---|---|---|---|")
for (layout, gc), kvs in rows.items():
    print(f"| {layout} | {gc} | {statistics.median(int(k['rps']) for k in kvs):,.0f} "
          f"| {statistics.median(ms(k['p99']) for k in kvs):.2f} ms | {rss(kvs)} MiB "
          f"| {', '.join(k['load'] for k in kvs)} |")
PY
