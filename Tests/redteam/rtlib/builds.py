"""Tenant code at build time: a Dockerfile whose RUN step runs probe.sh, pushed with real git.

The step prints the probe lines, its capability sets, NoNewPrivs and its pids cap; git shows them as
`remote:` lines, which `clean` turns back into the step's own output.
"""

from __future__ import annotations

import os
import re
import secrets
import shlex
import subprocess
import tempfile

from . import probes, settings
from .tenants import App, Tenant, host_probe_env


def dockerfile() -> str:
    """A nonce keeps the engine from answering with a cached layer, which would run nothing."""
    env = {k: v for k, v in host_probe_env().items() if k != "REDTEAM_GATEWAY_ALLOW"}
    assignments = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
    return (f"FROM {settings.WEB_IMAGE}\n"
            f"RUN echo nonce={secrets.token_hex(8)}; {assignments} sh /redteam/probe.sh; "
            "grep -E '^(Cap(Inh|Prm|Eff|Bnd|Amb)|NoNewPrivs):' /proc/self/status; "
            "echo \"PIDS_MAX $(cat /sys/fs/cgroup/pids/pids.max 2>/dev/null || cat /sys/fs/cgroup/pids.max)\"\n")


def git(work: str, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=work, capture_output=True, text=True, timeout=timeout)


def push(tenant: Tenant, app: App, text: str) -> tuple[int, str]:
    """→ (git's exit status, everything git printed)."""
    with tempfile.TemporaryDirectory(prefix="rt-build-") as work:
        git(work, "init", "-q", "-b", "main")
        with open(os.path.join(work, "Dockerfile"), "w") as f:
            f.write(text)
        git(work, "add", "Dockerfile")
        git(work, "-c", "user.email=rt@example.test", "-c", "user.name=red team", "commit", "-q", "-m", "probe")
        remote = settings.PAAS_URL.replace("://", f"://rt:{tenant.api.token}@", 1) + f"/git/{app.name}.git"
        cp = git(work, "push", remote, "main", timeout=settings.TASK_TIMEOUT + 300)
        return cp.returncode, cp.stdout + cp.stderr


def clean(output: str) -> str:
    """The build step's own lines: git's `remote:` prefix and padding off, Docker's stderr colour off."""
    lines = []
    for line in output.splitlines():
        if line.startswith("remote:"):
            line = line[len("remote:"):]
        lines.append(re.sub(r"\x1b\[[0-9;]*m", "", line).strip())
    return "\n".join(lines)


def status(text: str) -> dict[str, str]:
    """The step's /proc/self/status lines and pids cap, by key (CapEff, NoNewPrivs, PIDS_MAX…)."""
    out = {}
    for line in text.splitlines():
        m = re.match(r"^(Cap(?:Inh|Prm|Eff|Bnd|Amb)|NoNewPrivs):\s*(\S+)$", line) or re.match(r"^(PIDS_MAX) (\S+)$", line)
        if m:
            out[m.group(1)] = m.group(2)
    return out


def caps(text: str) -> dict[str, set[str]]:
    return {k: probes.decode_caps(v) for k, v in status(text).items() if k in probes.CAP_SETS}
