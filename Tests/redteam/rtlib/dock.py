"""The docker CLI and a few host facts, every call bounded in time.

`docker exec` here is the harness reaching into a tenant container to run what tenant code could
run; it is not something the tenant can do itself.
"""

from __future__ import annotations

import ipaddress
import json
import os
import selectors
import shutil
import subprocess
import time
from dataclasses import dataclass
from typing import Callable

from . import settings


def _docker_binary() -> str:
    configured = os.environ.get("DOCKER_CLI", "").strip()
    if configured:
        return configured
    if os.access("/usr/bin/docker", os.X_OK):
        return "/usr/bin/docker"  # the 20.10 CLI; a newer one earlier on PATH works too
    return shutil.which("docker") or "docker"


DOCKER = _docker_binary()


class DockerError(RuntimeError):
    pass


def docker(*args: str, timeout: float = 60.0, check: bool = True, stdin: str | None = None) -> subprocess.CompletedProcess:
    cmd = [DOCKER, *args]
    try:
        cp = subprocess.run(cmd, input=stdin, capture_output=True, text=True, timeout=timeout,
                            stdin=None if stdin is not None else subprocess.DEVNULL)
    except subprocess.TimeoutExpired as exc:
        raise DockerError(f"`docker {' '.join(args[:4])} ...` did not finish within {timeout:.0f}s") from exc
    if check and cp.returncode != 0:
        raise DockerError(f"`docker {' '.join(args[:6])}` failed ({cp.returncode}): {cp.stderr.strip()[:800]}")
    return cp


def exec_args(container: str, env: dict[str, str] | None = None) -> list[str]:
    args = ["exec"]
    for key, value in (env or {}).items():
        args += ["-e", f"{key}={value}"]
    args.append(container)
    return args


def exec_sh(container: str, script: str, *argv: str, env: dict[str, str] | None = None,
            timeout: float = 30.0) -> subprocess.CompletedProcess:
    """Runs `sh -c SCRIPT redteam ARGV...` inside the container; never raises on a non-zero exit."""
    return docker(*exec_args(container, env), "sh", "-c", script, "redteam", *argv, timeout=timeout, check=False)


@dataclass
class StreamedExec:
    returncode: int | None
    lines: list[str]
    timed_out: bool


def exec_streaming(container: str, script: str, *argv: str, on_line: Callable[[str], None],
                   timeout: float = 60.0, env: dict[str, str] | None = None) -> StreamedExec:
    """Like exec_sh, but calls on_line for each output line as it arrives (stdout and stderr merged)."""
    cmd = [DOCKER, *exec_args(container, env), "sh", "-c", script, "redteam", *argv]
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    lines: list[str] = []
    buf = b""
    deadline = time.monotonic() + timeout
    sel = selectors.DefaultSelector()
    assert proc.stdout is not None
    sel.register(proc.stdout, selectors.EVENT_READ)
    timed_out = False
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                timed_out = True
                break
            if not sel.select(timeout=min(left, 0.5)):
                if proc.poll() is not None:
                    # drain whatever is left
                    rest = proc.stdout.read() or b""
                    buf += rest
                    break
                continue
            chunk = os.read(proc.stdout.fileno(), 65536)
            if not chunk:
                break
            buf += chunk
            while b"\n" in buf:
                raw, buf = buf.split(b"\n", 1)
                line = raw.decode(errors="replace")
                lines.append(line)
                on_line(line)
        if buf:
            for raw in buf.decode(errors="replace").splitlines():
                lines.append(raw)
                on_line(raw)
    finally:
        sel.close()
        if timed_out and proc.poll() is None:
            proc.kill()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
    return StreamedExec(proc.returncode, lines, timed_out)


def inspect(obj: str, kind: str = "") -> dict:
    args = [kind, "inspect", obj] if kind else ["inspect", obj]
    return json.loads(docker(*args, timeout=30).stdout)[0]


def exists(obj: str, kind: str = "container") -> bool:
    return docker(kind, "inspect", obj, timeout=30, check=False).returncode == 0


def image_exists(tag: str) -> bool:
    return docker("image", "inspect", tag, timeout=30, check=False).returncode == 0


def logs(container: str) -> str:
    cp = docker("logs", container, timeout=30, check=False)
    return cp.stdout + cp.stderr


def running_containers(label: str) -> list[str]:
    """Ids of running containers carrying the label ("key=value"), newest first."""
    out = docker("ps", "-q", "--no-trunc", "--filter", f"label={label}", "--filter", "status=running", timeout=30).stdout
    return [line for line in out.split() if line]


def all_containers(label: str) -> list[str]:
    out = docker("ps", "-aq", "--no-trunc", "--filter", f"label={label}", timeout=30).stdout
    return [line for line in out.split() if line]


def container_env(info: dict) -> dict[str, str]:
    env = {}
    for item in info.get("Config", {}).get("Env") or []:
        key, _, value = item.partition("=")
        env[key] = value
    return env


def container_networks(info: dict) -> dict[str, str]:
    """network name → IPv4 address of the container on it."""
    nets = info.get("NetworkSettings", {}).get("Networks") or {}
    return {name: (cfg.get("IPAddress") or "") for name, cfg in nets.items()}


def run_detached(name: str, image: str, *opts: str, command: list[str] | None = None) -> str:
    docker("rm", "-f", name, timeout=60, check=False)
    cp = docker("run", "-d", "--name", name, "--label", "paas-redteam=control", *opts, image, *(command or []), timeout=120)
    return cp.stdout.strip()


def remove_prefixed(prefix: str = settings.NAME_PREFIX) -> list[str]:
    """Removes containers and networks whose name starts with prefix (only what this suite names)."""
    removed = []
    out = docker("ps", "-a", "--format", "{{.Names}}", "--filter", f"name={prefix}", timeout=30, check=False).stdout
    names = [n for n in out.split() if n.startswith(prefix)]
    if names:
        docker("rm", "-f", *names, timeout=120, check=False)
        removed += names
    out = docker("network", "ls", "--format", "{{.Name}}", timeout=30, check=False).stdout
    for net in out.split():
        if net.startswith(prefix):
            docker("network", "rm", net, timeout=60, check=False)
            removed.append(net)
    return removed


def wait_for_log(container: str, marker: str, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    text = ""
    while time.monotonic() < deadline:
        text = logs(container)
        if marker in text:
            return text
        time.sleep(0.5)
    raise DockerError(f"{marker!r} did not appear in the logs of {container} within {timeout:.0f}s; logs:\n{text[-2000:]}")


# --- host facts -------------------------------------------------------------------------------------

def _ip(*args: str) -> str:
    return subprocess.run(["ip", *args], capture_output=True, text=True, timeout=10, check=False).stdout


def blackhole_installed(pool: str = settings.POOL) -> bool:
    line = _ip("-4", "route", "show", "exact", pool, "table", "main").strip()
    return line.startswith(("unreachable", "blackhole", "prohibit"))


def host_bridge_addrs() -> dict[str, str]:
    """interface → IPv4 address, for the host's Docker bridges (docker0, docker_gwbridge, br-*).
    These are this machine's own addresses: the only host addresses the suite lets containers probe."""
    addrs: dict[str, str] = {}
    for line in _ip("-o", "-4", "addr", "show").splitlines():
        fields = line.split()
        if len(fields) < 4:
            continue
        iface = fields[1]
        if iface in ("docker0", "docker_gwbridge") or iface.startswith("br-"):
            addrs[iface] = fields[3].split("/")[0]
    return addrs


def in_pool(ip: str, pool: str = settings.POOL) -> bool:
    try:
        return ipaddress.ip_address(ip) in ipaddress.ip_network(pool, strict=False)
    except ValueError:
        return False
