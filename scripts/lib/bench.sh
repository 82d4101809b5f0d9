# shellcheck shell=bash
# The platform as the benchmarks run it: dockerd + Swarm (started if needed), `paas` built, this
# host bootstrapped as location "local" without the firewall, its ingress on free loopback ports,
# and `paas serve` on a throwaway SQLite database. Source common.sh and dockerd.sh first; sourcing
# this file has no side effects.
#
#   bench_prepare                      dockerd, the run directory, exit hooks, `paas` built
#   bench_platform_up [VAR=VALUE...]   extra environment for bootstrap and serve (e.g. PAAS_REGISTRY);
#                                      sets PAAS_URL, PAAS_INGRESS_URL and SERVE_LOG
# Everything started is stopped on exit; hooks a script adds after bench_prepare run before dockerd stops.

bench_prepare() {
    dockerd_up
    run_dir_init
    install_exit_trap
    # Hooks run last-in first-out: dockerd stops after everything that needs it is cleaned up.
    on_exit 'dockerd_stop_started'
    on_exit 'docker rm -f paas-ingress-local >/dev/null 2>&1 || true'
    swift build --product paas >"$RUN_DIR/logs/build.log" 2>&1 || { tail -30 "$RUN_DIR/logs/build.log"; die "build failed"; }
}

bench_platform_up() {
    local port http https
    port="$(free_port)" http="$(free_port)" https="$(free_port)"
    # The extra words are VAR=VALUE: export sets each one.
    # shellcheck disable=SC2163
    export PAAS_DATA_DIR="$RUN_DIR/data" PORT="$port" HOST=0.0.0.0 PAAS_ADMIN_EMAIL=bench-admin@example.test \
        PAAS_ADMIN_PASSWORD=bench-admin-pass-1 PAAS_BCRYPT_COST=4 PAAS_TRAEFIK_IMAGE="$PAAS_TRAEFIK_TEST_IMAGE" \
        PAAS_INGRESS_BIND=127.0.0.1 PAAS_INGRESS_HTTP_PORT="$http" PAAS_INGRESS_HTTPS_PORT="$https" \
        PAAS_ACME_CA_URL=https://127.0.0.1:9/dir "$@"
    mkdir -p "$PAAS_DATA_DIR"
    .build/debug/paas migrate >/dev/null
    .build/debug/paas bootstrap --location local --country DE --no-firewall
    SERVE_LOG="$RUN_DIR/logs/serve.log"
    start_bg "paas serve" "$SERVE_LOG" .build/debug/paas serve
    for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
    PAAS_URL="http://127.0.0.1:$port" PAAS_INGRESS_URL="http://127.0.0.1:$http"
    export PAAS_URL PAAS_INGRESS_URL SERVE_LOG
}

# The server's last lines, without the ingress's polling, then exit.
bench_failed() {
    tail -n 40 "$SERVE_LOG" | grep -v 'GET /internal/traefik' >&2
    die "the benchmark failed"
}
