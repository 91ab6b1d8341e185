#!/usr/bin/env bash
# Ferry's tunnel next to a direct connection and OpenSSH's `ssh -R`, in one run on this machine: the same
# nginx backend ("the app on the device") reached (1) directly, (2) through `ssh -R` to a loopback sshd,
# (3) through the tunnel's gateway listener (gateway -> agent -> app, what ssh -R does), and (4) through
# the router at hello--dev.localhost (router -> gateway -> agent -> app, what users get). wrk measures
# throughput (64 KiB responses, 16 connections) and latency (13-byte responses, 1 connection), then 1,000
# concurrent connections (= 1,000 streams on one tunnel). TunnelMemoryBench.java measures memory per idle
# tunnel and per open stream. Installs nginx, wrk and openssh-server from Debian's packages when missing.
# Loopback only; every wait and load is bounded; stops everything it starts. Prints a Markdown table.
#
# Usage: bench/tunnel/run.sh        Settings (environment): DURATION=10 (s per load), WARMUP=3 (s).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT="$PWD"
DURATION="${DURATION:-10}" WARMUP="${WARMUP:-3}"
START=$SECONDS
log() { printf '[%4ds] %s\n' $((SECONDS - START)) "$*" >&2; }

missing=()
command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx)
command -v wrk >/dev/null || missing+=(wrk)
[[ -x /usr/sbin/sshd ]] || missing+=(openssh-server)
command -v ssh >/dev/null || missing+=(openssh-client)
if ((${#missing[@]})); then
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  log "installing ${missing[*]}"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null \
    || { echo "could not install ${missing[*]}" >&2; exit 1; }
fi
export PATH="$PATH:/usr/sbin"
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
./ferry build >/dev/null || exit 1
source scripts/java-home.sh
JAVA_HOME="$(find_java_home)"

work="$(mktemp -d)"
export XDG_CONFIG_HOME="$work/config"
chmod 755 "$work"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_200() { # port [host]
  for _ in $(seq 1 240); do
    [[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Host: ${2:-any}" "http://127.0.0.1:$1/small")" == 200 ]] && return 0
    sleep 0.5
  done
  echo "127.0.0.1:$1 did not answer 200" >&2; return 1
}

# --- the app on the device: nginx with fixed bodies ------------------------------------------------------
BE=$(free_port)
mkdir -p "$work/be/www"
printf 'hello world!\n' >"$work/be/www/small"
head -c 65536 /dev/zero | tr '\0' 'b' >"$work/be/www/64k"
cat >"$work/be/nginx.conf" <<CONF
worker_processes 1;
pid $work/be/nginx.pid;
error_log $work/be/error.log warn;
events { worker_connections 8192; }
http { access_log off; sendfile on; keepalive_requests 1000000; default_type text/plain;
  server { listen 127.0.0.1:$BE backlog=4096; root $work/be/www; } }
CONF
nginx -p "$work/be" -c "$work/be/nginx.conf" -e "$work/be/error.log" -g 'daemon off;' &
pids+=($!)
wait_200 "$BE" || exit 1

# --- Ferry with its gateway, and the agent ---------------------------------------------------------------
HTTP=$(free_port) API=$(free_port) TUN=$(free_port)
./ferry up --http-port "$HTTP" --api-port "$API" --tunnel-port "$TUN" --https-port 0 --ssh-port 0 \
  --data-dir "$work/ferry" --max-connections-per-client 20000 >"$work/up.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 240); do grep -q "Ferry is up" "$work/up.log" && break; sleep 0.5; done
export FERRY_API_URL="http://127.0.0.1:$API" FERRY_API_TOKEN="$(cat "$work/ferry/admin-token")"
./ferry apps:create hello >/dev/null || exit 1
./ferry tunnel "$BE" -a hello >"$work/agent.log" 2>&1 &
AGENT=$!; pids+=($AGENT)
wait_200 "$HTTP" hello--dev.localhost || { cat "$work/agent.log" >&2; exit 1; }
LISTENER=$(curl -s -H "Authorization: Bearer $FERRY_API_TOKEN" "$FERRY_API_URL/api/routes/hello--dev.localhost" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["targets"][0]["url"].rsplit(":",1)[1])')

# --- sshd on a loopback port and ssh -R ------------------------------------------------------------------
SSHD=$(free_port) RP=$(free_port)
mkdir -p "$work/ssh" && chmod 700 "$work/ssh"
ssh-keygen -q -t ed25519 -N '' -f "$work/ssh/host" && ssh-keygen -q -t ed25519 -N '' -f "$work/ssh/user"
cp "$work/ssh/user.pub" "$work/ssh/authorized_keys"
cat >"$work/ssh/sshd_config" <<CONF
Port $SSHD
ListenAddress 127.0.0.1
HostKey $work/ssh/host
AuthorizedKeysFile $work/ssh/authorized_keys
PidFile $work/ssh/sshd.pid
StrictModes no
UsePAM no
PasswordAuthentication no
PermitRootLogin prohibit-password
AllowTcpForwarding yes
CONF
mkdir -p /run/sshd 2>/dev/null
/usr/sbin/sshd -D -e -f "$work/ssh/sshd_config" 2>"$work/ssh/sshd.log" &
pids+=($!)
sleep 1
ssh -N -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o ExitOnForwardFailure=yes -o LogLevel=ERROR \
  -i "$work/ssh/user" -p "$SSHD" -R "127.0.0.1:$RP:127.0.0.1:$BE" "$(id -un)@127.0.0.1" &
pids+=($!)
wait_200 "$RP" || { cat "$work/ssh/sshd.log" >&2; exit 1; }

# --- loads -----------------------------------------------------------------------------------------------
declare -A PORT=([direct]=$BE [ssh_R]=$RP [tunnel]=$LISTENER [router+tunnel]=$HTTP)
HOSTHDR="Host: hello--dev.localhost"
wrk_run() { # port path connections threads -> wrk output
  wrk -t"$4" -c"$3" -d"${WARMUP}s" -H "$HOSTHDR" "http://127.0.0.1:$1$2" >/dev/null 2>&1
  wrk -t"$4" -c"$3" -d"${DURATION}s" --latency -H "$HOSTHDR" "http://127.0.0.1:$1$2" 2>&1
}
ms() { # wrk latency value (e.g. 85.00us, 1.20ms, 2.1s) -> ms
  python3 -c 'import sys,re; v=sys.argv[1]; m=re.match(r"([\d.]+)(us|ms|s)",v); f={"us":0.001,"ms":1,"s":1000}[m.group(2)]; print(round(float(m.group(1))*f,3))' "$1"
}
declare -A MBS RPS P50 P99 C1K ERR KINDS
for peer in direct ssh_R tunnel router+tunnel; do
  log "$peer: throughput"
  out=$(wrk_run "${PORT[$peer]}" /64k 16 1)
  t=$(awk '/Transfer\/sec/ {print $2}' <<<"$out")
  MBS[$peer]=$(python3 -c 'import sys,re; v=sys.argv[1]; m=re.match(r"([\d.]+)(KB|MB|GB)",v); print(round(float(m.group(1))*{"KB":1/1024,"MB":1,"GB":1024}[m.group(2)],1))' "$t")
  log "$peer: latency"
  out=$(wrk_run "${PORT[$peer]}" /small 1 1)
  RPS[$peer]=$(awk '/Requests\/sec/ {print int($2)}' <<<"$out")
  P50[$peer]=$(ms "$(awk '$1=="50%" {print $2}' <<<"$out")")
  P99[$peer]=$(ms "$(awk '$1=="99%" {print $2}' <<<"$out")")
  log "$peer: 1000 connections"
  out=$(wrk_run "${PORT[$peer]}" /small 1000 2)
  C1K[$peer]=$(awk '/Requests\/sec/ {print int($2)}' <<<"$out")
  ERR[$peer]=$(awk '/Socket errors/ {gsub(",",""); print $4+$6+$8+$10; f=1} END {if (!f) print 0}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$out"); ERR[$peer]=$((ERR[$peer] + ${non2xx:-0}))
  KINDS[$peer]=$(awk '/Socket errors/ {sub(/^ *Socket errors: */, ""); print}' <<<"$out")
  [[ -n "${non2xx:-}" ]] && KINDS[$peer]="${KINDS[$peer]} non-2xx $non2xx"
done

log "memory per idle tunnel and per open stream"
MEM=$(timeout 600 "$JAVA_HOME/bin/java" -Dlogback.configurationFile=/dev/null -cp ferry-server/target/ferry.jar \
  bench/tunnel/TunnelMemoryBench.java 100 1000 2>/dev/null)

echo
echo "| path | throughput, 64 KiB responses, 16 conns (MiB/s) | req/s, 1 conn | p50 (ms) | p99 (ms) | added p50 vs direct (ms) | req/s, 1,000 conns | errors, 1,000 conns | kinds |"
echo "|---|---|---|---|---|---|---|---|---|"
for peer in direct ssh_R tunnel router+tunnel; do
  added=$(python3 -c "print(round(${P50[$peer]} - ${P50[direct]}, 3))")
  echo "| $peer | ${MBS[$peer]} | ${RPS[$peer]} | ${P50[$peer]} | ${P99[$peer]} | $added | ${C1K[$peer]} | ${ERR[$peer]} | ${KINDS[$peer]:--} |"
done
echo
python3 -c "print('tunnel / ssh -R throughput: %.2f' % (${MBS[tunnel]} / ${MBS[ssh_R]}))"
echo
echo "$MEM"
echo
echo "$(nproc) cores, $(uname -r), $("$JAVA_HOME/bin/java" -version 2>&1 | head -1), $(ssh -V 2>&1), DURATION=${DURATION}s"
