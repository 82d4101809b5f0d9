#!/usr/bin/env bash
# Benchmark: what the build sandbox costs. The same uncached Dockerfile (five RUN steps) is built
# through Docker's build API under the sandbox's cgroup, where paas-runc rewrites each step's
# runtime spec, and without it (paas-runc passes straight to runc): the baseline, same run, same
# engine. Prints the medians and their ratio. Starts dockerd if needed; stops only what it started.
#   BENCH_TRIALS (7)  builds of each kind, alternating
set -euo pipefail
cd "$(dirname "$0")/../.."
# shellcheck source=../lib/dockerd.sh
source scripts/lib/dockerd.sh
dockerd_up
trap 'dockerd_stop_started; rm -rf "${WORK:-/nonexistent}"' EXIT
WORK="$(mktemp -d)"
trials="${BENCH_TRIALS:-7}"

build_once() { # cgroup parent ("" for none) -> seconds on stdout
    local parent="$1" nonce start end query
    nonce="$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    {
        echo "FROM $PAAS_BUSYBOX_IMAGE"
        for step in 1 2 3 4 5; do echo "RUN echo $nonce-$step > /tmp/step-$step"; done
    } >"$WORK/Dockerfile"
    tar -C "$WORK" -cf "$WORK/context.tar" Dockerfile
    query="t=paas-bench/sandbox:1&rm=1&forcerm=1&networkmode=none"
    [[ -n "$parent" ]] && query+="&cgroupparent=$parent"
    start="$(date +%s%N)"
    curl -sf --unix-socket "$DOCKERD_SOCKET" -X POST -H 'Content-Type: application/x-tar' \
        --data-binary @"$WORK/context.tar" "http://engine/v1.41/build?$query" >"$WORK/out.json"
    end="$(date +%s%N)"
    grep -q 'Successfully built' "$WORK/out.json" || { cat "$WORK/out.json" >&2; exit 1; }
    awk -v ns=$((end - start)) 'BEGIN { printf "%.3f\n", ns / 1e9 }'
}

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

driver="$(dockerd_cli info --format '{{.CgroupDriver}}')"
parent=/paas-build
[[ "$driver" == systemd ]] && parent=paas-build.slice
build_once "" >/dev/null # warm-up: the base image's layers in the page cache
: >"$WORK/sandboxed"
: >"$WORK/plain"
for _ in $(seq 1 "$trials"); do
    build_once "$parent" >>"$WORK/sandboxed"
    build_once "" >>"$WORK/plain"
done
dockerd_cli rmi -f paas-bench/sandbox:1 >/dev/null 2>&1 || true
sandboxed="$(median <"$WORK/sandboxed")"
plain="$(median <"$WORK/plain")"
echo "build of 5 uncached RUN steps, median of $trials: sandboxed ${sandboxed} s, baseline (no sandbox cgroup) ${plain} s"
awk -v s="$sandboxed" -v p="$plain" 'BEGIN { printf "ratio sandboxed/baseline: %.2fx\n", s / p }'
