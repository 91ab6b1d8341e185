# The three reverse proxies of bench/router/run.sh, sourced by it. Each start_<peer> ROUTES starts one proxy with
# ROUTES routes (bench.local to the backend, ws.local to the WebSocket echo server, the rest bulk hosts) on
# PORT[<peer>], records its start time, and leaves its pid in PID[<peer>]. The layout's variables say where it
# runs: PROXY_PIN (a taskset prefix, empty when free) and PROXY_WORKERS (nginx workers, HAProxy threads; Ferry
# takes one event loop per core it may use). Uses: work, BE, WS, NOFILE, TOOLS, record, wait_http, pids.

start_ferry() { # routes
  local data="$work/ferry-$1" port=${PORT[ferry]}; rm -rf "$data"; mkdir -p "$data"
  $TOOLS journal "$data/routes.journal" "$BE" $(($1 - 1)) bench.local
  local t0=$SECONDS
  FERRY_JAVA_OPTS="${FERRY_JAVA_OPTS:-}" $PROXY_PIN ./ferry up --http-port "$port" --api-port "$API" --https-port 0 \
    --ssh-port 0 --tunnel-port 0 --data-dir "$data" --max-connections-per-client 20000 >"$data/up.log" 2>&1 &
  PID[ferry]=$!; pids+=("${PID[ferry]}")
  for _ in $(seq 1 240); do grep -q "Ferry is up" "$data/up.log" && break; sleep 0.5; done
  TOKEN="$(cat "$data/admin-token")"
  curl -sf -o /dev/null -X POST "http://127.0.0.1:$API/api/routes" -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' -d "{\"domain\":\"ws.local\",\"targetUrl\":\"http://127.0.0.1:$WS\"}"
  wait_http "$port" bench.local && record ferry "start_s_$1" $((SECONDS - t0))
}

start_nginx() { # routes
  local d="$work/nginx" port=${PORT[nginx]}; rm -rf "$d"; mkdir -p "$d/tmp"
  $TOOLS hostmap "$d/hosts.map" nginx $(($1 - 1)) bench.local=be ws.local=ws_be
  cat >"$d/nginx.conf" <<EOF
worker_processes $PROXY_WORKERS;
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
    listen 127.0.0.1:$port backlog=4096;
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
  $PROXY_PIN nginx -p "$d" -c "$d/nginx.conf" -e "$d/error.log" -g 'daemon off;' &
  PID[nginx]=$!; pids+=("${PID[nginx]}")
  wait_http "$port" bench.local && record nginx "start_s_$1" $((SECONDS - t0))
}

start_haproxy() { # routes
  local d="$work/haproxy" port=${PORT[haproxy]}; rm -rf "$d"; mkdir -p "$d"
  $TOOLS hostmap "$d/hosts.map" haproxy $(($1 - 1)) bench.local=be ws.local=ws_be
  cat >"$d/haproxy.cfg" <<EOF
global
  maxconn 40000
  no strict-limits
  nbthread $PROXY_WORKERS
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
  bind 127.0.0.1:$port
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
  $PROXY_PIN haproxy -db -f "$d/haproxy.cfg" >"$d/haproxy.log" 2>&1 &
  PID[haproxy]=$!; pids+=("${PID[haproxy]}")
  wait_http "$port" bench.local && record haproxy "start_s_$1" $((SECONDS - t0))
}

stop_peer() { # peer
  local pid=${PID[$1]:-}
  [[ -z $pid ]] && return
  kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  for _ in $(seq 1 40); do curl -s -o /dev/null --max-time 1 "http://127.0.0.1:${PORT[$1]}/" || break; sleep 0.25; done
  PID[$1]=""
}
