#!/usr/bin/env bash
# A throwaway PostgreSQL 15 for the tests: `start` (idempotent) or `stop` (never fails).
# Loopback only, port 55432 (SEGMENT_STUDIO_POSTGRES_PORT), trust auth, data under /tmp.
# Database and user `segment_studio`; UTF-8 with the C.UTF-8 locale, whose lower() folds
# every Unicode letter one character at a time, as DuckDB's does.
set -euo pipefail

BIN=/usr/lib/postgresql/15/bin
PORT=${SEGMENT_STUDIO_POSTGRES_PORT:-55432}
DIR=${SEGMENT_STUDIO_POSTGRES_DIR:-/tmp/segment-studio-postgres}
DATA=$DIR/data
LOG=$DIR/server.log

# The server refuses to run as root: run it as the postgres user, who must own the folder.
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

running() { [ -f "$DATA/postmaster.pid" ] && as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; }

start() {
  if running; then
    echo "postgres: already running on 127.0.0.1:$PORT"
    return 0
  fi
  if [ ! -x "$BIN/initdb" ]; then
    echo "postgres: $BIN/initdb not found (apt-get install postgresql)" >&2
    return 1
  fi
  mkdir -p "$DIR"
  [ "$(id -u)" = 0 ] && chown postgres "$DIR"
  if [ ! -f "$DATA/PG_VERSION" ]; then
    rm -rf "$DATA"
    as_owner "$BIN/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 || {
      cat "$DIR/initdb.log" >&2
      return 1
    }
  fi
  as_owner "$BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories=$DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null || {
    tail -n 20 "$LOG" >&2
    return 1
  }
  local psql=("$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -qAt)
  if [ "$(as_owner "${psql[@]}" -c "SELECT 1 FROM pg_roles WHERE rolname = 'segment_studio'")" != 1 ]; then
    as_owner "${psql[@]}" -c "CREATE ROLE segment_studio LOGIN"
  fi
  if [ "$(as_owner "${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = 'segment_studio'")" != 1 ]; then
    as_owner "${psql[@]}" -c "CREATE DATABASE segment_studio OWNER segment_studio ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0"
  fi
  echo "postgres: running on 127.0.0.1:$PORT (postgres://segment_studio@127.0.0.1:$PORT/segment_studio)"
}

stop() {
  if [ -f "$DATA/postmaster.pid" ]; then
    as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w -t 30 stop >/dev/null 2>&1 || true
  fi
  rm -rf "$DIR" 2>/dev/null || true
  echo "postgres: stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop || true ;;
  *)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
