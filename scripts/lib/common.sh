# shellcheck shell=bash
# Shared helpers for scripts/test and the component libraries beside this file.
#
#   log / warn / die            timestamped messages on stderr
#   need_root_install WHAT...   fail clearly when something must be installed but we are not root
#   run_dir_init                the per-run temp dir ($RUN_DIR, readable by the postgres user)
#   on_exit CMD...              cleanup hooks, run last-in first-out when the script exits
#   start_bg NAME LOG CMD...    start a tracked background process in its own process group
#   track_pid [--no-hook] PID NAME
#                               processes this script started; the exit trap stops exactly these
#   stop_pid PID [SECONDS]      TERM, wait, then KILL one tracked process (never by name)
#   free_port                   a free TCP port on 127.0.0.1
#   now_ns / fmt_seconds NS     timing helpers
#   step NAME CMD...            run a test step in a subshell with errexit, record pass/fail + time
#   summary                     print the recorded steps; returns non-zero if any failed

if [[ -n "${_PAAS_COMMON_SH:-}" ]]; then return 0; fi
_PAAS_COMMON_SH=1

log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
warn() { printf '[%(%H:%M:%S)T] WARNING: %s\n' -1 "$*" >&2; }
die() {
    printf '[%(%H:%M:%S)T] ERROR: %s\n' -1 "$*" >&2
    exit 1
}
section() { printf '\n==== %s ====\n' "$*" >&2; }

is_root() { [[ "${EUID:-$(id -u)}" -eq 0 ]]; }

# need_root_install "postgresql-15 (apt)" ... — call when something is missing and must be installed.
need_root_install() {
    if ! is_root; then
        die "missing: $*. Installing it needs root: run scripts/test as root, or install it yourself first."
    fi
}

# --- per-run temp dir ---------------------------------------------------------------------------

RUN_DIR="${RUN_DIR:-}"
run_dir_init() {
    [[ -n "$RUN_DIR" ]] && return 0
    RUN_DIR="$(mktemp -d "${TMPDIR:-/tmp}/paas-test.XXXXXX")"
    # Other users (postgres) must be able to reach their own subdirectories.
    chmod 0755 "$RUN_DIR"
    mkdir -p "$RUN_DIR/logs"
    export RUN_DIR
}

# --- cleanup hooks and pid tracking -------------------------------------------------------------

_EXIT_HOOKS=()
on_exit() { _EXIT_HOOKS+=("$*"); }

# Exit order: (1) the step running when a signal came, with its whole process tree; (2) processes
# that steps started and did not stop; (3) the hooks, last-in first-out, where a process started in
# the main shell has its own "stop_pid" hook in sequence with the others (so e.g. a server is
# stopped before the database it uses, and a hook that needs dockerd runs before dockerd stops);
# (4) a last sweep of anything tracked and still alive.
# Start long-lived components in the main shell: hooks registered inside a step's subshell are lost
# with it (its processes are still swept from the pid file).
#
# Tracked pids live in a file so that processes started inside step subshells are known too.
# Each line: "<pid> <starttime from /proc/<pid>/stat> <main|sub> <name>"; the start time guards
# against pid reuse.
_pid_file() { printf '%s/pids' "$RUN_DIR"; }

_proc_starttime() {
    local stat
    stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
    stat="${stat##*) }" # drop "pid (comm) "; comm may hold spaces
    # fields after comm start at field 3; starttime is field 22 → index 19 here
    local -a f
    read -r -a f <<<"$stat"
    printf '%s' "${f[19]}"
}

# alive PID [STARTTIME]: running (not a zombie) and, if given, still the same process.
pid_alive() {
    local pid="$1" want="${2:-}" st state
    [[ -r "/proc/$pid/stat" ]] || return 1
    st="$(_proc_starttime "$pid")" || return 1
    [[ -z "$want" || "$st" == "$want" ]] || return 1
    state="$(awk '{ s = $0; sub(/.*\) /, "", s); split(s, a, " "); print a[1] }' "/proc/$pid/stat" 2>/dev/null)" || return 1
    [[ "$state" != "Z" && "$state" != "X" ]]
}

# track_pid [--no-hook] PID NAME: --no-hook when the caller registered its own stop hook already.
track_pid() {
    local hook=1
    if [[ "$1" == --no-hook ]]; then
        hook=0
        shift
    fi
    local pid="$1" name="${2:-process}" st scope=main
    st="$(_proc_starttime "$pid")" || st=""
    if ((BASH_SUBSHELL > 0)); then scope=sub; fi
    printf '%s %s %s %s\n' "$pid" "${st:-0}" "$scope" "$name" >>"$(_pid_file)"
    if [[ "$scope" == main ]] && ((hook)); then on_exit "_hook_stop_pid $pid $(printf '%q' "$name")"; fi
}

_hook_stop_pid() {
    if pid_alive "$1"; then
        log "stopping $2 (pid $1)"
        stop_pid "$1" 15
    fi
}

# _proc_pgrp PID → its process group id
_proc_pgrp() {
    local stat
    stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
    stat="${stat##*) }"
    local -a f
    read -r -a f <<<"$stat"
    printf '%s' "${f[2]}"
}

# _group_alive PGID: any process left in that group?
_group_alive() { kill -0 -- "-$1" 2>/dev/null; }

# stop_pid PID [SECONDS]: TERM, wait up to SECONDS (default 15), then KILL. Only for pids we started.
# A process started by start_bg leads its own process group; then the whole group gets the signals,
# so helpers it spawned do not outlive it.
stop_pid() {
    local pid="$1" timeout="${2:-15}" st="" p s _rest
    if [[ -n "$RUN_DIR" && -f "$(_pid_file)" ]]; then
        while read -r p s _rest; do
            if [[ "$p" == "$pid" && "$s" != 0 ]]; then st="$s"; fi
        done <"$(_pid_file)"
    fi
    pid_alive "$pid" "$st" || return 0
    local target="$pid" group=0
    if [[ "$(_proc_pgrp "$pid" || true)" == "$pid" ]]; then
        target="-$pid"
        group=1
    fi
    kill -TERM -- "$target" 2>/dev/null || return 0
    local i
    for ((i = 0; i < timeout * 10; i++)); do
        pid_alive "$pid" "$st" || break
        sleep 0.1
    done
    if pid_alive "$pid" "$st"; then
        warn "pid $pid did not stop after ${timeout}s; sending KILL"
        kill -KILL -- "$target" 2>/dev/null || true
    elif ((group)) && _group_alive "$pid"; then
        sleep 0.5
        kill -KILL -- "$target" 2>/dev/null || true
    fi
    # Reap it if it is our child; harmless otherwise.
    wait "$pid" 2>/dev/null || true
}

# start_bg NAME LOGFILE CMD...: start CMD in the background in its own session and process group
# (so Ctrl-C reaches only this script, whose trap stops it), stdin /dev/null, output to LOGFILE;
# tracks it and sets BG_PID.
BG_PID=""
start_bg() {
    local name="$1" logfile="$2"
    shift 2
    if [[ $- == *m* ]]; then
        # Job control on: the job leads its own process group already (and setsid would fork).
        "$@" >"$logfile" 2>&1 </dev/null &
    else
        # setsid execs in place here (a background job of a non-interactive shell is no group
        # leader), so $! is the process itself.
        setsid "$@" >"$logfile" 2>&1 </dev/null &
    fi
    BG_PID=$!
    track_pid "$BG_PID" "$name"
}

# _stop_tracked_pids [SCOPE]: stop tracked processes still alive (only those of SCOPE if given).
_stop_tracked_pids() {
    local only="${1:-}" file
    file="$(_pid_file)"
    [[ -f "$file" ]] || return 0
    local -a lines
    mapfile -t lines <"$file"
    local i pid st scope name
    for ((i = ${#lines[@]} - 1; i >= 0; i--)); do
        read -r pid st scope name <<<"${lines[i]}"
        [[ -z "$only" || "$scope" == "$only" ]] || continue
        [[ "$st" != 0 ]] || st=""
        if pid_alive "$pid" "$st"; then
            log "stopping $name (pid $pid)"
            stop_pid "$pid" 15
        fi
    done
}

# All descendants of PID, children before grandchildren (from /proc/<pid>/task/*/children).
_descendants() {
    local pid="$1" child task
    for task in /proc/"$pid"/task/*/children; do
        [[ -r "$task" ]] || continue
        for child in $(<"$task"); do
            printf '%s\n' "$child"
            _descendants "$child"
        done
    done
}

# Stops a step interrupted by a signal: its subshell and everything that subshell started.
_STEP_PID=""
_stop_running_step() {
    [[ -n "$_STEP_PID" ]] || return 0
    local -a tree
    mapfile -t tree < <(printf '%s\n' "$_STEP_PID"; _descendants "$_STEP_PID")
    log "interrupted: stopping the running step (pids ${tree[*]})"
    kill -TERM "${tree[@]}" 2>/dev/null
    local i p alive
    for ((i = 0; i < 100; i++)); do
        alive=0
        for p in "${tree[@]}"; do pid_alive "$p" && alive=1; done
        ((alive)) || break
        sleep 0.1
    done
    for p in "${tree[@]}"; do pid_alive "$p" && kill -KILL "$p" 2>/dev/null; done
    wait "$_STEP_PID" 2>/dev/null
    _STEP_PID=""
}

_run_exit_hooks() {
    local rc=$?
    trap - EXIT INT TERM
    set +e
    _stop_running_step
    if [[ -n "$RUN_DIR" && -d "$RUN_DIR" ]] && ((!_SUMMARY_PRINTED)); then
        record_result "(run aborted)" FAIL - "exit $rc"
        summary
    fi
    if [[ -n "$RUN_DIR" && -d "$RUN_DIR" ]]; then _stop_tracked_pids sub; fi
    local i
    for ((i = ${#_EXIT_HOOKS[@]} - 1; i >= 0; i--)); do
        eval "${_EXIT_HOOKS[i]}"
    done
    if [[ -n "$RUN_DIR" && -d "$RUN_DIR" ]]; then
        _stop_tracked_pids
        if [[ "${PAAS_TEST_KEEP:-0}" == 1 ]]; then
            log "kept $RUN_DIR (PAAS_TEST_KEEP=1)"
        else
            rm -rf "$RUN_DIR"
        fi
    fi
    exit "$rc"
}

install_exit_trap() {
    trap _run_exit_hooks EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
}

# --- ports and time -------------------------------------------------------------------------------

_USED_PORTS=" "
# A port nothing listens on, below the ephemeral range so outgoing connections do not take it.
free_port() {
    local port i
    for ((i = 0; i < 200; i++)); do
        port=$((20000 + RANDOM % 12000))
        [[ "$_USED_PORTS" == *" $port "* ]] && continue
        if ! (: <"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            _USED_PORTS+="$port "
            printf '%s' "$port"
            return 0
        fi
    done
    die "no free TCP port found on 127.0.0.1"
}

now_ns() { date +%s%N; }

# fmt_seconds NANOSECONDS → "12.34"
fmt_seconds() {
    local ms=$(($1 / 1000000))
    printf '%d.%02d' $((ms / 1000)) $(((ms % 1000) / 10))
}

# A random password with upper, lower, digit and a symbol; 20 characters.
random_password() {
    local raw
    raw="$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
    printf '%s' "${raw:0:8}Q-${raw:8:8}z7"
}

# --- steps and summary ----------------------------------------------------------------------------

_STEP_NAMES=()
_SUMMARY_PRINTED=0
_STEP_RESULTS=()
_STEP_TIMES=()
_STEP_NOTES=()

# record NAME RESULT SECONDS [NOTE]
record_result() {
    _STEP_NAMES+=("$1")
    _STEP_RESULTS+=("$2")
    _STEP_TIMES+=("$3")
    _STEP_NOTES+=("${4:-}")
}

# step NAME CMD...: runs CMD in a subshell with errexit active (so a failing command inside a
# function really fails the step), records PASS/FAIL and the duration, and never aborts the script.
step() {
    local name="$1"
    shift
    section "$name"
    local start rc=0
    start="$(now_ns)"
    # In the background + `wait`, so a signal to this script runs its trap at once (a foreground
    # child would delay it, and bash ignores SIGINT that a child handled); the exit trap then stops
    # the step's process tree. Background jobs read /dev/null: tests get no stdin, as in CI.
    (
        set -e
        "$@"
    ) &
    _STEP_PID=$!
    wait "$_STEP_PID" || rc=$?
    _STEP_PID=""
    local secs
    secs="$(fmt_seconds $(($(now_ns) - start)))"
    if [[ $rc -eq 0 ]]; then
        record_result "$name" PASS "$secs"
        log "$name: passed in ${secs} s"
    else
        record_result "$name" FAIL "$secs" "exit $rc"
        log "$name: FAILED (exit $rc) after ${secs} s"
    fi
    return 0
}

# Extra lines (measurements) printed with the summary. Kept in a file: steps run in subshells.
summary_line() {
    printf '%s\n' "$*"
    printf '%s\n' "$*" >>"$RUN_DIR/summary-lines"
}

summary() {
    _SUMMARY_PRINTED=1
    local i failed=0
    printf '\n==== summary ====\n'
    for ((i = 0; i < ${#_STEP_NAMES[@]}; i++)); do
        printf '%-4s  %-40s %8s s  %s\n' "${_STEP_RESULTS[i]}" "${_STEP_NAMES[i]}" "${_STEP_TIMES[i]}" "${_STEP_NOTES[i]}"
        [[ "${_STEP_RESULTS[i]}" == PASS ]] || failed=$((failed + 1))
    done
    if [[ -s "$RUN_DIR/summary-lines" ]]; then
        printf -- '---- measurements ----\n'
        cat "$RUN_DIR/summary-lines"
    fi
    if ((failed > 0)); then
        printf 'RESULT: FAILED (%d of %d steps)\n' "$failed" "${#_STEP_NAMES[@]}"
        return 1
    fi
    printf 'RESULT: OK (%d steps)\n' "${#_STEP_NAMES[@]}"
}
