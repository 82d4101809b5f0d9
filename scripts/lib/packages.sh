# shellcheck shell=bash
# Installing what the tests need, only when it is missing.
#
#   require_file PATH APT_PACKAGE     queue APT_PACKAGE unless PATH exists
#   require_cmd  COMMAND APT_PACKAGE  queue APT_PACKAGE unless COMMAND is on PATH
#   require_py   MODULE PIP_SPEC      queue PIP_SPEC unless `python3 -c "import MODULE"` works
#   install_missing                   install the queue: apt first (update once), then pip
#   apt_install PACKAGE...            install Debian packages now (root only)
#
# Daemons are never started by package installs: when no policy-rc.d exists, a temporary one that
# denies every start is in place for the duration of the install (there is no systemd here, so
# postinst scripts would otherwise start e.g. a PostgreSQL cluster or dockerd we did not ask for).

if [[ -n "${_PAAS_PACKAGES_SH:-}" ]]; then return 0; fi
_PAAS_PACKAGES_SH=1

_APT_MISSING=()
_PIP_MISSING=()
_APT_UPDATED=0

_queue_apt() {
    local p
    for p in "${_APT_MISSING[@]}"; do [[ "$p" == "$1" ]] && return 0; done
    _APT_MISSING+=("$1")
}

require_file() { [[ -e "$1" ]] || _queue_apt "$2"; }
require_cmd() { command -v "$1" >/dev/null 2>&1 || _queue_apt "$2"; }

require_py() {
    if ! command -v python3 >/dev/null 2>&1 || ! python3 -c "import $1" >/dev/null 2>&1; then
        _PIP_MISSING+=("$2")
    fi
}

apt_update_once() {
    ((_APT_UPDATED)) && return 0
    log "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=300 update
    _APT_UPDATED=1
}

apt_install() {
    (($# > 0)) || return 0
    need_root_install "Debian packages: $*"
    apt_update_once
    local policy=/usr/sbin/policy-rc.d temp_policy=0
    if [[ ! -e "$policy" ]]; then
        printf '#!/bin/sh\n# temporary, from paas scripts/test: no daemon starts during installs\nexit 101\n' >"$policy"
        chmod 0755 "$policy"
        temp_policy=1
        on_exit "rm -f '$policy'"
    fi
    log "apt-get install $*"
    local rc=0
    DEBIAN_FRONTEND=noninteractive apt-get -q -y -o DPkg::Lock::Timeout=300 -o Dpkg::Use-Pty=0 \
        install "$@" || rc=$?
    if ((temp_policy)); then rm -f "$policy"; fi
    ((rc == 0)) || die "apt-get install $* failed (exit $rc)"
}

pip_install() {
    (($# > 0)) || return 0
    if ! command -v python3 >/dev/null 2>&1; then
        apt_install python3
    fi
    if ! python3 -m pip --version >/dev/null 2>&1; then
        apt_install python3-pip
    fi
    log "pip install $*"
    # PIP_BREAK_SYSTEM_PACKAGES: Debian's own python3 is "externally managed" (PEP 668).
    if ! PIP_BREAK_SYSTEM_PACKAGES=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 \
        PIP_ROOT_USER_ACTION=ignore python3 -m pip install -q "$@"; then
        if is_root; then
            die "pip install $* failed"
        fi
        need_root_install "Python packages: $* (pip install failed as $(id -un))"
    fi
}

install_missing() {
    if ((${#_APT_MISSING[@]} > 0)); then
        apt_install "${_APT_MISSING[@]}"
        _APT_MISSING=()
    else
        log "Debian packages: nothing missing"
    fi
    if ((${#_PIP_MISSING[@]} > 0)); then
        pip_install "${_PIP_MISSING[@]}"
        _PIP_MISSING=()
    else
        log "Python packages: nothing missing"
    fi
}
