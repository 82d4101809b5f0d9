extension NodeInstallScript {
    /// The fixed part of the script. Every step prints `==> N/8 …` first, so a reader of a streamed
    /// log sees where it stopped; every failure names what to fix. Mutating commands go through
    /// `change`, which check mode turns into a printed line.
    static let body = #"""
PAAS_INSTALL_MODE="${PAAS_INSTALL_MODE:-full}"
PAAS_NODE_ROOT="${PAAS_NODE_ROOT:-}"
PAAS_MEMBERS=""
ETC_DOCKER="$PAAS_NODE_ROOT/etc/docker"
STATE_DIR="$PAAS_NODE_ROOT/var/lib/paas-node"

STEP=0
step() { STEP=$((STEP + 1)); printf '==> %s/8 %s\n' "$STEP" "$*"; }
ok() { printf '    ok: %s\n' "$*"; }
fail() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }
change() {
    if [[ "$PAAS_INSTALL_MODE" == check ]]; then
        printf '    check mode, not run: %s\n' "$*"
    else
        "$@"
    fi
}
report_exit() {
    local rc=$?
    if ((rc != 0)); then
        printf 'ERROR: step %s stopped with status %s; fix the problem above and run the script again.\n' "$STEP" "$rc" >&2
    fi
}
trap report_exit EXIT

case "$PAAS_INSTALL_MODE" in full | check) ;; *) fail "PAAS_INSTALL_MODE must be full or check, not '$PAAS_INSTALL_MODE'" ;; esac

# Answers `KEY=VALUE` lines; an error answer is JSON with a message, shown as it is.
call_control_plane() {
    local path="$1" body="$2" out status
    out="$(mktemp)"
    # The body goes on stdin: on the command line the token would show in `ps`.
    status="$(printf '%s' "$body" | curl -sS -o "$out" -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
        --data-binary @- "$PAAS_URL$path")" || { rm -f "$out"; fail "cannot reach the control plane at $PAAS_URL: check the address and that this server can reach it"; }
    if [[ "$status" != 200 ]]; then
        printf 'ERROR: the control plane answered %s: %s\n' "$status" "$(cat "$out")" >&2
        rm -f "$out"
        exit 1
    fi
    cat "$out"
    rm -f "$out"
}

json_string() { printf '"%s"' "$(printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' | awk 'NR > 1 { printf "\\n" } { printf "%s", $0 }')"; }

step "checking the system"
[[ "$(id -u)" -eq 0 ]] || fail "run this script as root (for example: sudo bash install.sh)"
[[ -r /etc/os-release ]] || fail "/etc/os-release is missing: this script supports Debian and Ubuntu"
# shellcheck disable=SC1091 # the node's own file, read at run time
OS_ID="$(. /etc/os-release && printf '%s' "${ID:-unknown}")"
case "$OS_ID" in debian | ubuntu) ok "operating system: $OS_ID" ;; *) fail "unsupported operating system '$OS_ID': use Debian or Ubuntu" ;; esac
for tool in curl openssl base64 awk sed sha256sum; do
    command -v "$tool" >/dev/null 2>&1 || fail "$tool is missing: install it (apt-get install -y $tool) and run the script again"
done
CPUS="$(getconf _NPROCESSORS_ONLN)"
MEMORY_MB="$(awk '/^MemTotal:/ { print int($2 / 1024) }' /proc/meminfo)"
ok "$CPUS CPUs, $MEMORY_MB MB of memory; roles $PAAS_ROLES; mode $PAAS_INSTALL_MODE"

step "installing Docker Engine"
if command -v dockerd >/dev/null 2>&1 && command -v iptables >/dev/null 2>&1; then
    ok "Docker Engine and iptables are already installed"
else
    change apt-get update -q
    change env DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker.io iptables ca-certificates
    ok "installed docker.io and iptables from the distribution's packages"
fi

step "registering with the control plane"
mkdir -p "$STATE_DIR" "$ETC_DOCKER/tls"
chmod 700 "$STATE_DIR" "$ETC_DOCKER/tls"
if [[ ! -s "$ETC_DOCKER/tls/key.pem" ]]; then
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=$PAAS_NODE_NAME" \
        -keyout "$ETC_DOCKER/tls/key.pem" -out "$STATE_DIR/node.csr" 2>/dev/null || fail "openssl could not make the node's key"
elif [[ ! -s "$STATE_DIR/node.csr" ]]; then
    openssl req -new -key "$ETC_DOCKER/tls/key.pem" -subj "/CN=$PAAS_NODE_NAME" -out "$STATE_DIR/node.csr"
fi
chmod 600 "$ETC_DOCKER/tls/key.pem"
# One answer per token: running this same script again reuses it; a new script registers anew.
REGISTRATION="$STATE_DIR/registration-$(printf '%s' "$PAAS_TOKEN" | sha256sum | cut -c1-16)"
if [[ -s "$REGISTRATION" ]]; then
    ok "already registered (kept from an earlier run)"
else
    call_control_plane /api/paas/nodes/register \
        "{\"token\":$(json_string "$PAAS_TOKEN"),\"csr\":$(json_string "$(cat "$STATE_DIR/node.csr")"),\"hostname\":$(json_string "$(hostname)"),\"cpus\":$CPUS,\"memory_mb\":$MEMORY_MB}" \
        >"$REGISTRATION.tmp"
    mv "$REGISTRATION.tmp" "$REGISTRATION"
    chmod 600 "$REGISTRATION"
    ok "registered; the control plane issued this node's certificate"
fi
# A new certificate (the node registered again) needs a Docker restart as much as a new daemon.json.
tls_fingerprint() { { cat "$ETC_DOCKER/tls/ca.pem" "$ETC_DOCKER/tls/cert.pem" 2>/dev/null || true; } | sha256sum | cut -c1-64; }
TLS_BEFORE="$(tls_fingerprint)"
NODE_ID="" JOIN_TOKEN="" MANAGER=""
# Split at the first '=' only: base64 values end in '=', which `read` would strip.
while IFS= read -r line; do
    key="${line%%=*}"
    value="${line#*=}"
    case "$key" in
        node_id) NODE_ID="$value" ;;
        join_token) JOIN_TOKEN="$value" ;;
        manager) MANAGER="$value" ;;
        members) PAAS_MEMBERS="$value" ;;
        ca_pem) printf '%s' "$value" | base64 -d >"$ETC_DOCKER/tls/ca.pem" ;;
        cert_pem) printf '%s' "$value" | base64 -d >"$ETC_DOCKER/tls/cert.pem" ;;
        *) ;;
    esac
done <"$REGISTRATION"
[[ -n "$NODE_ID" && -n "$JOIN_TOKEN" && -n "$MANAGER" ]] || fail "the registration answer is incomplete; delete $REGISTRATION and ask the admin for a new install script"
ok "node $NODE_ID, Swarm manager $MANAGER"

step "writing the Docker daemon configuration"
REGISTRY_LINE=""
if [[ -n "$PAAS_REGISTRY" ]]; then
    mkdir -p "$ETC_DOCKER/certs.d/$PAAS_REGISTRY"
    cp "$ETC_DOCKER/tls/ca.pem" "$ETC_DOCKER/certs.d/$PAAS_REGISTRY/ca.crt"
    REGISTRY_LINE="  \"insecure-registries\": [\"$PAAS_REGISTRY\"],"
fi
cat >"$ETC_DOCKER/daemon.json.new" <<EOF
{
  "log-driver": "json-file",
  "log-opts": { "max-size": "10m", "max-file": "3" },
  "userns-remap": "default",
$REGISTRY_LINE
  "tlsverify": true,
  "tlscacert": "/etc/docker/tls/ca.pem",
  "tlscert": "/etc/docker/tls/cert.pem",
  "tlskey": "/etc/docker/tls/key.pem",
  "hosts": ["unix:///var/run/docker.sock", "tcp://$PAAS_NODE_IPV4:2376"]
}
EOF
if cmp -s "$ETC_DOCKER/daemon.json.new" "$ETC_DOCKER/daemon.json"; then
    rm "$ETC_DOCKER/daemon.json.new"
    ok "daemon.json unchanged"
    DAEMON_CHANGED=0
    if [[ "$(tls_fingerprint)" != "$TLS_BEFORE" ]]; then
        ok "the node's certificate is new"
        DAEMON_CHANGED=1
    fi
else
    mv "$ETC_DOCKER/daemon.json.new" "$ETC_DOCKER/daemon.json"
    ok "wrote $ETC_DOCKER/daemon.json (log rotation, userns-remap, registry trust, mTLS API on $PAAS_NODE_IPV4:2376)"
    DAEMON_CHANGED=1
fi

step "applying the firewall"
if [[ "$PAAS_INSTALL_MODE" == check ]]; then
    command -v iptables >/dev/null 2>&1 || fail "iptables is missing"
    printf '    check mode, not run: the tenant, overlay-pool and cluster-port rules for members %s, Docker API for %s\n' "$PAAS_MEMBERS" "${MANAGER%:*}"
else
    apply_firewall
    ok "tenant -> host and tenant -> overlay-pool ($PAAS_ADDRESS_POOL) dropped; Swarm ports open to $PAAS_MEMBERS only, the Docker API to ${MANAGER%:*} only; 80/443 public only if ingress is among the roles ($PAAS_ROLES)"
fi

step "starting Docker"
start_docker() {
    if [[ -n "${PAAS_DOCKER_RESTART:-}" ]]; then
        # The operator's own way to restart Docker on a server managed some other way.
        bash -c "$PAAS_DOCKER_RESTART" || fail "PAAS_DOCKER_RESTART ($PAAS_DOCKER_RESTART) failed"
    elif [[ -d /run/systemd/system ]] && command -v systemctl >/dev/null 2>&1; then
        # Debian's unit passes -H fd://, which clashes with "hosts" in daemon.json.
        mkdir -p /etc/systemd/system/docker.service.d
        printf '[Service]\nExecStart=\nExecStart=/usr/sbin/dockerd\n' >/etc/systemd/system/docker.service.d/paas.conf
        systemctl daemon-reload
        systemctl enable docker >/dev/null 2>&1 || true
        systemctl restart docker
    else
        if [[ -s /var/run/docker.pid ]] && kill -0 "$(cat /var/run/docker.pid)" 2>/dev/null; then
            kill "$(cat /var/run/docker.pid)"
            while [[ -e /var/run/docker.pid ]]; do sleep 1; done
        fi
        setsid nohup dockerd >/var/log/dockerd.log 2>&1 </dev/null &
    fi
    local waited=0
    until docker info >/dev/null 2>&1; do
        ((waited < 60)) || fail "Docker did not start within 60 s; see /var/log/dockerd.log or journalctl -u docker"
        sleep 1
        waited=$((waited + 1))
    done
}
if [[ "$DAEMON_CHANGED" == 0 ]] && docker info >/dev/null 2>&1; then
    ok "Docker is running with this configuration"
else
    change start_docker
    ok "Docker is up"
fi

step "joining the Swarm"
if [[ "$PAAS_INSTALL_MODE" == check ]]; then
    printf '    check mode, not run: docker swarm join --advertise-addr %s %s\n' "$PAAS_NODE_IPV4" "$MANAGER"
    SWARM_NODE_ID=""
elif [[ "$(docker info --format '{{.Swarm.LocalNodeState}}')" == active ]]; then
    SWARM_NODE_ID="$(docker info --format '{{.Swarm.NodeID}}')"
    ok "already in the Swarm as $SWARM_NODE_ID"
else
    docker swarm join --token "$JOIN_TOKEN" --advertise-addr "$PAAS_NODE_IPV4" "$MANAGER" || fail "docker swarm join failed: check that $MANAGER is reachable from this server"
    SWARM_NODE_ID="$(docker info --format '{{.Swarm.NodeID}}')"
    ok "joined as $SWARM_NODE_ID"
fi

step "reporting back"
ENGINE="$(dockerd --version 2>/dev/null | awk '{ print $3 }' | tr -d ',' || true)"
call_control_plane /api/paas/nodes/report \
    "{\"token\":$(json_string "$PAAS_TOKEN"),\"swarm_node_id\":$(json_string "$SWARM_NODE_ID"),\"engine_version\":$(json_string "$ENGINE"),\"mode\":$(json_string "$PAAS_INSTALL_MODE")}" >/dev/null
ok "the control plane knows this node; it is placed by the label paas.location=$PAAS_LOCATION"
printf 'DONE: node %s installed (%s mode).\n' "$PAAS_NODE_NAME" "$PAAS_INSTALL_MODE"

"""#
}
