# Start and stop a temporary PostgreSQL cluster for tests. Source it, then call start_postgres.
# Exports ENCUENTRO_TEST_POSTGRES_URL. initdb refuses root, so the cluster belongs to `postgres`.

start_postgres() {
  local bindir port
  # Debian keeps server binaries off PATH; pg_config may be absent or a stub without libpq-dev.
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -x "$bindir/initdb" ] || bindir=$(pg_config --bindir 2>/dev/null || true)
  [ -x "$bindir/initdb" ] || { echo "PostgreSQL server binaries (initdb) not found" >&2; return 1; }
  PG_BINDIR=$bindir
  PG_DIR=$(mktemp -d /tmp/encuentro-pg.XXXXXX)
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  local as_pg=()
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$PG_DIR"
    as_pg=(runuser -u postgres --)
  fi
  PG_AS=("${as_pg[@]}")
  "${as_pg[@]}" "$bindir/initdb" -D "$PG_DIR/data" -U encuentro --auth=trust -E UTF8 >/dev/null
  "${as_pg[@]}" "$bindir/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
    -o "-h 127.0.0.1 -p $port -k $PG_DIR -c fsync=off" start >/dev/null
  "$bindir/createdb" -h 127.0.0.1 -p "$port" -U encuentro encuentro_test
  export ENCUENTRO_TEST_POSTGRES_URL="postgresql://encuentro@127.0.0.1:$port/encuentro_test"
  echo "PostgreSQL running at $ENCUENTRO_TEST_POSTGRES_URL"
}

stop_postgres() {
  [ -n "${PG_DIR:-}" ] || return 0
  "${PG_AS[@]}" "$PG_BINDIR/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
