#!/usr/bin/env bash
# npm run bench:converge [-- --trials=N]: Shoal vs swarm mode on the local engine.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source infra/prereqs.sh
npx tsc -b tsconfig.build.json
exec node tools/bench/converge.mjs "$@"
