#!/usr/bin/env bash
# HTTPS through Ferry's router next to nginx and HAProxy, in one run, on loopback: new TLS connections per
# second (wrk with Connection: close, so every request is a full handshake) and keep-alive requests per second
# over TLS, each with its p99, to one shared nginx backend. One EC P-256 certificate for "localhost" (made here
# with openssl) serves all three; each proxy picks it by SNI ("localhost", the only name wrk can send here; Ferry
# runs with --domain bench.test so that "localhost" can be a custom domain of an app "bench").
# Session resumption is each proxy's default (tickets on); wrk may resume sessions when it reconnects, as browsers
# do, so "new connections" are new TCP connections with a TLS handshake, full or resumed. Then HTTP/2 over TLS:
# h2load (h2 by ALPN; nginx "listen ... ssl http2", HAProxy "alpn h2,http/1.1", Ferry by default) with H2_CONNS
# connections of H2_STREAMS concurrent streams each; its p99 comes from h2load's per-request log.
# Prints a Markdown table; paste it into docs/benchmarks.md ("HTTPS"). Every load is bounded; stops what it starts.
#
# Usage: bench/tls/run.sh     Settings (environment): DURATION=10 (s per load), WARMUP=5 (s), CONNS=64,
#                             H2_CONNS=32, H2_STREAMS=10, PEERS="ferry nginx haproxy".
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
DURATION="${DURATION:-10}" WARMUP="${WARMUP:-5}" CONNS="${CONNS:-64}" PEERS="${PEERS:-ferry nginx haproxy}"
H2_CONNS="${H2_CONNS:-32}" H2_STREAMS="${H2_STREAMS:-10}"
log() { printf '[%4ds] %s\n' "$SECONDS" "$*" >&2; }

missing=()
command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx)
command -v haproxy >/dev/null || [[ -x /usr/sbin/haproxy ]] || missing+=(haproxy)
command -v wrk >/dev/null || missing+=(wrk)
command -v h2load >/dev/null || missing+=(nghttp2-client)
if ((${#missing[@]})); then
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null \
    || { echo "could not install ${missing[*]}" >&2; exit 1; }
fi
export PATH="$PATH:/usr/sbin"
ulimit -n 65536 2>/dev/null || true

work="$(mktemp -d)"; chmod 755 "$work"
export XDG_CONFIG_HOME="$work/config"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
CORES=$(nproc); half=$((CORES > 1 ? CORES / 2 : 1))
LOAD_CPUS="0-$((half - 1))"; PROXY_CPUS="$((CORES > 1 ? half : 0))-$((CORES - 1))"

# --- the certificate and the backend -------------------------------------------------------------------
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$work/key.pem" -out "$work/cert.pem" \
  -days 7 -subj /CN=localhost -addext subjectAltName=DNS:localhost -addext basicConstraints=critical,CA:FALSE 2>/dev/null
cat "$work/cert.pem" "$work/key.pem" >"$work/combined.pem"
BE=$(free_port) P=$(free_port) PS=$(free_port) API=$(free_port)
mkdir -p "$work/be"; printf 'hello world!\n' >"$work/be/small"
cat >"$work/be/nginx.conf" <<CONF
worker_processes 1; pid $work/be/nginx.pid; error_log $work/be/error.log warn;
events { worker_connections 8192; }
http { access_log off; keepalive_requests 1000000; default_type text/plain;
  server { listen 127.0.0.1:$BE backlog=4096; root $work/be; } }
CONF
taskset -c "$LOAD_CPUS" nginx -p "$work/be" -c "$work/be/nginx.conf" -g 'daemon off;' & pids+=($!)

wait_https() { # until https://localhost:$PS/small answers 200 with the certificate, at most 120 s
  for _ in $(seq 1 240); do
    [[ "$(curl -s --cacert "$work/cert.pem" -o /dev/null -w '%{http_code}' "https://localhost:$PS/small")" == 200 ]] && return 0
    sleep 0.5
  done
  echo "no HTTPS answer on $PS" >&2; return 1
}

start_ferry() {
  local data="$work/ferry"; mkdir -p "$data"
  taskset -c "$PROXY_CPUS" ./ferry up --http-port "$P" --https-port "$PS" --api-port "$API" --ssh-port 0 --tunnel-port 0 \
    --domain bench.test --data-dir "$data" --max-connections-per-client 20000 >"$data/up.log" 2>&1 & PROXY_PID=$!; pids+=("$PROXY_PID")
  for _ in $(seq 1 240); do grep -q "Ferry is up" "$data/up.log" && break; sleep 0.5; done
  local token api="http://127.0.0.1:$API/api"; token="$(cat "$data/admin-token")"
  local auth=(-H "Authorization: Bearer $token" -H 'Content-Type: application/json')
  curl -sf -o /dev/null "${auth[@]}" -X POST "$api/apps" -d '{"name":"bench"}'
  curl -sf -o /dev/null "${auth[@]}" -X POST "$api/apps/bench/domains" -d '{"hostname":"localhost"}'
  curl -sf -o /dev/null "${auth[@]}" -X POST "$api/routes" -d "{\"domain\":\"localhost\",\"targetUrl\":\"http://127.0.0.1:$BE\",\"force\":true}"
  python3 -c 'import json,sys; print(json.dumps({"certificate": open(sys.argv[1]).read(), "privateKey": open(sys.argv[2]).read()}))' \
    "$work/cert.pem" "$work/key.pem" | curl -sf -o /dev/null "${auth[@]}" -X POST "$api/apps/bench/certs" --data-binary @-
  grep -o "HTTPS uses .*" "$data/up.log" >&2 || true
}

start_nginx() {
  mkdir -p "$work/nginx"
  cat >"$work/nginx/nginx.conf" <<CONF
worker_processes 1; pid $work/nginx/nginx.pid; error_log $work/nginx/error.log warn;
events { worker_connections 20000; }
http { access_log off; keepalive_requests 1000000;
  upstream be { server 127.0.0.1:$BE; keepalive 256; }
  server { listen 127.0.0.1:$PS ssl http2 backlog=4096; server_name localhost;
    ssl_certificate $work/cert.pem; ssl_certificate_key $work/key.pem;
    ssl_protocols TLSv1.2 TLSv1.3;
    location / { proxy_pass http://be; proxy_http_version 1.1; proxy_set_header Connection "";
      proxy_set_header Host \$host; proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto https; } } }
CONF
  taskset -c "$PROXY_CPUS" nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off;' & PROXY_PID=$!; pids+=("$PROXY_PID")
}

start_haproxy() {
  mkdir -p "$work/haproxy"
  cat >"$work/haproxy/haproxy.cfg" <<CONF
global
  maxconn 8000
  nbthread 1
  ssl-default-bind-options ssl-min-ver TLSv1.2
defaults
  mode http
  timeout connect 5s
  timeout client 55s
  timeout server 30s
frontend fe
  bind 127.0.0.1:$PS ssl crt $work/combined.pem alpn h2,http/1.1
  option forwardfor
  http-request set-header X-Forwarded-Proto https
  default_backend be
backend be
  http-reuse always
  server s1 127.0.0.1:$BE
CONF
  taskset -c "$PROXY_CPUS" haproxy -db -f "$work/haproxy/haproxy.cfg" >"$work/haproxy/log" 2>&1 & PROXY_PID=$!; pids+=("$PROXY_PID")
}

load() { # peer name [wrk args...]: one bounded wrk run; prints "req/s p99"
  local peer=$1 name=$2; shift 2
  local args=(-t1 -c"$CONNS" "$@" "https://localhost:$PS/small")
  taskset -c "$LOAD_CPUS" timeout $((WARMUP + 20)) wrk -d"${WARMUP}s" "${args[@]}" >/dev/null 2>&1
  taskset -c "$LOAD_CPUS" timeout $((DURATION + 30)) wrk --latency -d"${DURATION}s" --timeout 10s "${args[@]}" >"$work/$peer-$name.txt" 2>&1
  local rps p99 errors
  rps=$(awk '/Requests\/sec/ {print int($2)}' "$work/$peer-$name.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$work/$peer-$name.txt")
  errors=$(grep -oE 'Non-2xx or 3xx responses: [0-9]+|Socket errors: .*' "$work/$peer-$name.txt" | tr '\n' ' ')
  log "$peer $name: $rps req/s, p99 $p99 $errors"
  printf '%s\t%s\t%s\n' "$rps" "$p99" "${errors:-none}"
}

load_h2() { # peer: one bounded h2load run over h2; prints "req/s p99 errors"
  local peer=$1
  local args=(-t1 -c"$H2_CONNS" -m"$H2_STREAMS" "https://localhost:$PS/small")
  taskset -c "$LOAD_CPUS" timeout $((WARMUP + 20)) h2load -D"$WARMUP" "${args[@]}" >/dev/null 2>&1
  taskset -c "$LOAD_CPUS" timeout $((DURATION + 30)) h2load -D"$DURATION" --log-file="$work/$peer-h2.log" "${args[@]}" \
    >"$work/$peer-h2.txt" 2>&1
  local rps p99 errors
  rps=$(awk '/^finished in/ {for (i = 2; i <= NF; i++) if ($i == "req/s,") print int($(i - 1))}' "$work/$peer-h2.txt")
  p99=$(awk -F'\t' '{print $3}' "$work/$peer-h2.log" | sort -n | awk '{v[NR] = $1} END {if (NR) printf "%.2fms", v[int(NR * 0.99)] / 1000}')
  errors=$(awk '/^requests:/ {print $10 " failed, " $12 " errored,"} /^status codes:/ {print $7 " 4xx, " $9 " 5xx"}' \
    "$work/$peer-h2.txt" | tr '\n' ' ')
  grep -q "Application protocol: h2" "$work/$peer-h2.txt" || errors="not h2! $errors"
  log "$peer h2: $rps req/s, p99 $p99 $errors"
  printf '%s\t%s\t%s\n' "$rps" "$p99" "${errors:-none}"
}

if [[ " $PEERS " == *" ferry "* ]]; then # the launcher builds a stale jar first: not within start_ferry's wait
  log "building Ferry's jar when stale"
  ./ferry --help >/dev/null 2>&1 || { echo "./ferry --help failed: the jar does not build" >&2; exit 1; }
fi
rows=()
h2rows=()
for peer in $PEERS; do
  log "starting $peer"
  "start_$peer"
  wait_https || exit 1
  handshake=$(load "$peer" handshakes -H "Connection: close")
  keepalive=$(load "$peer" keepalive)
  h2=$(load_h2 "$peer")
  h2rows+=("| $peer | $(cut -f1 <<<"$h2") | $(cut -f2 <<<"$h2") | $(cut -f3 <<<"$h2") |")
  rows+=("| $peer | $(cut -f1 <<<"$handshake") | $(cut -f2 <<<"$handshake") | $(cut -f1 <<<"$keepalive") | $(cut -f2 <<<"$keepalive") | $(cut -f3 <<<"$handshake") / $(cut -f3 <<<"$keepalive") |")
  kill "$PROXY_PID" 2>/dev/null; wait "$PROXY_PID" 2>/dev/null
done
echo "| proxy | new TLS connections/s | p99 | keep-alive req/s over TLS | p99 | errors (handshakes / keep-alive) |"
echo "|---|---:|---:|---:|---:|---|"
printf '%s\n' "${rows[@]}"
echo
echo "| proxy | h2 req/s over TLS (h2load -c$H2_CONNS -m$H2_STREAMS) | p99 | errors |"
echo "|---|---:|---:|---|"
printf '%s\n' "${h2rows[@]}"
echo
echo "$(date -u +%Y-%m-%d), $(nproc) cores, wrk -t1 -c$CONNS, ${DURATION}s per load after ${WARMUP}s warm-up; load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
