#!/usr/bin/env bash
# npm run bench:node-down [-- --trials=N]: replacements after a node dies.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source infra/prereqs.sh
npx tsc -b tsconfig.build.json
exec node tools/bench/node-down.mjs "$@"
