#!/usr/bin/env bash
# `npm start [-- --managers 3]`: installs what is missing, builds, and runs a cluster in
# the foreground: one manager (or 3 or 5 replicating through Raft), one agent on the
# local Docker Engine, the console served by every manager. Ctrl-C stops Shoal;
# containers keep running, as in swarm mode.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

MANAGERS=1
while [ $# -gt 0 ]; do
  case "$1" in
    --managers) MANAGERS="${2:-}"; shift 2 ;;
    --managers=*) MANAGERS="${1#*=}"; shift ;;
    *) echo "usage: npm start [-- --managers 1|3|5]" >&2; exit 2 ;;
  esac
done
case "$MANAGERS" in 1|3|5) ;; *) echo "--managers must be 1, 3 or 5 (an odd number keeps a quorum through failures), got '$MANAGERS'" >&2; exit 2 ;; esac

source infra/prereqs.sh

STATE="${SHOAL_HOME:-$ROOT/.shoal}"
API_ADDR="${SHOAL_API_ADDR:-127.0.0.1:4000}"
CLUSTER_ADDR="${SHOAL_CLUSTER_ADDR:-127.0.0.1:4001}"
mkdir -p "$STATE" && chmod 700 "$STATE"

# Manager i listens on the first manager's ports + 10 × (i - 1): 4000/4001, 4010/4011, ...
HOST="${API_ADDR%:*}" API_PORT="${API_ADDR##*:}" CHOST="${CLUSTER_ADDR%:*}" CPORT="${CLUSTER_ADDR##*:}"
api_of() { echo "$HOST:$((API_PORT + 10 * ($1 - 1)))"; }
cluster_of() { echo "$CHOST:$((CPORT + 10 * ($1 - 1)))"; }
ADDRS=()
for i in $(seq 1 "$MANAGERS"); do ADDRS+=("$(api_of "$i")" "$(cluster_of "$i")"); done

for addr in "${ADDRS[@]}"; do
  if (exec 3<>"/dev/tcp/${addr%:*}/${addr##*:}") 2>/dev/null; then
    say "$addr is already in use: is Shoal already running? Set SHOAL_API_ADDR / SHOAL_CLUSTER_ADDR to use other ports."
    exit 1
  fi
done

say "building"
npm run build --silent

# The admin token for this local cluster: made once, kept in $STATE (mode 0600), stored hashed by the manager.
if [ ! -s "$STATE/admin-token" ]; then
  (umask 077 && node -e 'process.stdout.write("shoal_" + require("crypto").randomBytes(32).toString("base64url"))' >"$STATE/admin-token")
fi
TOKEN="$(cat "$STATE/admin-token")"

pids=()
stop() {
  trap - INT TERM
  echo
  say "stopping Shoal (containers keep running; npm start adopts them)"
  kill -TERM "${pids[@]}" 2>/dev/null || true
  wait "${pids[@]}" 2>/dev/null || true
  exit 0
}
trap stop INT TERM

AGENT_STATE="$STATE/agent"
# The agent runs on the first manager's host: its node is that manager's (role MANAGER).
HOST_MANAGER_DATA="$STATE/manager"
if [ "$MANAGERS" = 1 ]; then
  SHOAL_DATA_DIR="$STATE/manager" SHOAL_API_ADDR="$API_ADDR" SHOAL_CLUSTER_ADDR="$CLUSTER_ADDR" SHOAL_ADMIN_TOKEN="$TOKEN" \
    node apps/manager/dist/main.js > >(sed -u 's/^/manager | /') 2>&1 &
  pids+=($!)
else
  # A separate home per cluster size: a Raft cluster's membership is fixed at its creation.
  HOME_N="$STATE/managers-$MANAGERS"
  AGENT_STATE="$HOME_N/agent"
  HOST_MANAGER_DATA="$HOME_N/m1"
  mkdir -p "$HOME_N" && chmod 700 "$HOME_N"
  [ -s "$HOME_N/raft-secret" ] || (umask 077 && node -e 'process.stdout.write(require("crypto").randomBytes(32).toString("base64url"))' >"$HOME_N/raft-secret")
  PEERS=""
  for i in $(seq 1 "$MANAGERS"); do PEERS="$PEERS${PEERS:+,}m$i=$(cluster_of "$i")"; done
  for i in $(seq 1 "$MANAGERS"); do
    SHOAL_DATA_DIR="$HOME_N/m$i" SHOAL_API_ADDR="$(api_of "$i")" SHOAL_CLUSTER_ADDR="$(cluster_of "$i")" SHOAL_ADMIN_TOKEN="$TOKEN" \
      SHOAL_RAFT_ID="m$i" SHOAL_RAFT_PEERS="$PEERS" SHOAL_RAFT_SECRET="$(cat "$HOME_N/raft-secret")" \
      node apps/manager/dist/main.js > >(sed -u "s/^/m$i      | /") 2>&1 &
    pids+=($!)
  done
fi
for _ in $(seq 1 100); do curl -fsS "http://$API_ADDR/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fsS "http://$API_ADDR/healthz" >/dev/null || { say "the manager did not start"; stop; }

gql() { curl -fsS "http://$API_ADDR/graphql" -H 'content-type: application/json' -H "Authorization: Bearer $TOKEN" -d "$1"; }
# The cluster exists once a leader is elected and has created it.
JOIN_TOKEN=""
for _ in $(seq 1 150); do
  JOIN_TOKEN="$(gql '{"query":"{ cluster { joinTokens { worker } } }"}' 2>/dev/null | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{process.stdout.write(JSON.parse(s).data.cluster.joinTokens.worker)}catch{}})' || true)"
  [ -n "$JOIN_TOKEN" ] && break
  sleep 0.2
done
[ -n "$JOIN_TOKEN" ] || { say "the cluster did not come up (no Raft leader?)"; stop; }
MANAGER_LIST=""
for i in $(seq 1 "$MANAGERS"); do MANAGER_LIST="$MANAGER_LIST${MANAGER_LIST:+,}$(cluster_of "$i")"; done

SHOAL_MANAGERS="$MANAGER_LIST" SHOAL_JOIN_TOKEN="$JOIN_TOKEN" SHOAL_STATE_DIR="$AGENT_STATE" SHOAL_AGENT_MANAGER_DATA="$HOST_MANAGER_DATA" \
  node apps/agent/dist/main.js > >(sed -u 's/^/agent   | /') 2>&1 &
pids+=($!)
for _ in $(seq 1 50); do gql '{"query":"{ nodes { items { status { state } } } }"}' | grep -q READY && break; sleep 0.2; done

cat <<INFO

  Shoal is running: $( [ "$MANAGERS" = 1 ] && echo "one manager" || echo "$MANAGERS managers replicating through Raft" ), one agent on the local Docker Engine.

  Console       http://$API_ADDR/
  GraphQL API   http://$API_ADDR/graphql$( [ "$MANAGERS" -gt 1 ] && for i in $(seq 2 "$MANAGERS"); do printf '\n                http://%s/graphql (m%s)' "$(api_of "$i")" "$i"; done )
  Admin token   $TOKEN
                (also in $STATE/admin-token)
  Join token    $JOIN_TOKEN
                (for more agents: SHOAL_MANAGERS=$MANAGER_LIST SHOAL_JOIN_TOKEN=... node apps/agent/dist/main.js)

  Try:  curl -s http://$API_ADDR/graphql -H "Authorization: Bearer \$(cat $STATE/admin-token)" \\
          -H 'content-type: application/json' -d '{"query":"{ nodes { items { hostname status { state } } } }"}'

  Ctrl-C stops Shoal; containers keep running.

INFO
wait "${pids[@]}"
