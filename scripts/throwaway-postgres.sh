# A throw-away PostgreSQL cluster: initdb into a temporary folder, a free port on 127.0.0.1,
# password authentication. initdb refuses to run as root, so as root (CI) the cluster belongs to the
# `postgres` user.
#
# Sourced (scripts/test, scripts/bench-queue): `start_throwaway_postgres` starts one, stops and
# removes it when the calling script exits, and exports
#   CRITERIO_TEST_POSTGRES_URL   postgres://criterio:…@127.0.0.1:PORT/postgres?sslmode=disable
#   CRITERIO_TEST_POSTGRES_DATA  the cluster's data folder
#   CRITERIO_TEST_POSTGRES_CTL   the command that runs pg_ctl as the cluster's owner
# Run (the fault tests, which crash a server of their own): `throwaway-postgres.sh start` prints
# those three lines (NAME=value) and leaves the cluster running; `halt DATA`, `resume DATA` and
# `restart DATA` stop it without a clean shut-down (`-m immediate`, as a crash), start it again, or
# both; `stop DATA` stops and removes it. Run this way, the script first closes the descriptors it
# inherited (other tests' pipes), so that the server it starts keeps none of them open.

start_throwaway_postgres() {
  create_throwaway_postgres || return $?
  trap stop_throwaway_postgres EXIT
}

create_throwaway_postgres() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [[ -z "$bin" || ! -x "$bin/initdb" ]]; then
    echo "Falta PostgreSQL (initdb); scripts/install-deps lo instala" >&2
    return 2
  fi
  local folder
  folder=$(mktemp -d /tmp/criterio-postgres.XXXXXX)
  local as_owner=()
  if [[ $(id -u) -eq 0 ]]; then
    as_owner=(runuser -u postgres --)
  fi
  local password="criterio-pruebas-$RANDOM$RANDOM"
  printf '%s\n' "$password" >"$folder/password"
  if [[ $(id -u) -eq 0 ]]; then chown -R postgres "$folder"; fi
  "${as_owner[@]}" "$bin/initdb" -D "$folder/data" -U criterio --pwfile="$folder/password" \
    --auth-host=scram-sha-256 --auth-local=trust -E UTF8 --locale=C.UTF-8 >"$folder/initdb.log" 2>&1 || {
    cat "$folder/initdb.log" >&2
    return 2
  }
  local port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  cat >>"$folder/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$folder'
max_connections = 400
fsync = off
# (synchronous_commit stays on: a commit that was answered survives the fault tests' crashes.)
full_page_writes = off
CONF
  "${as_owner[@]}" "$bin/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w -t 60 start </dev/null >/dev/null 2>&1 || {
    cat "$folder/server.log" >&2
    return 2
  }
  export CRITERIO_TEST_POSTGRES_URL="postgres://criterio:$password@127.0.0.1:$port/postgres?sslmode=disable"
  export CRITERIO_TEST_POSTGRES_DATA="$folder/data"
  export CRITERIO_TEST_POSTGRES_CTL="${as_owner[*]} $bin/pg_ctl"
}

stop_throwaway_postgres() {
  if [[ -n "${CRITERIO_TEST_POSTGRES_DATA:-}" && -d "$CRITERIO_TEST_POSTGRES_DATA" ]]; then
    $CRITERIO_TEST_POSTGRES_CTL -D "$CRITERIO_TEST_POSTGRES_DATA" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$(dirname "$CRITERIO_TEST_POSTGRES_DATA")"
  fi
}

# Closes every descriptor above stderr but the one bash reads this script from (255).
close_inherited_descriptors() {
  local fd
  for fd in /proc/$$/fd/*; do
    fd=${fd##*/}
    if ((fd > 2 && fd != 255)); then eval "exec $fd>&-" 2>/dev/null || true; fi
  done
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  close_inherited_descriptors
  owner_pg_ctl() {
    local data="$1"
    shift
    [[ "$data" == /tmp/criterio-postgres.*/data ]] || { echo "no es un servidor desechable: $data" >&2; exit 2; }
    local as_owner=()
    if [[ $(id -u) -eq 0 ]]; then as_owner=(runuser -u postgres --); fi
    "${as_owner[@]}" "$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/pg_ctl" -D "$data" -l "$(dirname "$data")/server.log" -w -t 60 \
      "$@" </dev/null >/dev/null 2>&1
  }
  case "${1:-}" in
    start)
      create_throwaway_postgres
      echo "CRITERIO_TEST_POSTGRES_URL=$CRITERIO_TEST_POSTGRES_URL"
      echo "CRITERIO_TEST_POSTGRES_DATA=$CRITERIO_TEST_POSTGRES_DATA"
      echo "CRITERIO_TEST_POSTGRES_CTL=$CRITERIO_TEST_POSTGRES_CTL"
      ;;
    halt) owner_pg_ctl "$2" -m immediate stop ;;
    resume) owner_pg_ctl "$2" start ;;
    restart) owner_pg_ctl "$2" -m immediate restart ;;
    stop)
      owner_pg_ctl "$2" -m immediate stop || true
      rm -rf "$(dirname "$2")"
      ;;
    *)
      echo "uso: throwaway-postgres.sh start | halt|resume|restart|stop CARPETA" >&2
      exit 2
      ;;
  esac
fi
