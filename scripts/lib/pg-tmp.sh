# shellcheck shell=bash
# Sourceable: a throwaway PostgreSQL server for tests.
#
#   source scripts/lib/pg-tmp.sh
#   trap pg_tmp_stop EXIT
#   pg_tmp_start          # exports AGORA_TEST_POSTGRES_URL
#   ...
#   pg_tmp_stop           # idempotent; stops the server and removes its temp dir
#
# The server listens on 127.0.0.1 on a free port (and on a Unix socket in its temp dir),
# trusts every local connection, and runs with fsync off: never use it for real data.
# As root it runs as the `postgres` system user, since initdb refuses to run as root.
#
# Exports after pg_tmp_start:
#   AGORA_TEST_POSTGRES_URL  postgres://postgres@127.0.0.1:PORT/postgres
#   PG_TMP_DIR PG_TMP_PORT PG_TMP_BINDIR PG_TMP_SOCKDIR
# Optional input: PG_TMP_BINDIR (where initdb/pg_ctl live; default: highest
# /usr/lib/postgresql/<version>/bin), PG_TMP_PARENT (parent of the temp dir).

# shellcheck source-path=SCRIPTDIR source=free-port.sh
source "$(dirname "${BASH_SOURCE[0]}")/free-port.sh"

# Prints the bin dir of the highest installed PostgreSQL version.
pg_tmp_bindir() {
    if [[ -n ${PG_TMP_BINDIR:-} ]]; then
        printf '%s\n' "$PG_TMP_BINDIR"
        return 0
    fi
    local d best=""
    while IFS= read -r d; do
        if [[ -x $d/initdb && -x $d/pg_ctl ]]; then best=$d; fi
    done < <(compgen -G '/usr/lib/postgresql/*/bin' | sort -V)
    if [[ -z $best ]]; then
        echo "pg-tmp: no PostgreSQL server binaries under /usr/lib/postgresql/*/bin (apt-get install postgresql)" >&2
        return 1
    fi
    printf '%s\n' "$best"
}

# Runs a command as the user that owns the server: `postgres` when we are root.
pg_tmp__as_owner() {
    if [[ $EUID -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

pg_tmp_start() {
    local bindir parent port attempt ok=""
    if [[ -n ${PG_TMP_DIR:-} ]]; then
        echo "pg-tmp: already started (PG_TMP_DIR=$PG_TMP_DIR)" >&2
        return 1
    fi
    bindir=$(pg_tmp_bindir) || return 1
    if [[ $EUID -eq 0 ]]; then
        if ! id -u postgres >/dev/null 2>&1; then
            echo "pg-tmp: running as root but there is no 'postgres' user to run the server as" >&2
            return 1
        fi
        # TMPDIR may be private to root; the postgres user must reach the dir.
        parent=${PG_TMP_PARENT:-/tmp}
    else
        parent=${PG_TMP_PARENT:-${TMPDIR:-/tmp}}
    fi
    PG_TMP_DIR=$(mktemp -d "$parent/agora-pg.XXXXXX") || return 1
    PG_TMP_BINDIR=$bindir
    PG_TMP_SOCKDIR=$PG_TMP_DIR/sock
    export PG_TMP_DIR PG_TMP_BINDIR PG_TMP_SOCKDIR
    mkdir -p "$PG_TMP_DIR/data" "$PG_TMP_SOCKDIR" || return 1
    if [[ $EUID -eq 0 ]]; then
        chown -R postgres: "$PG_TMP_DIR" || return 1
    fi
    chmod 700 "$PG_TMP_DIR/data" || return 1

    if ! pg_tmp__as_owner "$bindir/initdb" -D "$PG_TMP_DIR/data" -A trust -U postgres \
        --no-sync -E UTF8 --locale=C >"$PG_TMP_DIR/initdb.log" 2>&1; then
        echo "pg-tmp: initdb failed:" >&2
        cat "$PG_TMP_DIR/initdb.log" >&2
        return 1
    fi

    # The port is free when picked but could be taken before the server binds it: retry.
    for attempt in 1 2 3 4 5; do
        port=$(free_port) || return 1
        if pg_tmp__as_owner "$bindir/pg_ctl" -D "$PG_TMP_DIR/data" -l "$PG_TMP_DIR/server.log" \
            -w -t 60 -s start \
            -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_TMP_SOCKDIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
            >>"$PG_TMP_DIR/pg_ctl.log" 2>&1; then
            ok=1
            break
        fi
        echo "pg-tmp: start on port $port failed (attempt $attempt)" >&2
    done
    if [[ -z $ok ]]; then
        echo "pg-tmp: could not start PostgreSQL; server log:" >&2
        tail -n 30 "$PG_TMP_DIR/server.log" >&2 2>/dev/null || true
        return 1
    fi
    PG_TMP_PORT=$port
    export PG_TMP_PORT

    local i
    for ((i = 0; i < 300; i++)); do
        if "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres; then
            export AGORA_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/postgres"
            return 0
        fi
        sleep 0.1
    done
    echo "pg-tmp: PostgreSQL on port $port never became ready; server log:" >&2
    tail -n 30 "$PG_TMP_DIR/server.log" >&2 2>/dev/null || true
    return 1
}

# Stops the server and removes the temp dir. Safe to call twice, or after a failed start.
pg_tmp_stop() {
    local dir=${PG_TMP_DIR:-} pid
    [[ -n $dir ]] || return 0
    if [[ -f $dir/data/postmaster.pid ]]; then
        if ! pg_tmp__as_owner "${PG_TMP_BINDIR:-}/pg_ctl" -D "$dir/data" -m immediate -w -t 30 -s stop \
            >/dev/null 2>&1; then
            pid=$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null || true)
            if [[ $pid =~ ^[0-9]+$ ]]; then
                kill -QUIT "$pid" 2>/dev/null || true
                sleep 1
                kill -KILL "$pid" 2>/dev/null || true
            fi
        fi
    fi
    rm -rf -- "$dir" || true
    unset PG_TMP_DIR PG_TMP_PORT PG_TMP_SOCKDIR AGORA_TEST_POSTGRES_URL
    return 0
}
