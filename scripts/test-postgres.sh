#!/usr/bin/env bash
# A throw-away PostgreSQL server for the tests: Debian's postgresql package, a cluster in
# a temp folder owned by the postgres user, on a loopback port. Prints the DATABASE_URL.
#   eval "$(bash scripts/test-postgres.sh)"   # then: npm test
# As root it installs the package if missing. Stop it with: pg_ctl -D "$PGDATA" stop
set -euo pipefail
PORT="${PGPORT:-55432}"
# A port nobody listens on yet (another cluster of an earlier run may hold the first).
while (echo > "/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; do PORT=$((PORT + 1)); done
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
if [ -z "$BIN" ]; then
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >&2
    BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  else
    echo "PostgreSQL is not installed: sudo apt-get install postgresql" >&2
    exit 1
  fi
fi
RUN_AS=()
if [ "$(id -u)" = 0 ]; then RUN_AS=(runuser -u postgres --); fi
DIR="$(mktemp -d /tmp/hall-pg.XXXXXX)"
if [ "$(id -u)" = 0 ]; then chown postgres "$DIR"; fi
"${RUN_AS[@]}" "$BIN/initdb" -D "$DIR/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >&2
"${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w \
  -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=256MB" start >&2
echo "export PGDATA=$DIR/data"
echo "export DATABASE_URL=postgres://postgres@127.0.0.1:$PORT/postgres"
