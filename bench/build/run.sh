#!/usr/bin/env bash
# Build benchmark: starts `./ferry up` on free ports with a fresh data directory, pushes each example in
# examples/ with the real git over HTTP, and prints how long the pushes took.
#
#   bench/build/run.sh [PROCFILE_PUSHES]      (default 5; ROUNDS=n repeats the Node/Maven pairs, default 1)
#
# For node-express and java-maven: the first push (empty build cache) and a second push of a new commit
# (the npm cache / Maven repository kept from the first). For examples/procfile: Ferry's own overhead, i.e.
# the time of `git push` to Ferry minus the time of pushing the same commit to a plain bare repository
# (file://), and the window between the first and last `remote:` line of the build, both as medians.
# Everything runs on 127.0.0.1; the platform and its data directory are removed at the end.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PROCFILE_PUSHES="${1:-5}"
ROUNDS="${ROUNDS:-1}"
WORK="$(mktemp -d -t ferry-build-bench.XXXXXX)"
DATA="$WORK/data"
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.com GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.com

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
API_PORT="$(free_port)"
HTTP_PORT="$(free_port)"
FERRY_PID=""

cleanup() {
  if [[ -n "$FERRY_PID" ]] && kill -0 "$FERRY_PID" 2>/dev/null; then
    kill "$FERRY_PID"
    for _ in $(seq 1 50); do kill -0 "$FERRY_PID" 2>/dev/null || break; sleep 0.2; done
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

now() { echo "$EPOCHREALTIME"; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "Starting ferry up (api $API_PORT, http $HTTP_PORT, data $DATA)..." >&2
# XDG_CONFIG_HOME: `ferry up` points the CLI's credentials at itself; keep the user's file untouched.
XDG_CONFIG_HOME="$WORK/config" "$ROOT/ferry" up --api-port "$API_PORT" --http-port "$HTTP_PORT" --https-port 0 --ssh-port 0 --tunnel-port 0 \
  --data-dir "$DATA" >"$WORK/ferry.log" 2>&1 &
FERRY_PID=$!
for _ in $(seq 1 600); do
  [[ -f "$DATA/admin-token" ]] && curl -fsS -o /dev/null "http://127.0.0.1:$API_PORT/api/openapi.json" 2>/dev/null && break
  kill -0 "$FERRY_PID" 2>/dev/null || { cat "$WORK/ferry.log" >&2; exit 1; }
  sleep 0.5
done
TOKEN="$(cat "$DATA/admin-token")"
GIT_AUTH=(-c credential.helper= -c "credential.helper=!f() { test \"\$1\" = get && echo username=ferry && echo password=$TOKEN; }; f")

create_app() {
  curl -fsS -o /dev/null -X POST -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "{\"name\":\"$1\"}" "http://127.0.0.1:$API_PORT/api/apps"
}

# prepare DIR EXAMPLE: a git repository holding a copy of the example, one commit.
prepare() {
  rm -rf "$1"
  mkdir -p "$1"
  (cd "$ROOT/examples/$2" && tar --exclude=node_modules --exclude=target -cf - .) | tar -xf - -C "$1"
  git -C "$1" init -q -b main
  git -C "$1" add -A
  git -C "$1" commit -q -m "$2"
}

# timed_push DIR URL: pushes main, prints "<seconds> <first remote line .. last remote line seconds>".
timed_push() {
  local start end first="" last="" line t
  start="$(now)"
  while IFS= read -r line; do
    t="$(now)"
    if [[ "$line" == remote:* ]]; then
      [[ -z "$first" ]] && first="$t"
      last="$t"
    fi
    echo "$line" >>"$WORK/push.log"
  done < <(git -C "$1" "${GIT_AUTH[@]}" push --progress "$2" main 2>&1; echo "exit=$?")
  end="$(now)"
  if ! tail -n 1 "$WORK/push.log" | grep -q '^exit=0$'; then
    echo "push to $2 failed:" >&2
    tail -n 30 "$WORK/push.log" >&2
    exit 1
  fi
  if [[ -n "$first" ]]; then
    echo "$(elapsed "$start" "$end") $(elapsed "$first" "$last")"
  else
    echo "$(elapsed "$start" "$end") 0"
  fi
}

remote() { echo "http://127.0.0.1:$API_PORT/git/$1.git"; }

echo
echo "| example | push | wall time (s) | build output window (s) |"
echo "|---|---|---|---|"
for round in $(seq 1 "$ROUNDS"); do
for example in node-express java-maven; do
  app="bench-$example-$round"
  create_app "$app"
  prepare "$WORK/$example" "$example"
  read -r wall window < <(timed_push "$WORK/$example" "$(remote "$app")")
  echo "| $example | first (empty cache) | $wall | $window |"
  echo "bench $(date -u +%FT%TZ)" >"$WORK/$example/BENCH"
  git -C "$WORK/$example" add BENCH && git -C "$WORK/$example" commit -q -m "second push"
  read -r wall window < <(timed_push "$WORK/$example" "$(remote "$app")")
  echo "| $example | second (cache kept) | $wall | $window |"
done
done

create_app bench-procfile
prepare "$WORK/procfile" procfile
ferry_times=() plain_times=() windows=()
for i in $(seq 1 "$PROCFILE_PUSHES"); do
  echo "$i" >"$WORK/procfile/PUSH"
  git -C "$WORK/procfile" add PUSH && git -C "$WORK/procfile" commit -q -m "push $i"
  read -r wall window < <(timed_push "$WORK/procfile" "$(remote bench-procfile)")
  ferry_times+=("$wall"); windows+=("$window")
  rm -rf "$WORK/plain.git" && git init -q --bare "$WORK/plain.git"
  read -r plain _ < <(timed_push "$WORK/procfile" "file://$WORK/plain.git")
  plain_times+=("$plain")
done
ferry_median="$(printf '%s\n' "${ferry_times[@]}" | median)"
plain_median="$(printf '%s\n' "${plain_times[@]}" | median)"
window_median="$(printf '%s\n' "${windows[@]}" | median)"
echo "| procfile | median of $PROCFILE_PUSHES pushes | $ferry_median | $window_median |"
echo
echo "procfile: plain bare-repository push (file://) median $plain_median s;" \
  "Ferry's overhead = $(elapsed "$plain_median" "$ferry_median") s"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)," \
  "$(uname -sr), git $(git --version | awk '{ print $3 }'), node $(node --version), npm $(npm --version 2>/dev/null)," \
  "load average $(cut -d' ' -f1-3 /proc/loadavg), mvn $(mvn -B -v 2>/dev/null | awk 'NR == 1 { print $3 }'), java $(java -version 2>&1 | awk -F'"' 'NR == 1 { print $2 }')"
