#!/usr/bin/env bash
# A two-shard ClickHouse cluster on loopback for the tests: `start` (idempotent, waits until both
# shards answer) and `stop` (never fails). Each shard has its own config and data under
# $SEGMENT_STUDIO_CLICKHOUSE_DIR (default /tmp/segment-studio-clickhouse); both know the cluster
# `segment_studio` made of the two. Shard 1 answers HTTP on 18123, shard 2 on 18124.
set -uo pipefail

BASE="${SEGMENT_STUDIO_CLICKHOUSE_DIR:-/tmp/segment-studio-clickhouse}"
HTTP_PORTS=(18123 18124)
TCP_PORTS=(19000 19001)
INTERSERVER_PORTS=(19009 19010)
SERVER="$(command -v clickhouse-server || echo /usr/sbin/clickhouse-server)"

shard_dir() { echo "$BASE/shard$1"; }

ping_shard() { curl -fsS --max-time 2 "http://127.0.0.1:${HTTP_PORTS[$1]}/ping" >/dev/null 2>&1; }

write_config() {
  local n=$1 dir
  dir="$(shard_dir "$n")"
  mkdir -p "$dir/data" "$dir/tmp" "$dir/user_files" "$dir/log"
  cat >"$dir/users.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <profiles>
    <default>
      <max_memory_usage>4000000000</max_memory_usage>
      <max_bytes_before_external_group_by>1000000000</max_bytes_before_external_group_by>
      <max_bytes_before_external_sort>1000000000</max_bytes_before_external_sort>
      <max_threads>2</max_threads>
      <load_balancing>in_order</load_balancing>
    </default>
  </profiles>
  <users>
    <default>
      <password></password>
      <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
      <profile>default</profile>
      <quota>default</quota>
    </default>
  </users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
XML
  cat >"$dir/config.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <logger>
    <level>warning</level>
    <log>$dir/log/server.log</log>
    <errorlog>$dir/log/server.err.log</errorlog>
    <size>50M</size>
    <count>2</count>
  </logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>${HTTP_PORTS[$n]}</http_port>
  <tcp_port>${TCP_PORTS[$n]}</tcp_port>
  <interserver_http_port>${INTERSERVER_PORTS[$n]}</interserver_http_port>
  <interserver_http_host>127.0.0.1</interserver_http_host>
  <max_connections>256</max_connections>
  <keep_alive_timeout>3</keep_alive_timeout>
  <max_concurrent_queries>50</max_concurrent_queries>
  <uncompressed_cache_size>134217728</uncompressed_cache_size>
  <mark_cache_size>268435456</mark_cache_size>
  <path>$dir/data/</path>
  <tmp_path>$dir/tmp/</tmp_path>
  <user_files_path>$dir/user_files/</user_files_path>
  <users_config>$dir/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mlock_executable>false</mlock_executable>
  <remote_servers>
    <segment_studio>
      <shard><replica><host>127.0.0.1</host><port>${TCP_PORTS[0]}</port></replica></shard>
      <shard><replica><host>127.0.0.1</host><port>${TCP_PORTS[1]}</port></replica></shard>
    </segment_studio>
  </remote_servers>
  <macros><shard>$((n + 1))</shard></macros>
  <builtin_dictionaries_reload_interval>3600</builtin_dictionaries_reload_interval>
  <max_session_timeout>3600</max_session_timeout>
  <default_session_timeout>60</default_session_timeout>
</yandex>
XML
}

# The server refuses nothing as root, but data files written by root are awkward to clean up as
# another user; run as the clickhouse user when there is one and we are root.
run_server() {
  local dir=$1
  if [ "$(id -u)" = 0 ] && id clickhouse >/dev/null 2>&1; then
    chown -R clickhouse "$dir"
    setpriv --reuid=clickhouse --regid="$(id -g clickhouse)" --init-groups \
      "$SERVER" --config-file="$dir/config.xml" --pid-file="$dir/server.pid" --daemon
  else
    "$SERVER" --config-file="$dir/config.xml" --pid-file="$dir/server.pid" --daemon
  fi
}

start() {
  [ -x "$SERVER" ] || { echo "clickhouse.sh: clickhouse-server is not installed" >&2; exit 1; }
  for n in 0 1; do
    if ping_shard "$n"; then continue; fi
    write_config "$n"
    run_server "$(shard_dir "$n")" || { echo "clickhouse.sh: shard $((n + 1)) did not start" >&2; exit 1; }
  done
  for n in 0 1; do
    for _ in $(seq 1 120); do
      ping_shard "$n" && break
      sleep 0.5
    done
    if ! ping_shard "$n"; then
      echo "clickhouse.sh: shard $((n + 1)) (http ${HTTP_PORTS[$n]}) does not answer; see $(shard_dir "$n")/log" >&2
      exit 1
    fi
  done
  echo "clickhouse: 2 shards on http://127.0.0.1:${HTTP_PORTS[0]} and http://127.0.0.1:${HTTP_PORTS[1]} (cluster segment_studio)"
}

stop() {
  for n in 0 1; do
    local pidfile pid
    pidfile="$(shard_dir "$n")/server.pid"
    [ -f "$pidfile" ] || continue
    pid="$(cat "$pidfile" 2>/dev/null || true)"
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$pidfile"
  done
  rm -rf "$BASE" 2>/dev/null || true
  return 0
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
