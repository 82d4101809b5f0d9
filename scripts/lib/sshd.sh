# shellcheck shell=bash
# A throwaway OpenSSH server on 127.0.0.1 with password login, and a throwaway user who may sudo
# with that password: what the automatic node install talks to in tests. Source this file;
# sourcing has no side effects.
#
#   sshd_require      queue openssh-server and sudo for install_missing
#   sshd_up           create the user, start sshd on a free port, export
#                     PAAS_TEST_SSH_PORT, PAAS_TEST_SSH_USER, PAAS_TEST_SSH_PASSWORD
#   sshd_down         stop that sshd (by pid) and delete the user and its sudoers file
#
# This machine's root login and its own sshd are never touched.

if [[ -n "${_PAAS_SSHD_SH:-}" ]]; then return 0; fi
_PAAS_SSHD_SH=1

SSHD_PID=""
SSHD_USER=""

sshd_require() {
    require_file /usr/sbin/sshd openssh-server
    require_cmd sudo sudo
    require_cmd shellcheck shellcheck
}

sshd_up() {
    local dir="$RUN_DIR/sshd" port password
    mkdir -p "$dir" /run/sshd
    chmod 700 "$dir"
    SSHD_USER="paas-ssh-$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    password="$(random_password)"
    useradd --create-home --shell /bin/bash "$SSHD_USER"
    printf '%s:%s\n' "$SSHD_USER" "$password" | chpasswd
    # sudo asks for the user's own password, which the installer sends on stdin (sudo -S).
    printf '%s ALL=(ALL) ALL\n' "$SSHD_USER" >"/etc/sudoers.d/$SSHD_USER"
    chmod 440 "/etc/sudoers.d/$SSHD_USER"
    on_exit sshd_down
    port="$(free_port)"
    sshd_write_config "$dir/sshd_config" "$dir" 127.0.0.1 "$port"
    start_bg sshd "$RUN_DIR/logs/sshd.log" /usr/sbin/sshd -D -e -f "$dir/sshd_config"
    SSHD_PID="$BG_PID"
    local deadline=$((SECONDS + 15))
    until (: <"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
        if ! pid_alive "$SSHD_PID" || ((SECONDS >= deadline)); then
            tail -n 20 "$RUN_DIR/logs/sshd.log" >&2 || true
            die "sshd did not listen on 127.0.0.1:$port"
        fi
        sleep 0.1
    done
    export PAAS_TEST_SSH_PORT="$port" PAAS_TEST_SSH_USER="$SSHD_USER" PAAS_TEST_SSH_PASSWORD="$password"
    log "sshd on 127.0.0.1:$port for the throwaway user $SSHD_USER (pid $SSHD_PID)"
}

# sshd_write_config FILE DIR ADDRESS PORT: password login for the throwaway user only, host key and
# pid file in DIR. The simulated node's sshd uses it too.
sshd_write_config() {
    local file="$1" dir="$2" address="$3" port="$4"
    [[ -s "$dir/host_ed25519" ]] || ssh-keygen -q -t ed25519 -N '' -f "$dir/host_ed25519" <<<y >/dev/null
    cat >"$file" <<CONFIG
Port $port
ListenAddress $address
HostKey $dir/host_ed25519
PidFile $dir/sshd.pid
PasswordAuthentication yes
KbdInteractiveAuthentication no
PubkeyAuthentication no
PermitRootLogin no
AllowUsers $SSHD_USER
UsePAM no
MaxAuthTries 3
LogLevel VERBOSE
CONFIG
}

sshd_down() {
    if [[ -n "$SSHD_PID" ]]; then stop_pid "$SSHD_PID" 5 || true; SSHD_PID=""; fi
    if [[ -n "$SSHD_USER" ]]; then
        rm -f "/etc/sudoers.d/$SSHD_USER"
        userdel -r "$SSHD_USER" 2>/dev/null || true
        SSHD_USER=""
    fi
}
