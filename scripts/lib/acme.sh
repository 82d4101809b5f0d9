# shellcheck shell=bash
# A local ACME server and DNS for tests: Debian's pebble and pebble-challtestsrv (see infra.md, "ACME:
# Debian's pebble"). Nothing leaves the machine: challtestsrv is the DNS server custom-domain checks
# ask, and pebble validates HTTP-01 challenges by asking it too. Source this file; sourcing has no
# side effects.
#
#   acme_require                 queue the Debian package when the binaries are missing (packages.sh)
#   acme_dns_up                  start pebble-challtestsrv's DNS (A queries answer 127.0.0.1 unless told
#                                otherwise) and management API; exports PAAS_TEST_DNS (host:port, UDP)
#                                and PAAS_TEST_DNS_MANAGEMENT (http://…)
#   acme_up HTTP_PORT [ADDR]     start pebble on ADDR (default: the docker0 address, so the ingress
#                                container reaches it) with a listener certificate made here; HTTP-01
#                                challenges are fetched from 127.0.0.1:HTTP_PORT. Exports
#                                PAAS_TEST_ACME_URL (the directory), PAAS_TEST_ACME_CA (the listener CA
#                                for LEGO_CA_CERTIFICATES and curl) and PAAS_TEST_ACME_ROOT (pebble's
#                                issuing root, new on every start)

if [[ -n "${_PAAS_ACME_SH:-}" ]]; then return 0; fi
_PAAS_ACME_SH=1

acme_require() {
    require_file /usr/bin/pebble pebble
    require_file /usr/bin/pebble-challtestsrv pebble
    require_cmd openssl openssl
}

_acme_wait_http() { # URL SECONDS [curl args...]
    local url="$1" seconds="$2" i
    shift 2
    for ((i = 0; i < seconds * 10; i++)); do
        curl -s -o /dev/null --max-time 1 "$@" "$url" && return 0
        sleep 0.1
    done
    return 1
}

acme_dns_up() {
    [[ -n "${PAAS_TEST_DNS:-}" ]] && return 0
    local dns management
    dns="$(free_port)" management="$(free_port)"
    start_bg "pebble-challtestsrv" "$RUN_DIR/logs/challtestsrv.log" /usr/bin/pebble-challtestsrv \
        -defaultIPv4 127.0.0.1 -defaultIPv6 "" -dns01 "127.0.0.1:$dns" -http01 "" -https01 "" -tlsalpn01 "" \
        -management "127.0.0.1:$management"
    _acme_wait_http "http://127.0.0.1:$management/" 20 || die "pebble-challtestsrv did not start; see $RUN_DIR/logs/challtestsrv.log"
    export PAAS_TEST_DNS="127.0.0.1:$dns" PAAS_TEST_DNS_MANAGEMENT="http://127.0.0.1:$management"
    log "DNS (pebble-challtestsrv) on udp $PAAS_TEST_DNS, management $PAAS_TEST_DNS_MANAGEMENT"
}

acme_up() {
    local http_port="$1" addr="${2:-$(ip -4 -o addr show docker0 2>/dev/null | awk '{ split($4, a, "/"); print a[1]; exit }')}"
    [[ -n "$addr" ]] || addr=127.0.0.1
    acme_dns_up
    local dir="$RUN_DIR/acme" port management
    port="$(free_port)" management="$(free_port)"
    mkdir -p "$dir"
    # The listener's own CA and certificate; its names cover every address the ingress or tests use.
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj "/CN=paas test ACME CA" \
        -keyout "$dir/ca.key" -out "$dir/ca.pem" 2>/dev/null
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=pebble" \
        -keyout "$dir/listener.key" -out "$dir/listener.csr" 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1,IP:%s,DNS:localhost\n' "$addr" >"$dir/san.ext"
    openssl x509 -req -in "$dir/listener.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -CAcreateserial -days 2 \
        -extfile "$dir/san.ext" -out "$dir/listener.pem" 2>/dev/null
    cat >"$dir/pebble.json" <<JSON
{"pebble": {"listenAddress": "$addr:$port", "managementListenAddress": "127.0.0.1:$management",
  "certificate": "$dir/listener.pem", "privateKey": "$dir/listener.key",
  "httpPort": $http_port, "tlsPort": 443, "ocspResponderURL": "", "externalAccountBindingRequired": false}}
JSON
    start_bg "pebble" "$RUN_DIR/logs/pebble.log" env PEBBLE_VA_NOSLEEP=1 PEBBLE_WFE_NONCEREJECT=0 \
        /usr/bin/pebble -config "$dir/pebble.json" -dnsserver "$PAAS_TEST_DNS"
    _acme_wait_http "https://$addr:$port/dir" 30 --cacert "$dir/ca.pem" || die "pebble did not start; see $RUN_DIR/logs/pebble.log"
    curl -fsS --cacert "$dir/ca.pem" "https://127.0.0.1:$management/roots/0" >"$dir/pebble-root.pem" || die "pebble's root certificate could not be read"
    export PAAS_TEST_ACME_URL="https://$addr:$port/dir" PAAS_TEST_ACME_CA="$dir/ca.pem" PAAS_TEST_ACME_ROOT="$dir/pebble-root.pem"
    log "ACME (pebble) at $PAAS_TEST_ACME_URL, HTTP-01 checked on 127.0.0.1:$http_port"
}
