# Starts and stops a private PostgreSQL cluster for ./run.sh and ./test.sh. Source it, then:
#   postgres_start DATA_DIR PORT   initialises DATA_DIR on first use, starts the server on 127.0.0.1:PORT
#   postgres_stop DATA_DIR         stops it (fast shutdown)
#   postgres_throwaway NAME        sets $work_dir (a fresh /tmp/NAME.XXXXXX) and $postgres_port (a free port) for a
#                                  throwaway cluster in $work_dir/postgres, stopped and removed when the script exits
# As root the server runs as user "postgres", which PostgreSQL requires.

postgres_as_owner() {
    if [ "$(id -u)" = "0" ]; then
        su postgres -s /bin/bash -c "$*"
    else
        bash -c "$*"
    fi
}

postgres_start() {
    local data_dir="$1" port="$2"
    for tool in initdb pg_ctl; do
        if ! command -v "$tool" >/dev/null; then
            echo "PostgreSQL's $tool is not on PATH. Install PostgreSQL 15 server binaries (Debian: apt-get install postgresql)." >&2
            return 1
        fi
    done
    mkdir -p "$data_dir"
    data_dir="$(cd "$data_dir" && pwd)"
    if [ "$(id -u)" = "0" ]; then
        chown postgres "$data_dir"
    fi
    if [ ! -f "$data_dir/PG_VERSION" ]; then
        echo "Initialising PostgreSQL in $data_dir"
        # Trust on loopback only: a throwaway or local-development cluster, never a shared server.
        postgres_as_owner "initdb -D '$data_dir' -U postgres -A trust -E UTF8 --no-instructions >/dev/null"
    fi
    postgres_as_owner "pg_ctl -D '$data_dir' -l '$data_dir/server.log' -w -t 60 \
        -o \"-p $port -c listen_addresses=127.0.0.1 -k /tmp -c fsync=${POSTGRES_FSYNC:-on}\" start >/dev/null" || {
        echo "PostgreSQL did not start; its log follows:" >&2
        tail -n 20 "$data_dir/server.log" >&2
        return 1
    }
    echo "PostgreSQL listening on 127.0.0.1:$port"
}

# Creating the database up front keeps EF Core's "does it exist?" probe from logging a failed connection.
postgres_create_database() {
    local port="$1" database="$2"
    if [ -z "$(psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '$database'")" ]; then
        psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -qc "CREATE DATABASE \"$database\"" >/dev/null
    fi
}

postgres_stop() {
    local data_dir="$1"
    if [ -f "$data_dir/postmaster.pid" ]; then
        postgres_as_owner "pg_ctl -D '$data_dir' -m fast -w stop >/dev/null" || true
    fi
}

postgres_throwaway() {
    work_dir="$(mktemp -d "/tmp/$1.XXXXXX")"
    # The server may run as user "postgres", which must reach its data directory inside.
    chmod 755 "$work_dir"
    postgres_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    trap 'postgres_stop "$work_dir/postgres"; rm -rf "$work_dir"' EXIT INT TERM
}
