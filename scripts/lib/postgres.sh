# shellcheck shell=bash
# A throwaway PostgreSQL 15 under $RUN_DIR (see /work/shared/infra.md, "Throwaway PostgreSQL 15").
#
#   pg_require      queue the Debian package when the binaries are missing (packages.sh)
#   pg_start        initdb a template once, copy it, start on a free 127.0.0.1 port; sets
#                   PG_PORT, PG_SOCKET_DIR, PG_DATA and PG_URL_BASE (postgres://postgres@127.0.0.1:PORT)
#   pg_url DB       the URL of database DB
#   pg_createdb DB  create a database
#   pg_psql ARGS... psql as the postgres superuser over TCP
#   pg_stop         pg_ctl -m immediate stop (also registered as an exit hook by pg_start)

if [[ -n "${_PAAS_POSTGRES_SH:-}" ]]; then return 0; fi
_PAAS_POSTGRES_SH=1

PG_VERSION="${PG_VERSION:-15}"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/$PG_VERSION/bin}"
PG_PORT=""
PG_DATA=""
PG_SOCKET_DIR=""
PG_URL_BASE=""
_PG_PID=""

pg_require() {
    require_file "$PG_BIN/initdb" "postgresql-$PG_VERSION"
    require_file "$PG_BIN/pg_ctl" "postgresql-$PG_VERSION"
    require_file "$PG_BIN/psql" "postgresql-client-$PG_VERSION"
}

# PostgreSQL refuses to run as root: as root, run its server tools as the postgres user.
_pg_as_owner() {
    if is_root; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

_pg_mkdir() {
    mkdir -p "$@"
    if is_root; then chown postgres: "$@"; fi
    chmod 0700 "$@"
}

# The template cluster: initdb runs once per run; pg_start copies it.
_pg_template() {
    local tpl="$RUN_DIR/pg/template"
    if [[ ! -f "$tpl/PG_VERSION" ]]; then
        mkdir -p "$RUN_DIR/pg"
        chmod 0755 "$RUN_DIR/pg"
        _pg_mkdir "$tpl"
        local start
        start="$(now_ns)"
        _pg_as_owner "$PG_BIN/initdb" -D "$tpl" -U postgres -A trust -E UTF8 --locale=C --no-sync \
            >"$RUN_DIR/logs/initdb.log" 2>&1 || {
            cat "$RUN_DIR/logs/initdb.log" >&2
            die "initdb failed"
        }
        log "initdb template: $(fmt_seconds $(($(now_ns) - start))) s"
    fi
    printf '%s' "$tpl"
}

pg_start() {
    [[ -n "$RUN_DIR" ]] || die "pg_start: run_dir_init first"
    [[ -x "$PG_BIN/pg_ctl" ]] || die "PostgreSQL $PG_VERSION is not installed ($PG_BIN/pg_ctl missing)"
    local tpl
    tpl="$(_pg_template)"
    PG_DATA="$RUN_DIR/pg/data"
    PG_SOCKET_DIR="$RUN_DIR/pg/sock"
    _pg_mkdir "$PG_SOCKET_DIR" "$RUN_DIR/pg/log"
    cp -a "$tpl" "$PG_DATA"
    PG_PORT="$(free_port)"
    local logfile="$RUN_DIR/pg/log/postgres.log" start
    start="$(now_ns)"
    # Registered before starting, so even a half-started server is stopped.
    on_exit pg_stop
    if ! _pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$logfile" -w -t 60 \
        -o "-p $PG_PORT -k $PG_SOCKET_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=600" \
        start >"$RUN_DIR/logs/pg_ctl.log" 2>&1; then
        cat "$RUN_DIR/logs/pg_ctl.log" "$logfile" >&2 2>/dev/null || true
        die "PostgreSQL did not start"
    fi
    _PG_PID="$(head -n 1 "$PG_DATA/postmaster.pid")"
    track_pid --no-hook "$_PG_PID" postgres # pg_stop is its hook
    PG_URL_BASE="postgres://postgres@127.0.0.1:$PG_PORT"
    log "PostgreSQL $PG_VERSION on 127.0.0.1:$PG_PORT (pid $_PG_PID) started in $(fmt_seconds $(($(now_ns) - start))) s"
}

# The server's own complaints (refused connections, crashes), for a failed step's output: the
# clients' errors often hide the server's message.
pg_log_problems() {
    local logfile="$RUN_DIR/pg/log/postgres.log"
    [[ -f "$logfile" ]] || return 0
    local lines
    lines="$(grep -E "FATAL|PANIC|too many clients|deadlock" "$logfile" | tail -n 20 || true)"
    if [[ -n "$lines" ]]; then
        log "PostgreSQL log, FATAL/PANIC/deadlock lines (last 20):"
        printf '%s\n' "$lines" >&2
    fi
}

pg_url() { printf '%s/%s' "$PG_URL_BASE" "${1:-postgres}"; }

pg_psql() {
    "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -X -q "$@"
}

pg_createdb() {
    "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres "$1"
}

pg_stop() {
    [[ -n "$PG_DATA" && -f "$PG_DATA/postmaster.pid" ]] || return 0
    log "stopping PostgreSQL (pid $_PG_PID)"
    _pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate -w -t 30 stop >/dev/null 2>&1 ||
        warn "pg_ctl stop failed; the pid tracker will stop pid $_PG_PID"
    if [[ -n "$_PG_PID" ]] && pid_alive "$_PG_PID"; then
        stop_pid "$_PG_PID" 10
    fi
}
