#!/usr/bin/env bash
# Installs and starts what Shoal needs on a fresh Debian 12 machine (run as root):
# Debian packages, npm dependencies, dockerd, Redis and the local test image.
# Idempotent: every step checks before it acts. Sourced by start.sh and test.sh.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOG_DIR="${SHOAL_LOG_DIR:-/var/log/shoal}"
mkdir -p "$LOG_DIR"

say() { printf '\033[1m==>\033[0m %s\n' "$*" >&2; }

need_pkgs=()
command -v dockerd >/dev/null || need_pkgs+=(docker.io)
command -v redis-server >/dev/null || need_pkgs+=(redis-server)
dpkg -s busybox-static >/dev/null 2>&1 || need_pkgs+=(busybox-static) # the test image needs the static build
command -v ip >/dev/null || need_pkgs+=(iproute2)
command -v iptables >/dev/null || need_pkgs+=(iptables)
command -v docker-registry >/dev/null || need_pkgs+=(docker-registry) # a real registry for the tests that push and pull (each starts its own)
command -v openssl >/dev/null || need_pkgs+=(openssl) # the tests' registry token service signs with a key and certificate made by openssl
command -v chromium >/dev/null || need_pkgs+=(chromium) # Debian's build, driven by playwright-core in the e2e tier; never a downloaded browser
if [ ${#need_pkgs[@]} -gt 0 ]; then
  say "installing Debian packages: ${need_pkgs[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need_pkgs[@]}" >"$LOG_DIR/apt.log" 2>&1 || { cat "$LOG_DIR/apt.log" >&2; exit 1; }
fi

# npm dependencies: install when node_modules is missing or older than the lock file.
if [ ! -d "$ROOT/node_modules" ] || [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
  say "installing npm dependencies (better-sqlite3 compiles from source: about a minute)"
  # npm ci refuses lock files that list optional packages this registry lacks; npm install
  # with the lock file installs the same tree (see ../shared/docs/machine.md).
  (cd "$ROOT" && npm install --no-audit --no-fund --loglevel=error) >&2
fi

# dockerd
if ! docker version >/dev/null 2>&1; then
  if ! pgrep -x dockerd >/dev/null; then
    say "starting dockerd (log: $LOG_DIR/dockerd.log)"
    nohup dockerd >"$LOG_DIR/dockerd.log" 2>&1 &
  fi
  for _ in $(seq 1 60); do docker version >/dev/null 2>&1 && break; sleep 0.5; done
  docker version >/dev/null 2>&1 || { say "dockerd did not start; see $LOG_DIR/dockerd.log"; tail -20 "$LOG_DIR/dockerd.log" >&2; exit 1; }
fi

# Redis (what may be lost lives here: event fan-out, metrics history, queued jobs)
if ! redis-cli -p 6379 ping >/dev/null 2>&1; then
  say "starting redis-server on 127.0.0.1:6379"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
    --logfile "$LOG_DIR/redis.log" >/dev/null
  for _ in $(seq 1 40); do redis-cli -p 6379 ping >/dev/null 2>&1 && break; sleep 0.25; done
fi

# The local test image: no registry on the internet is reachable from these machines.
bash "$ROOT/infra/test-image.sh"
