"""Probes run inside a container through `docker exec`, and how their output is judged.

Every probe has three outcomes: the way out is open (the attack succeeded), it is blocked, or the
probe could not tell (error). An error is never read as blocked: a broken probe must not pass.
The same functions run against permissive control containers (test_controls.py), which must come
out "open"; that is what keeps a broken probe from passing silently.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Callable

from . import dock, settings

PROBE_SCRIPT = settings.PROBE_SCRIPT_PATH.read_text()

# --- the probe script (images/rootfs/redteam/probe.sh) ------------------------------------------------


@dataclass
class ProbeResult:
    name: str
    verdict: str  # ok | blocked | error
    info: str = ""


@dataclass
class ProbeRun:
    results: list[ProbeResult]
    done: bool
    raw: str = ""

    def by_name(self) -> dict[str, ProbeResult]:
        return {r.name: r for r in self.results}


def parse_probe_output(text: str) -> ProbeRun:
    """Parses the last complete run of probe.sh in text (logs may hold several runs)."""
    lines = text.splitlines()
    done_idx = [i for i, line in enumerate(lines) if line.startswith("PROBES DONE")]
    if done_idx:
        end = done_idx[-1]
        start = done_idx[-2] + 1 if len(done_idx) > 1 else 0
        block, done = lines[start:end], True
    else:
        block, done = lines, False
    results: list[ProbeResult] = []
    infos: dict[str, str] = {}
    for line in block:
        parts = line.split(" ", 2)
        if len(parts) >= 3 and parts[0] == "PROBE":
            results.append(ProbeResult(parts[1], parts[2].strip()))
        elif len(parts) >= 2 and parts[0] == "INFO":
            infos[parts[1]] = parts[2] if len(parts) > 2 else ""
    for r in results:
        r.info = infos.get(r.name, "")
        if r.verdict not in ("ok", "blocked"):
            r.verdict = "error"
    return ProbeRun(results, done, text)


def run_probe_script(container: str, env: dict[str, str] | None = None, timeout: float = 180.0) -> ProbeRun:
    cp = dock.exec_sh(container, PROBE_SCRIPT, env=env, timeout=timeout)
    run = parse_probe_output(cp.stdout)
    if not run.done or not run.results:
        raise dock.DockerError(f"probe.sh did not complete in {container} (exit {cp.returncode}): "
                               f"{(cp.stdout + cp.stderr)[-1500:]}")
    return run


# --- TCP connect ---------------------------------------------------------------------------------------

_NC_SCRIPT = r'''
if [ -x /bin/busybox ]; then NC="/bin/busybox nc"; else NC=nc; fi
$NC -w "$3" "$1" "$2" </dev/null
echo "NC_RC=$?"
'''

_BLOCKED = ("Connection refused", "No route to host", "etwork unreachable", "etwork is unreachable",
            "ost is unreachable", "timed out", "Permission denied", "Operation not permitted")


def tcp_connect(container: str, host: str, port: int, timeout: int = settings.CONNECT_TIMEOUT) -> tuple[str, str]:
    """→ ("open" | "blocked" | "error", evidence). Connects from inside the container, sends nothing."""
    cp = dock.exec_sh(container, _NC_SCRIPT, host, str(port), str(timeout), timeout=timeout + 20)
    out = (cp.stdout + cp.stderr).strip()
    m = re.search(r"NC_RC=(\d+)", out)
    if not m:
        return "error", f"exec failed ({cp.returncode}): {out[-400:]}"
    evidence = f"{host}:{port} {out.replace(chr(10), ' ')[-300:]}"
    if m.group(1) == "0":
        return "open", evidence
    if any(s in out for s in _BLOCKED):
        return "blocked", evidence
    return "error", evidence


_HTTP_SCRIPT = r'''
if [ -x /bin/busybox ]; then NC="/bin/busybox nc"; else NC=nc; fi
printf 'GET / HTTP/1.0\r\nHost: localhost\r\n\r\n' | $NC -w "$2" 127.0.0.1 "$1" | head -n 1
'''


def http_answers(container: str, port: int, timeout: int = 5) -> tuple[bool, str, float]:
    """Does the app in this container answer HTTP on its port? (ok, status line, seconds)."""
    start = time.monotonic()
    try:
        cp = dock.exec_sh(container, _HTTP_SCRIPT, str(port), str(timeout), timeout=timeout + 20)
    except dock.DockerError as exc:
        return False, str(exc), time.monotonic() - start
    line = (cp.stdout or cp.stderr).strip().splitlines()[:1]
    status = line[0] if line else f"no answer (exit {cp.returncode}) {cp.stderr.strip()[:200]}"
    return status.startswith("HTTP/") and " 200" in status, status, time.monotonic() - start


# --- capabilities ----------------------------------------------------------------------------------------

CAP_NAMES = [
    "CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID", "KILL", "SETGID", "SETUID", "SETPCAP",
    "LINUX_IMMUTABLE", "NET_BIND_SERVICE", "NET_BROADCAST", "NET_ADMIN", "NET_RAW", "IPC_LOCK", "IPC_OWNER",
    "SYS_MODULE", "SYS_RAWIO", "SYS_CHROOT", "SYS_PTRACE", "SYS_PACCT", "SYS_ADMIN", "SYS_BOOT", "SYS_NICE",
    "SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG", "MKNOD", "LEASE", "AUDIT_WRITE", "AUDIT_CONTROL", "SETFCAP",
    "MAC_OVERRIDE", "MAC_ADMIN", "SYSLOG", "WAKE_ALARM", "BLOCK_SUSPEND", "AUDIT_READ", "PERFMON", "BPF",
    "CHECKPOINT_RESTORE",
]


def decode_caps(hexmask: str) -> set[str]:
    value = int(hexmask, 16)
    caps = set()
    bit = 0
    while value:
        if value & 1:
            caps.add(CAP_NAMES[bit] if bit < len(CAP_NAMES) else f"CAP_{bit}")
        value >>= 1
        bit += 1
    return caps


CAP_SETS = ("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb")


def read_caps(container: str) -> dict[str, dict[str, set[str]]]:
    """{"pid1": {"CapEff": {...}, ...}, "exec": {...}}: the container's first process and a fresh one."""
    cp = dock.exec_sh(container, "cat /proc/1/status; echo '---'; cat /proc/self/status", timeout=20)
    if cp.returncode != 0 or "---" not in cp.stdout:
        raise dock.DockerError(f"could not read /proc/*/status in {container}: {cp.stderr.strip()[:300]}")
    out: dict[str, dict[str, set[str]]] = {}
    for label, text in zip(("pid1", "exec"), cp.stdout.split("---", 1)):
        sets: dict[str, set[str]] = {}
        for line in text.splitlines():
            key, _, val = line.partition(":")
            if key in CAP_SETS:
                sets[key] = decode_caps(val.strip())
        if "CapEff" not in sets or "CapBnd" not in sets:
            raise dock.DockerError(f"no capability lines for {label} in {container}")
        out[label] = sets
    return out


# --- writes outside tmpfs -------------------------------------------------------------------------------

_WRITE_SCRIPT = r'''
for d in "$@"; do
  if [ ! -d "$d" ]; then echo "WRITE $d absent"; continue; fi
  f="$d/.paas-redteam-write.$$"
  if msg="$( (echo redteam > "$f") 2>&1 )"; then
    rm -f "$f"; echo "WRITE $d ok"
  else
    echo "WRITE $d blocked $msg" | tr '\n' ' '; echo
  fi
done
'''

ROOT_DIRS = ["/", "/etc", "/bin", "/sbin", "/usr", "/usr/local/bin", "/root", "/var", "/home", "/opt", "/srv",
             "/www", "/redteam", "/app"]


def write_probe(container: str, dirs: list[str]) -> dict[str, tuple[str, str]]:
    """dir → ("ok" | "blocked" | "absent" | "error", evidence). ok = the write went through."""
    cp = dock.exec_sh(container, _WRITE_SCRIPT, *dirs, timeout=30)
    results: dict[str, tuple[str, str]] = {}
    for line in cp.stdout.splitlines():
        parts = line.split(" ", 3)
        if len(parts) >= 3 and parts[0] == "WRITE":
            results[parts[1]] = (parts[2], parts[3] if len(parts) > 3 else "")
    for d in dirs:
        results.setdefault(d, ("error", f"no answer (exit {cp.returncode}) {cp.stderr.strip()[:200]}"))
    return results


# Filesystems that are no host storage: kernel views and RAM.
VIRTUAL_FS = {"proc", "sysfs", "tmpfs", "devpts", "mqueue", "cgroup", "cgroup2", "devtmpfs", "securityfs",
              "debugfs", "tracefs", "pstore", "bpf", "hugetlbfs", "fusectl", "configfs", "nsfs", "autofs"}


def writable_disk_mounts(container: str) -> list[str]:
    """Mounts that are read-write and backed by storage (including a writable root)."""
    cp = dock.exec_sh(container, "cat /proc/mounts", timeout=20)
    if cp.returncode != 0:
        raise dock.DockerError(f"could not read /proc/mounts in {container}")
    found = []
    for line in cp.stdout.splitlines():
        fields = line.split()
        if len(fields) < 4:
            continue
        dev, mnt, fstype, opts = fields[:4]
        if fstype in VIRTUAL_FS:
            continue
        if "rw" in opts.split(","):
            found.append(f"{mnt} ({fstype} {dev} {opts})")
    return found


# --- memory ------------------------------------------------------------------------------------------------

_MEMORY_SCRIPT = r'''
oom() {
  for f in /sys/fs/cgroup/memory/memory.oom_control /sys/fs/cgroup/memory.events; do
    if [ -r "$f" ]; then
      while read -r k v; do [ "$k" = oom_kill ] && { echo "$v"; return; }; done < "$f"
    fi
  done
  echo unknown
}
limit() {
  for f in /sys/fs/cgroup/memory/memory.limit_in_bytes /sys/fs/cgroup/memory.max; do
    if [ -r "$f" ]; then read -r v < "$f"; echo "$v"; return; fi
  done
  echo unknown
}
echo "LIMIT $(limit)"
echo "OOM_BEFORE $(oom)"
dd if=/dev/zero of=/dev/null bs="$1"M count=1 2>/dev/null
echo "DD_RC $?"
echo "OOM_AFTER $(oom)"
'''


@dataclass
class MemoryResult:
    mib: int
    limit_bytes: int | None
    dd_rc: int | None
    oom_before: str
    oom_after: str
    raw: str

    @property
    def completed(self) -> bool:
        return self.dd_rc == 0

    @property
    def oom_killed(self) -> bool:
        counted = (self.oom_before.isdigit() and self.oom_after.isdigit() and int(self.oom_after) > int(self.oom_before))
        return self.dd_rc == 137 or counted


def memory_probe(container: str, mib: int, timeout: float = 60.0) -> MemoryResult:
    """One process allocates and touches MIB MiB at once (busybox dd with a block of that size)."""
    cp = dock.exec_sh(container, _MEMORY_SCRIPT, str(mib), timeout=timeout)
    text = cp.stdout + cp.stderr
    vals = dict(re.findall(r"^(LIMIT|OOM_BEFORE|DD_RC|OOM_AFTER) (\S+)", text, re.M))
    if "DD_RC" not in vals:
        raise dock.DockerError(f"memory probe did not run in {container} (exit {cp.returncode}): {text[-600:]}")
    limit = vals.get("LIMIT", "unknown")
    return MemoryResult(
        mib=mib,
        limit_bytes=int(limit) if limit.isdigit() else None,
        dd_rc=int(vals["DD_RC"]) if vals["DD_RC"].lstrip("-").isdigit() else None,
        oom_before=vals.get("OOM_BEFORE", "unknown"),
        oom_after=vals.get("OOM_AFTER", "unknown"),
        raw=text.strip(),
    )


# --- processes -------------------------------------------------------------------------------------------------

# Starts `sleep 30` until fork fails or CAP are running. busybox ash exits when fork fails, so the
# report, the hold (busy-waiting on /proc/uptime: builtins only, no fork needed) and the kill all run
# in the EXIT trap.
_BOMB_SCRIPT = r'''
cap=$1; hold=$2; n=0; p=""; finished=0
peak() {
  cur=unknown; max=unknown
  for f in /sys/fs/cgroup/pids/pids.current /sys/fs/cgroup/pids.current; do
    if [ -r "$f" ]; then read -r cur < "$f"; break; fi
  done
  for f in /sys/fs/cgroup/pids/pids.max /sys/fs/cgroup/pids.max; do
    if [ -r "$f" ]; then read -r max < "$f"; break; fi
  done
  echo "BOMB started=$n cap_reached=$finished pids_current=$cur pids_max=$max"
  read -r up _ < /proc/uptime; end=$(( ${up%.*} + hold ))
  while :; do read -r up _ < /proc/uptime; [ "${up%.*}" -ge "$end" ] && break; done
  kill $p 2>/dev/null
  echo "BOMB killed"
}
trap peak EXIT
while [ $n -lt "$cap" ]; do sleep 30 & p="$p $!"; n=$((n+1)); done
finished=1
'''


@dataclass
class BombResult:
    started: int
    cap: int
    cap_reached: bool
    pids_current: int | None
    pids_max: str
    during: object = None
    lines: list[str] = field(default_factory=list)


def fork_bomb(container: str, cap: int, hold: int = 6, during: Callable[[], object] | None = None) -> BombResult:
    """Forks `sleep 30` up to CAP times inside the container, holds the peak for HOLD seconds while
    `during()` runs on the host, then kills them. Bounded: at most CAP processes, HOLD + 60 s."""
    state: dict[str, object] = {}

    def on_line(line: str) -> None:
        # The report can share a line with the shell's own output when forks fail under the limit.
        at = line.find("BOMB started=")
        if at >= 0 and "during" not in state:
            state["peak"] = line[at:]
            state["during"] = during() if during else None

    res = dock.exec_streaming(container, _BOMB_SCRIPT, str(cap), str(hold), on_line=on_line, timeout=hold + 60)
    peak = state.get("peak")
    if not isinstance(peak, str):
        raise dock.DockerError(f"fork bomb gave no report in {container} (exit {res.returncode}, "
                               f"timed out {res.timed_out}): {' | '.join(res.lines[-10:])}")
    vals = dict(re.findall(r"(\w+)=(\S+)", peak))
    cur = vals.get("pids_current", "")
    return BombResult(
        started=int(vals.get("started", "0")),
        cap=cap,
        cap_reached=vals.get("cap_reached") == "1",
        pids_current=int(cur) if cur.isdigit() else None,
        pids_max=vals.get("pids_max", "unknown"),
        during=state.get("during"),
        lines=res.lines,
    )


def gateway(container: str) -> str:
    cp = dock.exec_sh(container, "ip route | awk '/^default/ {print $3; exit}'", timeout=20)
    return cp.stdout.strip()
