# shellcheck shell=bash
# Starting and stopping the control plane (`paas serve`) as a tracked process.
#
#   paas_start LABEL [VAR=VALUE...]   start $PAAS_BIN serve with HOST/PORT/PAAS_DATA_DIR/admin env
#                                     plus the given env; waits for GET /healthz → 200, then prints
#                                     "startup LABEL: X s" and, 2 s later, "idle rss LABEL: N MB".
#                                     Sets PAAS_PID, PAAS_URL, PAAS_LOG, PAAS_DATA.
#   paas_cmd [VAR=VALUE...] -- ARGS   run `$PAAS_BIN ARGS` (e.g. migrate) with that env
#   paas_stop                         stop the server started by paas_start (by pid)
#
# Admin credentials: PAAS_ADMIN_EMAIL / PAAS_ADMIN_PASSWORD (paas_admin_init makes a random password).

if [[ -n "${_PAAS_PAAS_SH:-}" ]]; then return 0; fi
_PAAS_PAAS_SH=1

PAAS_BIN="${PAAS_BIN:-.build/debug/paas}"
PAAS_PID=""
PAAS_URL=""
PAAS_LOG=""
PAAS_DATA=""
PAAS_STARTUP_TIMEOUT="${PAAS_STARTUP_TIMEOUT:-60}"

paas_admin_init() {
    export PAAS_ADMIN_EMAIL="${PAAS_ADMIN_EMAIL:-admin@example.test}"
    if [[ -z "${PAAS_ADMIN_PASSWORD:-}" ]]; then
        PAAS_ADMIN_PASSWORD="$(random_password)"
    fi
    export PAAS_ADMIN_PASSWORD
}

# The environment every paas process gets: nothing inherited from the caller's DATABASE_URL etc.
_paas_env() {
    env -u DATABASE_URL -u PAAS_DATA_DIR -u HOST -u PORT -u PAAS_PUBLIC_URL "$@"
}

paas_cmd() {
    local -a vars=()
    while (($# > 0)) && [[ "$1" != -- ]]; do
        vars+=("$1")
        shift
    done
    [[ "${1:-}" == -- ]] && shift
    _paas_env "${vars[@]}" "$PAAS_BIN" "$@"
}

paas_start() {
    local label="$1"
    shift
    [[ -x "$PAAS_BIN" ]] || die "$PAAS_BIN is missing; build first"
    paas_admin_init
    local port
    port="${PAAS_FIXED_PORT:-$(free_port)}"
    PAAS_DATA="$RUN_DIR/paas-$label"
    mkdir -p "$PAAS_DATA"
    PAAS_LOG="$RUN_DIR/logs/paas-$label.log"
    PAAS_URL="http://127.0.0.1:$port"
    local start
    start="$(now_ns)"
    start_bg "paas serve ($label)" "$PAAS_LOG" \
        env -u DATABASE_URL -u PAAS_DATA_DIR -u HOST -u PORT -u PAAS_PUBLIC_URL \
        HOST=127.0.0.1 PORT="$port" PAAS_DATA_DIR="$PAAS_DATA" \
        PAAS_ADMIN_EMAIL="$PAAS_ADMIN_EMAIL" PAAS_ADMIN_PASSWORD="$PAAS_ADMIN_PASSWORD" "$@" \
        "$PAAS_BIN" serve
    PAAS_PID="$BG_PID"
    log "paas serve ($label) pid $PAAS_PID on $PAAS_URL, log $PAAS_LOG"

    local deadline=$((start + PAAS_STARTUP_TIMEOUT * 1000000000)) code
    while :; do
        code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$PAAS_URL/healthz" 2>/dev/null)" || true
        [[ "$code" == 200 ]] && break
        if ! pid_alive "$PAAS_PID"; then
            wait "$PAAS_PID" 2>/dev/null || code="exit $?"
            tail -n 50 "$PAAS_LOG" >&2 || true
            die "paas serve ($label) exited before /healthz answered ($code)"
        fi
        if (($(now_ns) > deadline)); then
            tail -n 50 "$PAAS_LOG" >&2 || true
            die "paas serve ($label): /healthz did not answer 200 within ${PAAS_STARTUP_TIMEOUT}s (last: ${code:-none})"
        fi
        sleep 0.05
    done
    summary_line "startup $label: $(fmt_seconds $(($(now_ns) - start))) s"

    sleep 2
    pid_alive "$PAAS_PID" || die "paas serve ($label) exited while idle"
    local rss_kb
    rss_kb="$(awk '/^VmRSS:/ { print $2 }' "/proc/$PAAS_PID/status")"
    summary_line "idle rss $label: $(((rss_kb + 512) / 1024)) MB"
}

paas_stop() {
    [[ -n "$PAAS_PID" ]] || return 0
    stop_pid "$PAAS_PID" 15
    log "paas serve stopped (pid $PAAS_PID)"
    PAAS_PID=""
}
