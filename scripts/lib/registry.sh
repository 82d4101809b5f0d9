# shellcheck shell=bash
# The platform registry for tests and local runs: Debian's docker-registry (distribution 2.8) with its
# own config (the system one turns on htpasswd), started as a tracked process. Source this file;
# sourcing has no side effects.
#
#   registry_up [ADDR] [PORT]   install if missing, start on ADDR:PORT (defaults: the docker0 address,
#                               so simulated nodes reach it too, and a free port); waits for /v2/;
#                               sets and exports PAAS_REGISTRY=ADDR:PORT and REGISTRY_PID
#
# A second call in the same shell reuses the running registry. It is stopped by the exit hooks of
# common.sh like every other tracked process.

if [[ -n "${_PAAS_REGISTRY_SH:-}" ]]; then return 0; fi
_PAAS_REGISTRY_SH=1

REGISTRY_BIN="${REGISTRY_BIN:-/usr/bin/docker-registry}"
REGISTRY_PID="${REGISTRY_PID:-}"

# The address of the docker0 bridge (this machine's own address on it), where nodes can reach us.
registry_default_addr() {
    ip -4 -o addr show docker0 2>/dev/null | awk '{ split($4, a, "/"); print a[1]; exit }'
}

registry_up() {
    if [[ -n "$REGISTRY_PID" ]] && pid_alive "$REGISTRY_PID"; then return 0; fi
    if [[ ! -x "$REGISTRY_BIN" ]]; then apt_install docker-registry; fi
    local addr="${1:-$(registry_default_addr)}" port="${2:-$(free_port)}"
    [[ -n "$addr" ]] || addr=127.0.0.1
    local dir="$RUN_DIR/registry"
    mkdir -p "$dir/data"
    cat >"$dir/config.yml" <<CONFIG
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $dir/data
  delete:
    enabled: true
http:
  addr: $addr:$port
CONFIG
    start_bg "docker-registry" "$RUN_DIR/logs/registry.log" "$REGISTRY_BIN" serve "$dir/config.yml"
    REGISTRY_PID="$BG_PID"
    local deadline=$((SECONDS + 30))
    until curl -fsS -o /dev/null --max-time 1 "http://$addr:$port/v2/"; do
        if ! pid_alive "$REGISTRY_PID" || ((SECONDS >= deadline)); then
            tail -n 20 "$RUN_DIR/logs/registry.log" >&2 || true
            die "docker-registry did not answer on $addr:$port"
        fi
        sleep 0.2
    done
    export PAAS_REGISTRY="$addr:$port" REGISTRY_PID
    log "registry on $PAAS_REGISTRY (pid $REGISTRY_PID)"
}
