#!/usr/bin/env bash
# npm run bench:raft [-- --trials=N --writes=N]: three Shoal managers vs a three-member
# etcd 3.4 cluster (Debian's etcd-server), same machine, same run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source infra/prereqs.sh
if ! command -v etcd >/dev/null; then
  echo "==> installing etcd-server (the peer this benchmark compares against)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q etcd-server >/dev/null
  # The package starts a default member; the benchmark runs its own.
  systemctl stop etcd 2>/dev/null || pkill -x etcd || true
fi
npx tsc -b tsconfig.build.json
exec node tools/bench/raft.mjs "$@"
