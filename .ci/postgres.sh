#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the tests and the benchmark, and prints
#   export TEST_DATABASE_URL=postgres://newsbrief:PASSWORD@127.0.0.1:PORT/newsbrief_test
# on stdout (everything else goes to stderr). Use either form:
#   eval "$(.ci/postgres.sh)"      or      source .ci/postgres.sh
# Installs Debian's `postgresql` package with apt-get when no server binaries are found (as root), creates a
# cluster in a temp dir owned by an unprivileged user (PostgreSQL refuses to run as root), listens on 127.0.0.1
# only, on a free port. Idempotent: a second run reuses the running server and prints the same URL.
# Settings: NEWSBRIEF_PG_DIR (state dir, default /tmp/newsbrief-pg-$UID). `.ci/postgres.sh stop` stops the server.
# The cluster trades durability for speed (fsync off): it holds test data only.

newsbrief_pg_main() (
  set -euo pipefail
  local_dir="${NEWSBRIEF_PG_DIR:-/tmp/newsbrief-pg-$(id -u)}"
  data_dir="$local_dir/data"
  db_name=newsbrief_test
  db_user=newsbrief

  say() { printf '[postgres.sh] %s\n' "$*" >&2; }
  fail() { say "error: $*"; exit 1; }

  find_bindir() {
    local dir
    # Prefer the newest Debian versioned bin dir, then pg_config, then PATH.
    for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
      if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/postgres" ]; then echo "$dir"; return 0; fi
    done
    if command -v pg_config >/dev/null 2>&1; then
      dir="$(pg_config --bindir 2>/dev/null || true)"
      if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then echo "$dir"; return 0; fi
    fi
    if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return 0; fi
    return 1
  }

  is_root() { [ "$(id -u)" = 0 ]; }

  bindir="$(find_bindir || true)"
  if [ -z "$bindir" ]; then
    is_root || fail "no PostgreSQL server binaries found and not root; install the 'postgresql' package"
    command -v apt-get >/dev/null 2>&1 || fail "no PostgreSQL server binaries found and no apt-get to install them"
    say "installing postgresql with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 </dev/null
    apt-get install -y -qq --no-install-recommends postgresql postgresql-contrib >&2 </dev/null
    bindir="$(find_bindir || true)"
    [ -n "$bindir" ] || fail "postgresql installed but initdb/pg_ctl/postgres not found under /usr/lib/postgresql/*/bin"
  fi
  say "using server binaries in $bindir"

  # The server runs as an unprivileged user: `postgres` from the package when we are root, else ourselves.
  if is_root; then
    run_user=postgres
    if ! id "$run_user" >/dev/null 2>&1; then
      run_user=newsbrief-pg
      id "$run_user" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$run_user"
    fi
    as_server() { runuser -u "$run_user" -- "$@"; }
  else
    run_user="$(id -un)"
    as_server() { "$@"; }
  fi

  pg_ctl() { as_server "$bindir/pg_ctl" -D "$data_dir" "$@"; }
  psql_admin() { PGOPTIONS='-c client_min_messages=warning' as_server "$bindir/psql" -h "$local_dir" -p "$(cat "$local_dir/port")" -U postgres -d postgres -X -q -v ON_ERROR_STOP=1 "$@"; }

  if [ "${1:-}" = stop ]; then
    if [ -d "$data_dir" ] && pg_ctl status >/dev/null 2>&1; then pg_ctl stop -m fast >&2; fi
    say "stopped"
    exit 0
  fi

  free_port() {
    local port
    if command -v node >/dev/null 2>&1; then
      node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();});'
      return 0
    fi
    for port in $(seq 54321 54421); do
      if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
    done
    return 1
  }

  if [ ! -f "$data_dir/PG_VERSION" ]; then
    say "creating a cluster in $data_dir"
    rm -rf "$local_dir"
    mkdir -p "$local_dir"
    # A fresh random password per cluster; the URL carries it, and nothing else prints it.
    head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$local_dir/password"
    chmod 600 "$local_dir/password"
    chown -R "$run_user" "$local_dir"
    chmod 700 "$local_dir"
    as_server "$bindir/initdb" -D "$data_dir" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
      --encoding=UTF8 --locale=C.UTF-8 >"$local_dir/initdb.log" 2>&1 \
      || { cat "$local_dir/initdb.log" >&2; fail "initdb failed"; }
    cat >>"$data_dir/postgresql.conf" <<'CONF'
# newsbrief throwaway test cluster
listen_addresses = '127.0.0.1'
max_connections = 300
shared_buffers = 256MB
work_mem = 16MB
maintenance_work_mem = 256MB
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
  fi

  if ! pg_ctl status >/dev/null 2>&1; then
    port="$(free_port)" || fail "no free port"
    echo "$port" >"$local_dir/port"
    say "starting the server on 127.0.0.1:$port"
    pg_ctl start -w -t 60 -l "$local_dir/server.log" \
      -o "-p $port -k $local_dir" >&2 \
      || { tail -n 40 "$local_dir/server.log" >&2 || true; fail "the server did not start"; }
  else
    say "server already running on 127.0.0.1:$(cat "$local_dir/port")"
  fi
  port="$(cat "$local_dir/port")"
  password="$(cat "$local_dir/password")"

  # The test user owns the test database, so it can create schemas.
  psql_admin -v user="$db_user" -v pass="$password" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN CREATEDB PASSWORD %L', :'user', :'pass')
  WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'user') \gexec
SELECT format('ALTER ROLE %I PASSWORD %L', :'user', :'pass') \gexec
SQL
  psql_admin -v user="$db_user" -v db="$db_name" <<'SQL'
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'user')
  WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SQL

  url="postgres://$db_user:$password@127.0.0.1:$port/$db_name"
  say "ready: database $db_name on 127.0.0.1:$port"
  printf 'export TEST_DATABASE_URL=%q\n' "$url"
)

if [ "${BASH_SOURCE[0]}" != "$0" ]; then
  # Sourced: export into the caller's shell without changing its options or exiting it.
  if newsbrief_pg_line="$(newsbrief_pg_main "$@")"; then
    eval "$newsbrief_pg_line"
    printf '%s\n' "$newsbrief_pg_line"
    unset newsbrief_pg_line
  else
    unset newsbrief_pg_line
    return 1
  fi
else
  newsbrief_pg_main "$@"
fi
