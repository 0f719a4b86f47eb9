#!/usr/bin/env bash
# Runs every test. Services some tests need (openssh-server, …) are installed here when we run as
# root (CI); otherwise a missing one stops the run with a message naming the Debian package.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v /usr/sbin/sshd >/dev/null 2>&1 || need+=(openssh-server)
# The dashboard's browser tests drive Debian's Chromium (test/helpers/browser.ts).
[ -x /usr/lib/chromium/chromium ] || need+=(chromium)
# The scale-out tests start their own Redis (test/helpers/redisServer.ts).
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
# PostgreSQL import/export tests start their own server (test/helpers/postgresServer.ts).
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "installing Debian packages for tests: ${need[*]}" >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}") >&2
  else
    echo "tests need the Debian package(s): ${need[*]} — install them (apt-get install ${need[*]}) and rerun" >&2
    exit 1
  fi
fi
files=$(find test -name '*.test.ts' | sort)
exec node --import tsx --test --test-concurrency=2 \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=./scripts/summary-reporter.mjs --test-reporter-destination=stdout \
  $files "$@"
