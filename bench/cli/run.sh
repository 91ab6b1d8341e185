#!/usr/bin/env bash
# CLI start-to-answer timing: starts `./ferry up` on free ports with a fresh data dir, creates an app with a
# config var, and times with hyperfine (WARMUP + RUNS runs each) commands that make one API call, step by step:
#   api-curl         - the API alone (curl): the floor no JVM reaches;
#   baseline-jar     - java -jar on BASELINE_JAR (optional: a jar of the CLI before this work, e.g. main's);
#   jar-plain        - java -jar on this jar with default JVM flags (only the command that runs is built,
#                      plain calls over HttpURLConnection);
#   jar-flags        - plus the launcher's CLI flags (C1 only, serial GC, no perf data file), no cache;
#   launcher-*       - ./ferry as users run it: those flags plus the start-up cache (AOT on JDK 24+, else CDS).
# Prints median and max wall time per step and its mean CPU time (user + system, which other load on the machine
# changes less), and writes the hyperfine JSON under bench/results/cli-<time>/. On a shared machine, run it as
# root under `nice -n -19` so that other work does not stretch the wall times.
# Usage: bench/cli/run.sh [RUNS] [WARMUP]   (default 20 and 3); BASELINE_JAR=/path/to/old/ferry.jar to compare.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT="$PWD"
RUNS="${1:-20}" WARMUP="${2:-3}"
command -v hyperfine >/dev/null || { echo "bench/cli: hyperfine is needed (apt-get install hyperfine)" >&2; exit 1; }
./ferry version >/dev/null   # builds the jar when it is stale, and makes the start-up cache
source scripts/java-home.sh
JAVA="$(find_java_home)/bin/java"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

work="$(mktemp -d)"; export XDG_CONFIG_HOME="$work/config"
results="$ROOT/bench/results/cli-$(date +%Y%m%d-%H%M%S)"; mkdir -p "$results"
HTTP=$(free_port); API=$(free_port)
timeout 1800 ./ferry up --http-port "$HTTP" --api-port "$API" --https-port 0 --ssh-port 0 --tunnel-port 0 \
  --data-dir "$work/data" >"$work/up.log" 2>&1 &
pid=$!
cleanup() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
for _ in $(seq 1 240); do grep -q "Ferry is up" "$work/up.log" && break; sleep 0.5; done
grep -q "Ferry is up" "$work/up.log" || { cat "$work/up.log"; exit 1; }
export FERRY_API_URL="http://127.0.0.1:$API" FERRY_API_TOKEN="$(cat "$work/data/admin-token")"
./ferry apps:create bench >/dev/null 2>&1   # also makes the start-up cache when the jar is new
./ferry config:set -a bench GREETING=hello >/dev/null

JAR="$ROOT/ferry-server/target/ferry.jar"
flags="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData"
steps=(-n api-curl "curl -sf -H 'Authorization: Bearer $FERRY_API_TOKEN' $FERRY_API_URL/api/apps")
if [[ -n "${BASELINE_JAR:-}" ]]; then
  cp "$BASELINE_JAR" "$work/baseline.jar"
  steps+=(-n baseline-jar "$JAVA -jar $work/baseline.jar apps")
fi
steps+=(-n jar-plain "$JAVA -jar $JAR apps")
steps+=(-n jar-flags "$JAVA $flags -jar $JAR apps")
steps+=(-n launcher-apps "./ferry apps")
steps+=(-n launcher-config "./ferry config -a bench")
steps+=(-n launcher-releases "./ferry releases -a bench")
steps+=(-n launcher-ps "./ferry ps -a bench")
steps+=(-n launcher-apps-info "./ferry apps:info -a bench")
steps+=(-n launcher-version "./ferry version")

hyperfine -N -w "$WARMUP" -r "$RUNS" --export-json "$results/hyperfine.json" "${steps[@]}" >"$results/hyperfine.txt" 2>&1
python3 - "$results/hyperfine.json" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    cpu = (r["user"] + r["system"]) * 1000
    print(f'{r["command"]:<20} median {r["median"] * 1000:7.1f} ms   max {max(r["times"]) * 1000:7.1f} ms   cpu {cpu:6.1f} ms')
PY
echo "bench/cli: $(nproc) cores, $(uptime | sed 's/.*load average/load average/'), $("$JAVA" -version 2>&1 | head -n1)"
