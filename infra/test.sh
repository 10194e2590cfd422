#!/usr/bin/env bash
# `npm test`: installs and starts what the tests need (infra/prereqs.sh), then runs every
# tier (tools/run-tests.mjs) and ends with "N passed, N failed".
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source infra/prereqs.sh
exec node tools/run-tests.mjs "$@"
