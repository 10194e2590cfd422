#!/usr/bin/env bash
# `npm start`: installs what is missing, builds, and runs a single-node cluster in the
# foreground: one manager, one agent on the local Docker Engine, the console served by
# the manager. Ctrl-C stops Shoal; containers keep running, as in swarm mode.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source infra/prereqs.sh

STATE="${SHOAL_HOME:-$ROOT/.shoal}"
API_ADDR="${SHOAL_API_ADDR:-127.0.0.1:4000}"
CLUSTER_ADDR="${SHOAL_CLUSTER_ADDR:-127.0.0.1:4001}"
mkdir -p "$STATE" && chmod 700 "$STATE"

for addr in "$API_ADDR" "$CLUSTER_ADDR"; do
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

SHOAL_DATA_DIR="$STATE/manager" SHOAL_API_ADDR="$API_ADDR" SHOAL_CLUSTER_ADDR="$CLUSTER_ADDR" SHOAL_ADMIN_TOKEN="$TOKEN" \
  node apps/manager/dist/main.js > >(sed -u 's/^/manager | /') 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do curl -fsS "http://$API_ADDR/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
curl -fsS "http://$API_ADDR/healthz" >/dev/null || { say "the manager did not start"; stop; }

gql() { curl -fsS "http://$API_ADDR/graphql" -H 'content-type: application/json' -H "Authorization: Bearer $TOKEN" -d "$1"; }
JOIN_TOKEN="$(gql '{"query":"{ cluster { joinTokens { worker } } }"}' | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>process.stdout.write(JSON.parse(s).data.cluster.joinTokens.worker))')"

SHOAL_MANAGERS="$CLUSTER_ADDR" SHOAL_JOIN_TOKEN="$JOIN_TOKEN" SHOAL_STATE_DIR="$STATE/agent" \
  node apps/agent/dist/main.js > >(sed -u 's/^/agent   | /') 2>&1 &
pids+=($!)
for _ in $(seq 1 50); do gql '{"query":"{ nodes { status { state } } }"}' | grep -q READY && break; sleep 0.2; done

cat <<INFO

  Shoal is running: one manager, one agent on the local Docker Engine.

  Console       http://$API_ADDR/
  GraphQL API   http://$API_ADDR/graphql
  Admin token   $TOKEN
                (also in $STATE/admin-token)
  Join token    $JOIN_TOKEN
                (for more agents: SHOAL_MANAGERS=$CLUSTER_ADDR SHOAL_JOIN_TOKEN=... node apps/agent/dist/main.js)

  Try:  curl -s http://$API_ADDR/graphql -H "Authorization: Bearer \$(cat $STATE/admin-token)" \\
          -H 'content-type: application/json' -d '{"query":"{ nodes { hostname status { state } } }"}'

  Ctrl-C stops Shoal; containers keep running.

INFO
wait "${pids[@]}"
