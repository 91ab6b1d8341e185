#!/usr/bin/env bash
# Deploy and rollback timing: starts `./ferry up` on free ports with a fresh data dir, creates an app, and
# measures, ROUNDS times each:
#   deploy   - from the start of `git push` of a new version of a Procfile-only app (a small Python HTTP
#              server) until the router serves the new version (build + release + boot + health + switch);
#   push     - how long `git push` itself took (it returns once the new instances serve);
#   rollback - from POST /api/apps/<app>/releases/rollback until the router serves the previous version
#              (the slug is already unpacked: the target is under 2 s).
# Prints one line per measurement and a summary (min / median / max, ms). Bounded in time.
# Usage: bench/deploy/run.sh [ROUNDS]   (default 5)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT="$PWD"
ROUNDS="${1:-5}"
./ferry build >/dev/null
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
now_ms() { date +%s%3N; }

work="$(mktemp -d)"; export XDG_CONFIG_HOME="$work/config" HOME="$work/home"; mkdir -p "$HOME"
HTTP=$(free_port); API=$(free_port)
timeout 1800 ./ferry up --http-port "$HTTP" --api-port "$API" --https-port 0 --ssh-port 0 --tunnel-port 0 \
  --data-dir "$work/data" >"$work/up.log" 2>&1 &
pid=$!
cleanup() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
for _ in $(seq 1 240); do grep -q "Ferry is up" "$work/up.log" && break; sleep 0.5; done
grep -q "Ferry is up" "$work/up.log" || { cat "$work/up.log"; exit 1; }
TOKEN="$(cat "$work/data/admin-token")"
api() { curl -sf -X "$1" "http://127.0.0.1:$API$2" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' ${3:+-d "$3"}; }
api POST /api/apps '{"name":"bench"}' >/dev/null

app="$work/app"; mkdir -p "$app"; cd "$app"
git init -q -b main
git config user.email bench@example.com; git config user.name bench
git config credential.helper "!f() { test \"\$1\" = get && echo username=ferry && echo password=$TOKEN; }; f"
echo 'web: /usr/bin/python3 server.py' > Procfile
cat > server.py <<'PY'
import http.server, os
VERSION = open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "version.txt")).read().strip()
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_GET(self):
        body = (VERSION + "\n").encode()
        self.send_response(200); self.send_header("Content-Length", str(len(body))); self.end_headers(); self.wfile.write(body)
    def log_message(self, *a): pass
http.server.ThreadingHTTPServer(("", int(os.environ["PORT"])), H).serve_forever()
PY
REMOTE="http://127.0.0.1:$API/git/bench.git"

# Polls the router every 20 ms (at most 180 s) until it answers $1; prints the time it first did.
serving_at() {
  local deadline=$(( $(now_ms) + 180000 ))
  while [ "$(now_ms)" -lt "$deadline" ]; do
    if [ "$(curl -s -m 2 -H 'Host: bench.localhost' "http://127.0.0.1:$HTTP/" 2>/dev/null)" = "$1" ]; then now_ms; return; fi
    sleep 0.02
  done
  echo "never served $1" >&2; exit 1
}

deploys=(); pushes=(); rollbacks=()
version=0
release=0
declare -A serves   # release number -> the version it serves
deploy() {
  version=$((version + 1)); echo "v$version" > version.txt; git add -A; git commit -qm "v$version"
  local t0; t0=$(now_ms)
  git push -q ferry-bench main 2>"$work/push.log" || { cat "$work/push.log"; exit 1; }
  local pushed; pushed=$(now_ms)
  local served; served=$(serving_at "v$version")
  release=$((release + 1)); serves[$release]="v$version"
  deploys+=($((served - t0))); pushes+=($((pushed - t0)))
  echo "deploy v$version: serving after $((served - t0)) ms (git push took $((pushed - t0)) ms)"
}
git remote add ferry-bench "$REMOTE"
deploy   # the first deploy, not counted below: it warms the JVM
deploys=(); pushes=()
for _ in $(seq 1 "$ROUNDS"); do deploy; done
for _ in $(seq 1 "$ROUNDS"); do
  target=$((release - 1)); previous="${serves[$target]}"
  t0=$(now_ms)
  api POST /api/apps/bench/releases/rollback "{\"version\":$target}" >/dev/null
  served=$(serving_at "$previous")
  release=$((release + 1)); serves[$release]="$previous"
  rollbacks+=($((served - t0)))
  echo "rollback to release v$target ($previous): serving after $((served - t0)) ms"
  deploy
done

summary() {
  local name=$1; shift
  printf '%s\n' "$@" | sort -n | awk -v n="$name" '{a[NR]=$1} END {printf "%-9s n=%d  min %d  median %d  max %d ms\n", n, NR, a[1], a[int((NR+1)/2)], a[NR]}'
}
echo "== $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo), $(uname -sr), $("$ROOT"/ferry --version 2>/dev/null | head -1 || true) =="
grep -m1 "runtime" "$work/up.log" || true
summary deploy "${deploys[@]}"
summary push "${pushes[@]}"
summary rollback "${rollbacks[@]}"
