#!/bin/sh
# Every way out of a tenant container that a "Portainer-like" tool would try: a Docker, containerd
# or podman socket; the host's filesystem, devices or namespaces; dangerous capabilities; a Docker
# API on TCP; platform daemons on the host through the default gateway.
#
# Output, one line per probe (then an INFO line with the evidence):
#     PROBE <name> <ok|blocked|error>
#   ok      the way out exists: the attack SUCCEEDED
#   blocked it does not
#   error   the probe could not decide; the tests treat it as a failure, never as blocked
# and at the end: PROBES DONE total=<n> ok=<n> error=<n>
#
# Used as the entrypoint of paas-redteam/portainer-like:1 and, through `docker exec ... sh -c`, by the
# red-team tests inside other containers (so it only needs busybox: sh, nc, find, ip, awk).
#
# Environment (all optional):
#   REDTEAM_PROBE_GROUPS     which groups run (default all): sockets hostdirs mounts devices caps
#                            namespaces env tcp
#   REDTEAM_GATEWAY_PORTS    "name:port ..." tried on the default gateway
#                            (default "docker:2375 docker-tls:2376 swarm:2377 swarm-gossip:7946";
#                            set but empty = none)
#   REDTEAM_PROBE_PORTS      more "name:port ..." for the gateway, e.g. "cp:8080 registry:5000"
#   REDTEAM_HOST_ADDRS       more host-local addresses to try all those ports on
#   REDTEAM_GATEWAY_ALLOW    addresses the gateway may be (space/comma separated). Without it the
#                            gateway must be in 172.16.0.0/12 (Docker's bridges). Anything else is
#                            never contacted: the gateway probes report error instead.
#   REDTEAM_CONNECT_TIMEOUT  seconds per TCP connect (default 2)

T="${REDTEAM_CONNECT_TIMEOUT:-2}"
GROUPS_WANTED=" ${REDTEAM_PROBE_GROUPS:-sockets hostdirs mounts devices caps namespaces env tcp} "
if [ -x /bin/busybox ]; then NC="/bin/busybox nc"; else NC="nc"; fi
total=0
okc=0
errc=0

one_line() {
  printf '%s' "$1" | tr '\n\t' '  ' | cut -c1-240
}

result() { # name verdict evidence
  total=$((total + 1))
  case "$2" in
    ok) okc=$((okc + 1)) ;;
    blocked) ;;
    *) errc=$((errc + 1)) ;;
  esac
  echo "PROBE $1 $2"
  echo "INFO $1 $(one_line "$3")"
}

want() {
  case "$GROUPS_WANTED" in *" $1 "*) return 0 ;; esac
  return 1
}

# --- sockets: the usual places a Docker-ish API socket is mounted, then any socket anywhere ------
if want sockets; then
  for p in /var/run/docker.sock /run/docker.sock /docker.sock /var/run/docker/docker.sock \
    /host/var/run/docker.sock /host/run/docker.sock /hostfs/var/run/docker.sock \
    /rootfs/var/run/docker.sock /var/run/containerd/containerd.sock \
    /run/containerd/containerd.sock /run/podman/podman.sock /var/run/crio/crio.sock \
    /run/dockershim.sock; do
    if [ -S "$p" ]; then
      result "socket:$p" ok "unix socket present"
    elif [ -e "$p" ]; then
      result "socket:$p" blocked "path exists but is no socket"
    else
      result "socket:$p" blocked "absent"
    fi
  done
  found="$(find / \( -path /proc -o -path /sys \) -prune -o -type s -print 2>/dev/null | head -n 10)"
  if [ -n "$found" ]; then
    result socket-scan ok "unix sockets: $found"
  else
    result socket-scan blocked "no unix socket outside /proc and /sys"
  fi
fi

# --- host filesystem mounted somewhere -----------------------------------------------------------
if want hostdirs; then
  for d in /host /hostfs /rootfs /host-root /mnt/host; do
    entries="$(find "$d" -mindepth 1 -maxdepth 1 2>/dev/null | head -n 5)"
    if [ -d "$d" ] && [ -n "$entries" ]; then
      result "host-dir:$d" ok "non-empty: $entries"
    else
      result "host-dir:$d" blocked "absent or empty"
    fi
  done
fi

if want mounts; then
  # A writable disk filesystem (not the container's own root) means host storage is reachable.
  rw=""
  while read -r dev mnt fstype opts _rest; do
    case "$fstype" in
      ext2 | ext3 | ext4 | xfs | btrfs | zfs | nfs | nfs4 | cifs | smb3 | 9p | virtiofs | vfat | fuse* | overlay)
        [ "$fstype" = overlay ] && [ "$mnt" = / ] && continue
        case ",$opts," in *,rw,*) rw="$rw $mnt($fstype,$dev)" ;; esac
        ;;
    esac
  done </proc/mounts
  if [ -n "$rw" ]; then
    result mount:rw-host-fs ok "writable disk mounts:$rw"
  else
    result mount:rw-host-fs blocked "no writable disk mount besides the root"
  fi
fi

if want devices; then
  blk="$(find /dev -type b 2>/dev/null | head -n 5)"
  if [ -n "$blk" ]; then
    result dev:block ok "block devices: $blk"
  else
    result dev:block blocked "no block device in /dev"
  fi
fi

# --- capabilities that reach the kernel, the network stack or other processes --------------------
if want caps; then
  eff=""
  while read -r key val; do
    [ "$key" = "CapEff:" ] && eff="$val"
  done </proc/self/status
  if [ -z "$eff" ]; then
    result caps error "no CapEff line in /proc/self/status"
  else
    for pair in DAC_READ_SEARCH:2 NET_ADMIN:12 NET_RAW:13 SYS_MODULE:16 SYS_RAWIO:17 SYS_PTRACE:19 \
      SYS_ADMIN:21 MKNOD:27; do
      name="${pair%%:*}"
      bit="${pair##*:}"
      if [ $(((0x$eff >> bit) & 1)) = 1 ]; then
        result "cap:$name" ok "CapEff=$eff has bit $bit"
      else
        result "cap:$name" blocked "CapEff=$eff"
      fi
    done
  fi
fi

# --- the host's namespaces -------------------------------------------------------------------------
if want namespaces; then
  links="$(ip -o link 2>/dev/null | awk -F': ' '{print $2}' | cut -d@ -f1 | tr '\n' ' ')"
  case " $links " in
    *" docker0 "* | *" docker_gwbridge "*) result netns:host ok "host interfaces visible: $links" ;;
    *) result netns:host blocked "interfaces: $links" ;;
  esac
  daemons=""
  for c in /proc/[0-9]*/comm; do
    read -r comm 2>/dev/null <"$c" || continue
    case "$comm" in dockerd | containerd | systemd | sshd | swarmd) daemons="$daemons $comm" ;; esac
  done
  if [ -n "$daemons" ]; then
    result pidns:host ok "host processes visible:$daemons"
  else
    result pidns:host blocked "no host daemon in /proc"
  fi
fi

if want env; then
  if [ -n "${DOCKER_HOST:-}" ]; then
    result env:DOCKER_HOST ok "DOCKER_HOST is set"
  else
    result env:DOCKER_HOST blocked "unset"
  fi
fi

# --- TCP: Docker API on loopback; Docker, Swarm and platform daemons on the host ---------------------
tcp() { # name host port
  out="$($NC -w "$T" "$2" "$3" </dev/null 2>&1)"
  rc=$?
  if [ "$rc" -eq 0 ]; then
    result "$1" ok "$2:$3 connected $out"
    return
  fi
  case "$out" in
    *"Connection refused"* | *"No route to host"* | *"etwork unreachable"* | *"etwork is unreachable"* | \
      *"ost is unreachable"* | *"timed out"* | *"Permission denied"* | *"Operation not permitted"*)
      result "$1" blocked "$2:$3 $out"
      ;;
    *) result "$1" error "$2:$3 rc=$rc $out" ;;
  esac
}

in_list() { # needle list(space/comma separated)
  for x in $(echo "$2" | tr ',' ' '); do
    [ "$x" = "$1" ] && return 0
  done
  return 1
}

if want tcp; then
  for port in 2375 2376; do
    tcp "tcp:loopback:docker:$port" 127.0.0.1 "$port"
  done

  ports="${REDTEAM_GATEWAY_PORTS-docker:2375 docker-tls:2376 swarm:2377 swarm-gossip:7946} ${REDTEAM_PROBE_PORTS:-}"
  routes="$(ip route 2>&1)"
  route_rc=$?
  gw="$(printf '%s\n' "$routes" | awk '/^default/ {print $3; exit}')"
  reason=""
  none=""
  if [ "$route_rc" -ne 0 ]; then
    reason="ip route failed: $routes"
  elif [ -z "$gw" ]; then
    # No network at all (a build step's): there is no gateway to reach.
    none="no default route: $routes"
  elif ip -o link 2>/dev/null | grep -qE ': (docker0|docker_gwbridge)[:@]'; then
    reason="host network namespace: the gateway $gw is outside this machine"
  elif [ -n "${REDTEAM_GATEWAY_ALLOW:-}" ]; then
    in_list "$gw" "$REDTEAM_GATEWAY_ALLOW" || reason="gateway $gw is not in REDTEAM_GATEWAY_ALLOW"
  else
    case "$gw" in
      172.1[6-9].* | 172.2[0-9].* | 172.3[01].*) ;;
      *) reason="gateway $gw is not a Docker bridge address (172.16.0.0/12)" ;;
    esac
  fi
  for entry in $ports; do
    name="${entry%%:*}"
    port="${entry##*:}"
    if [ -n "$none" ]; then
      result "tcp:gateway:$name:$port" blocked "$none"
    elif [ -n "$reason" ]; then
      result "tcp:gateway:$name:$port" error "not contacted: $reason"
    else
      tcp "tcp:gateway:$name:$port" "$gw" "$port"
    fi
  done
  for addr in $(echo "${REDTEAM_HOST_ADDRS:-}" | tr ',' ' '); do
    [ "$addr" = "$gw" ] && continue
    for entry in $ports; do
      name="${entry%%:*}"
      port="${entry##*:}"
      tcp "tcp:$addr:$name:$port" "$addr" "$port"
    done
  done
fi

echo "PROBES DONE total=$total ok=$okc error=$errc"
