# shellcheck shell=bash
# Helpers for the tenant-isolation red-team suite (Tests/redteam). Source this file; it only defines
# functions and defaults, so sourcing has no side effects.
#
#   redteam_blackhole_on        route the Swarm address pool to "unreachable" on this host, so a
#                               packet from one tenant's overlay towards another never leaves the
#                               machine (infra.md, "Network rule"). Idempotent.
#   redteam_blackhole_off       remove that route, but only if redteam_blackhole_on added it.
#                               Callers install it with a trap: trap redteam_blackhole_off EXIT
#   redteam_blackhole_installed true when the unreachable route for the pool is in place
#   redteam_build_images        build paas-redteam/web:1 and paas-redteam/portainer-like:1 (cached)
#   redteam_cleanup             remove leftover control containers/networks named paas-redteam-*
#   redteam_pytest [ARGS...]    run the pytest suite (refuses to start without the blackhole)
#
# The suite itself needs PAAS_URL, PAAS_ADMIN_EMAIL and PAAS_ADMIN_PASSWORD (see Tests/redteam/README.md).

if [[ -n "${_PAAS_REDTEAM_SH:-}" ]]; then return 0; fi
_PAAS_REDTEAM_SH=1

_REDTEAM_LIB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REDTEAM_REPO_DIR="${REDTEAM_REPO_DIR:-$(cd "$_REDTEAM_LIB_DIR/../.." && pwd)}"
# The pool Swarm allocates overlay subnets from (dockerd.sh: DOCKERD_SWARM_ADDR_POOL).
REDTEAM_POOL="${REDTEAM_POOL:-${DOCKERD_SWARM_ADDR_POOL:-10.200.0.0/16}}"
REDTEAM_DOCKER_CLI="${REDTEAM_DOCKER_CLI:-${DOCKER_CLI:-/usr/bin/docker}}"
# Set to 1 by redteam_blackhole_on when it added the route (and so redteam_blackhole_off may remove it).
REDTEAM_BLACKHOLE_ADDED="${REDTEAM_BLACKHOLE_ADDED:-0}"

_redteam_log() { printf '[%(%H:%M:%S)T] redteam: %s\n' -1 "$*" >&2; }

# The pool must be a narrow IPv4 prefix: never 10.0.0.0/8 (the host's DNS lives there) or wider.
_redteam_pool_ok() {
    local pool="$1" addr len
    if [[ ! "$pool" =~ ^([0-9]{1,3}\.){3}[0-9]{1,3}/([0-9]{1,2})$ ]]; then
        _redteam_log "REDTEAM_POOL='$pool' is not an IPv4 prefix"
        return 1
    fi
    addr="${pool%/*}"
    len="${pool#*/}"
    if ((len < 12 || len > 32)); then
        _redteam_log "refusing to blackhole $pool: prefix /$len is too wide (10/8 would break DNS); use the Swarm pool, e.g. 10.200.0.0/16"
        return 1
    fi
    [[ -n "$addr" ]]
}

# The route line for exactly the pool, if any ("unreachable 10.200.0.0/16 ...").
_redteam_route_line() {
    ip -4 route show exact "$REDTEAM_POOL" table main 2>/dev/null | head -n 1
}

redteam_blackhole_installed() {
    local line
    line="$(_redteam_route_line)"
    [[ "$line" == unreachable* || "$line" == blackhole* || "$line" == prohibit* ]]
}

redteam_blackhole_on() {
    _redteam_pool_ok "$REDTEAM_POOL" || return 1
    if redteam_blackhole_installed; then
        _redteam_log "blackhole for $REDTEAM_POOL already in place"
        return 0
    fi
    local line
    line="$(_redteam_route_line)"
    if [[ -n "$line" ]]; then
        _redteam_log "a different route for $REDTEAM_POOL exists ('$line'); not replacing it"
        return 1
    fi
    if ! ip -4 route add unreachable "$REDTEAM_POOL"; then
        _redteam_log "could not add 'unreachable $REDTEAM_POOL' (root needed)"
        return 1
    fi
    REDTEAM_BLACKHOLE_ADDED=1
    export REDTEAM_BLACKHOLE_ADDED
    _redteam_log "blackhole on: unreachable $REDTEAM_POOL"
}

redteam_blackhole_off() {
    if [[ "$REDTEAM_BLACKHOLE_ADDED" != 1 ]]; then
        return 0
    fi
    if redteam_blackhole_installed; then
        ip -4 route del unreachable "$REDTEAM_POOL" 2>/dev/null ||
            ip -4 route del "$REDTEAM_POOL" 2>/dev/null || {
            _redteam_log "could not remove the blackhole route for $REDTEAM_POOL"
            return 1
        }
        _redteam_log "blackhole off: $REDTEAM_POOL"
    fi
    REDTEAM_BLACKHOLE_ADDED=0
}

redteam_build_images() {
    DOCKER_CLI="$REDTEAM_DOCKER_CLI" bash "$REDTEAM_REPO_DIR/Tests/redteam/images/build.sh"
}

# Control containers and throwaway networks the suite creates are all named paas-redteam-*.
redteam_cleanup() {
    local ids
    ids="$("$REDTEAM_DOCKER_CLI" ps -aq --filter name=paas-redteam- 2>/dev/null)" || true
    if [[ -n "$ids" ]]; then
        # shellcheck disable=SC2086 # one id per word
        "$REDTEAM_DOCKER_CLI" rm -f $ids >/dev/null 2>&1 || true
    fi
    local net
    while read -r net; do
        [[ "$net" == paas-redteam-* ]] || continue
        "$REDTEAM_DOCKER_CLI" network rm "$net" >/dev/null 2>&1 || true
    done < <("$REDTEAM_DOCKER_CLI" network ls --format '{{.Name}}' 2>/dev/null)
}

# redteam_pytest [PYTEST ARGS...]: the caller has built the images, turned the blackhole on (with a
# trap for redteam_blackhole_off) and exported PAAS_URL / PAAS_ADMIN_EMAIL / PAAS_ADMIN_PASSWORD.
redteam_pytest() {
    if ! redteam_blackhole_installed; then
        _redteam_log "the blackhole route for $REDTEAM_POOL is not installed; call redteam_blackhole_on first"
        return 1
    fi
    local rc=0
    PAAS_REDTEAM_POOL="$REDTEAM_POOL" DOCKER_CLI="$REDTEAM_DOCKER_CLI" \
        python3 -m pytest -q -p no:cacheprovider -rA "$REDTEAM_REPO_DIR/Tests/redteam" "$@" || rc=$?
    redteam_cleanup
    return "$rc"
}
