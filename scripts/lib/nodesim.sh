# shellcheck shell=bash
# A real second Swarm node on this machine: a network namespace of its own (a veth pair to the
# host) running a second dockerd with its own data root, exec root and socket. Source this file;
# sourcing has no side effects.
#
#   nodesim_require queue iproute2, iptables and openssl for install_missing
#   nodesim_up      create the namespace and start its dockerd (not yet in the Swarm) and, when
#                   sshd_up ran first, an sshd inside it for the same throwaway user; export
#                   PAAS_TEST_NODESIM_SOCKET, PAAS_TEST_NODESIM_ADDR (the node's IPv4),
#                   PAAS_TEST_NODESIM_HOST_ADDR (the host's end), PAAS_TEST_NODESIM_NS,
#                   PAAS_TEST_NODESIM_ROOT (the file root the install script writes under),
#                   PAAS_TEST_NODESIM_RESTART (how that script restarts this dockerd),
#                   PAAS_TEST_NODESIM_SSH_PORT and PAAS_SWARM_MANAGER_ADDR (where it reaches the manager)
#   nodesim_down    leave the Swarm, remove the Swarm node, stop dockerd, delete the namespace
#
# The host's Swarm manager advertises 127.0.0.1, which inside the namespace is the namespace
# itself; NAT rules there send the manager ports on 127.0.0.1 to the host end of the veth. Traffic
# stays on this machine: the namespace has no route anywhere but the host.

if [[ -n "${_PAAS_NODESIM_SH:-}" ]]; then return 0; fi
_PAAS_NODESIM_SH=1

NODESIM_NS=""
NODESIM_DIR=""
NODESIM_PID=""
NODESIM_SSHD_PID=""
NODESIM_HOST_IF=""
NODESIM_SUBNET_HOST=""
NODESIM_SUBNET_NODE=""
# The node's own Docker bridge, inside its namespace (published ports go through docker-proxy).
NODESIM_BRIDGE_GW="172.17.0.1/16"
NODESIM_BRIDGE="172.17.0.0/16"

# A /30 of 10.239.0.0/16 no interface or route of this machine uses yet, so two runs at once (or a
# run beside another's leftovers) never share addresses.
nodesim_pick_subnet() {
    local i third base
    for ((i = 0; i < 100; i++)); do
        third=$((RANDOM % 256)) base=$(((RANDOM % 64) * 4))
        if ! ip -4 -o route show | grep -q "^10\.239\.$third\.$base/30 "; then
            NODESIM_SUBNET_HOST="10.239.$third.$((base + 1))"
            NODESIM_SUBNET_NODE="10.239.$third.$((base + 2))"
            return 0
        fi
    done
    die "no free /30 in 10.239.0.0/16 for the simulated node"
}

nodesim_require() {
    require_cmd ip iproute2
    require_cmd iptables iptables
    require_cmd openssl openssl
}

nodesim_cli() { DOCKER_HOST="unix://$NODESIM_DIR/docker.sock" /usr/bin/docker "$@"; }

nodesim_up() {
    local tag
    tag="$(head -c 3 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    NODESIM_NS="paas-nodesim-$tag"
    NODESIM_HOST_IF="pnsh$tag"
    NODESIM_DIR="$RUN_DIR/nodesim-$tag"
    mkdir -p "$NODESIM_DIR"
    nodesim_pick_subnet
    on_exit nodesim_down
    ip netns add "$NODESIM_NS"
    ip link add "$NODESIM_HOST_IF" type veth peer name "pnsn$tag"
    ip link set "pnsn$tag" netns "$NODESIM_NS"
    ip addr add "$NODESIM_SUBNET_HOST/30" dev "$NODESIM_HOST_IF"
    ip link set "$NODESIM_HOST_IF" up
    local in_ns=(ip netns exec "$NODESIM_NS")
    "${in_ns[@]}" ip link set lo up
    "${in_ns[@]}" ip link set "pnsn$tag" name eth0
    "${in_ns[@]}" ip addr add "$NODESIM_SUBNET_NODE/30" dev eth0
    "${in_ns[@]}" ip link set eth0 up
    # No default route: pull attempts and DNS fail at once instead of leaving the machine.
    # The manager is known as 127.0.0.1: send its ports there to the host end of the veth.
    "${in_ns[@]}" sysctl -q -w net.ipv4.conf.all.route_localnet=1
    local proto port
    for proto in tcp udp; do
        for port in 2377 7946 4789; do
            "${in_ns[@]}" iptables -t nat -A OUTPUT -d 127.0.0.1 -p "$proto" --dport "$port" -j DNAT --to-destination "$NODESIM_SUBNET_HOST:$port"
        done
    done
    "${in_ns[@]}" iptables -t nat -A POSTROUTING -o eth0 -s 127.0.0.0/8 -j SNAT --to-source "$NODESIM_SUBNET_NODE"
    # Its bridge network (where the ingress container lives) reaches the host as the node's own
    # address: the host routes 172.17.0.0/16 to its own docker0. This dockerd runs without
    # iptables, so the masquerade Docker would add is written here.
    "${in_ns[@]}" sysctl -q -w net.ipv4.ip_forward=1
    "${in_ns[@]}" iptables -t nat -A POSTROUTING -o eth0 -s "$NODESIM_BRIDGE" -j MASQUERADE
    # nsenter, not `ip netns exec`: that remounts /sys, which hides the cgroup mounts dockerd needs.
    # Its own UTS namespace too, so Swarm lists it under its own hostname.
    local dockerd=(dockerd --data-root "$NODESIM_DIR/data" --exec-root "$NODESIM_DIR/exec" --pidfile "$NODESIM_DIR/docker.pid"
        --host "unix://$NODESIM_DIR/docker.sock" --bip "$NODESIM_BRIDGE_GW" --iptables=false --ip-masq=false
        --storage-driver vfs --cgroup-parent paas-nodesim --log-level warn)
    # shellcheck disable=SC2016 # $0 and $@ belong to the inner sh
    start_bg nodesim-dockerd "$RUN_DIR/logs/nodesim-dockerd.log" nsenter "--net=/run/netns/$NODESIM_NS" \
        unshare --uts sh -c 'hostname "$0" && exec "$@"' "$NODESIM_NS" "${dockerd[@]}"
    NODESIM_PID="$BG_PID"
    local deadline=$((SECONDS + 60))
    until nodesim_cli version >/dev/null 2>&1; do
        if ! pid_alive "$NODESIM_PID" || ((SECONDS >= deadline)); then
            tail -n 30 "$RUN_DIR/logs/nodesim-dockerd.log" >&2 || true
            die "the simulated node's dockerd did not start"
        fi
        sleep 0.5
    done
    # No registry pull here: the test images go in directly.
    /usr/bin/docker save "${PAAS_BUSYBOX_IMAGE:-paas-test/busybox:1}" "${PAAS_WEB_IMAGE:-paas-test/web:1}" "$PAAS_TRAEFIK_TEST_IMAGE" |
        nodesim_cli load -q >/dev/null
    nodesim_write_restart "${dockerd[@]}"
    mkdir -p "$NODESIM_DIR/root"
    export PAAS_TEST_NODESIM_SOCKET="$NODESIM_DIR/docker.sock" PAAS_TEST_NODESIM_ADDR="$NODESIM_SUBNET_NODE"
    export PAAS_TEST_NODESIM_HOST_ADDR="$NODESIM_SUBNET_HOST" PAAS_TEST_NODESIM_NS="$NODESIM_NS"
    export PAAS_TEST_NODESIM_ROOT="$NODESIM_DIR/root" PAAS_TEST_NODESIM_RESTART="$NODESIM_DIR/restart-dockerd"
    export PAAS_SWARM_MANAGER_ADDR="$NODESIM_SUBNET_HOST:2377"
    if [[ -n "${SSHD_USER:-}" ]]; then nodesim_sshd_up; fi
    log "simulated node: namespace $NODESIM_NS, dockerd pid $NODESIM_PID, address $NODESIM_SUBNET_NODE"
}

# The install script restarts Docker to load its new configuration. Here that is this dockerd, with
# the mTLS API on the node's address added from the certificate the script received: what a real
# node's daemon.json says, in flags, because the daemon.json under the node root names the host's
# own socket. It runs in the node's sshd session, so inside the namespaces already.
nodesim_write_restart() {
    local tls="$NODESIM_DIR/root/etc/docker/tls" file="$NODESIM_DIR/restart-dockerd"
    {
        printf '#!/usr/bin/env bash\nset -euo pipefail\n'
        printf '[[ "$(ip netns identify $$)" == %q ]] || { echo "run this inside the namespace %s" >&2; exit 1; }\n' "$NODESIM_NS" "$NODESIM_NS"
        printf 'pidfile=%q\n' "$NODESIM_DIR/docker.pid"
        printf 'if [[ -s "$pidfile" ]] && kill "$(cat "$pidfile")" 2>/dev/null; then\n'
        printf '    for _ in $(seq 100); do [[ -e "$pidfile" ]] || break; sleep 0.2; done\nfi\n'
        printf 'setsid'
        printf ' %q' "$@" --tlsverify --tlscacert "$tls/ca.pem" --tlscert "$tls/cert.pem" --tlskey "$tls/key.pem" \
            --host "tcp://$NODESIM_SUBNET_NODE:2376"
        printf ' >>%q 2>&1 </dev/null &\n' "$RUN_DIR/logs/nodesim-dockerd.log"
    } >"$file"
    chmod 700 "$file"
}

# An sshd on the node's address inside its namespaces (those of its first dockerd), for the same
# throwaway user: the automatic install reaches the node as it would a real server.
nodesim_sshd_up() {
    local dir="$NODESIM_DIR/sshd"
    mkdir -p "$dir"
    chmod 700 "$dir"
    sshd_write_config "$dir/sshd_config" "$dir" "$NODESIM_SUBNET_NODE" 22
    start_bg nodesim-sshd "$RUN_DIR/logs/nodesim-sshd.log" nsenter "--net=/run/netns/$NODESIM_NS" "--uts=/proc/$NODESIM_PID/ns/uts" \
        /usr/sbin/sshd -D -e -f "$dir/sshd_config"
    NODESIM_SSHD_PID="$BG_PID"
    local deadline=$((SECONDS + 15))
    until ip netns exec "$NODESIM_NS" bash -c ": </dev/tcp/$NODESIM_SUBNET_NODE/22" 2>/dev/null; do
        if ! pid_alive "$NODESIM_SSHD_PID" || ((SECONDS >= deadline)); then
            tail -n 20 "$RUN_DIR/logs/nodesim-sshd.log" >&2 || true
            die "the simulated node's sshd did not listen on $NODESIM_SUBNET_NODE:22"
        fi
        sleep 0.1
    done
    export PAAS_TEST_NODESIM_SSH_PORT=22
}

# The dockerd running now: the first one, or the one the install script restarted.
nodesim_dockerd_pid() {
    local pid=""
    if [[ -s "$NODESIM_DIR/docker.pid" ]]; then pid="$(cat "$NODESIM_DIR/docker.pid")"; fi
    if [[ -n "$pid" ]] && pid_alive "$pid"; then printf '%s' "$pid"; elif [[ -n "$NODESIM_PID" ]] && pid_alive "$NODESIM_PID"; then printf '%s' "$NODESIM_PID"; fi
}

nodesim_down() {
    [[ -n "$NODESIM_NS" ]] || return 0
    if [[ -n "$NODESIM_SSHD_PID" ]]; then stop_pid "$NODESIM_SSHD_PID" 3 || true; NODESIM_SSHD_PID=""; fi
    local swarm_id="" dockerd_pid
    dockerd_pid="$(nodesim_dockerd_pid)"
    if [[ -n "$dockerd_pid" ]]; then
        swarm_id="$(timeout 5 /usr/bin/docker --host "unix://$NODESIM_DIR/docker.sock" info --format '{{.Swarm.NodeID}}' 2>/dev/null || true)"
        timeout 10 /usr/bin/docker --host "unix://$NODESIM_DIR/docker.sock" swarm leave --force >/dev/null 2>&1 || true
        # Short: exit hooks may be cut off, and the hooks after this one stop other servers.
        stop_pid "$dockerd_pid" 8 || true
    fi
    if [[ -n "$swarm_id" ]]; then /usr/bin/docker node rm --force "$swarm_id" >/dev/null 2>&1 || true; fi
    # Anything the tests left: nodes of this namespace's address that are down.
    local id
    for id in $(/usr/bin/docker node ls -q 2>/dev/null); do
        if [[ "$(/usr/bin/docker node inspect -f '{{.Status.Addr}}' "$id" 2>/dev/null)" == "$NODESIM_SUBNET_NODE" ]]; then
            /usr/bin/docker node rm --force "$id" >/dev/null 2>&1 || true
        fi
    done
    ip link del "$NODESIM_HOST_IF" 2>/dev/null || true
    ip netns del "$NODESIM_NS" 2>/dev/null || true
    if [[ -d "$NODESIM_DIR" ]]; then rm -rf "$NODESIM_DIR" 2>/dev/null || true; fi
    NODESIM_NS=""
}
