"""Environment knobs of the red-team suite. Everything has a default except the platform's URL and
admin credentials, which only the API-driven tests (test_isolation.py) need."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlparse

HERE = Path(__file__).resolve().parent.parent  # Tests/redteam
IMAGES_DIR = HERE / "images"
PROBE_SCRIPT_PATH = IMAGES_DIR / "rootfs" / "redteam" / "probe.sh"

WEB_IMAGE = "paas-redteam/web:1"
PORTAINER_IMAGE = "paas-redteam/portainer-like:1"
WS_IMAGE = "paas-redteam/ws:1"

# Every container and network this suite creates itself is named with this prefix.
NAME_PREFIX = "paas-redteam-"
CONTROL_PREFIX = "paas-redteam-ctl-"


def missing(reason: str) -> None:
    """A missing component fails the run under scripts/test (PAAS_REQUIRE_COMPONENTS=1) and skips,
    saying why, when run by hand."""
    import pytest

    if REQUIRED:
        pytest.fail(f"required component missing: {reason}", pytrace=False)
    pytest.skip(reason)


def _env(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def _int(name: str, default: int) -> int:
    raw = _env(name)
    return int(raw) if raw else default


REQUIRED = _env("PAAS_REQUIRE_COMPONENTS") == "1"

PAAS_URL = _env("PAAS_URL").rstrip("/")
ADMIN_EMAIL = _env("PAAS_ADMIN_EMAIL")
ADMIN_PASSWORD = _env("PAAS_ADMIN_PASSWORD")
LOCATION_SLUG = _env("PAAS_REDTEAM_LOCATION", "local")

# The Swarm address pool; cross-tenant attempts need it blackholed on this host (infra.md).
POOL = _env("PAAS_REDTEAM_POOL", "10.200.0.0/16")

# What a tenant container may hold after CapDrop ALL (PaaSCore HardenedServiceSpec.capabilityAdd).
ALLOWED_CAPS = frozenset(
    c.strip().upper().removeprefix("CAP_")
    for c in _env("PAAS_REDTEAM_ALLOWED_CAPS", "CHOWN,DAC_OVERRIDE,FOWNER,KILL,NET_BIND_SERVICE,SETGID,SETUID").split(",")
    if c.strip()
)
# More processes than this inside one tenant container means the pids limit failed.
MAX_PIDS = _int("PAAS_REDTEAM_MAX_PIDS", 256)

# The plan the suite creates for its tenant apps.
PLAN_MEMORY_MB = _int("PAAS_REDTEAM_PLAN_MEMORY_MB", 128)
PLAN_CPU = float(_env("PAAS_REDTEAM_PLAN_CPU", "0.5"))

TASK_TIMEOUT = float(_env("PAAS_REDTEAM_TASK_TIMEOUT", "180"))
HTTP_TIMEOUT = float(_env("PAAS_REDTEAM_HTTP_TIMEOUT", "20"))
# A deploy answers once its release is healthy (the platform's rollout timeout is 120 s).
DEPLOY_TIMEOUT = float(_env("PAAS_REDTEAM_DEPLOY_TIMEOUT", "150"))
CONNECT_TIMEOUT = _int("PAAS_REDTEAM_CONNECT_TIMEOUT", 2)

REGISTRY_PORT = _int("PAAS_REGISTRY_PORT", 5000)

# Host daemons tried on the tenant's gateway (and on the other Docker bridge addresses of the host),
# as "name:port" words. The control plane and registry ports are added from PAAS_URL and
# PAAS_REGISTRY_PORT; PAAS_REDTEAM_EXTRA_PORTS adds more (e.g. "traefik-api:8081 pebble:14000").
GATEWAY_PORTS = _env("PAAS_REDTEAM_HOST_PORTS", "docker:2375 docker-tls:2376 swarm:2377 swarm-gossip:7946")
EXTRA_PORTS = _env("PAAS_REDTEAM_EXTRA_PORTS")


def control_plane_port() -> int | None:
    if not PAAS_URL:
        return None
    parsed = urlparse(PAAS_URL)
    if parsed.port:
        return parsed.port
    return 443 if parsed.scheme == "https" else 80


def platform_probe_ports() -> str:
    """The "name:port" words for platform daemons: control plane, registry, extras."""
    words = []
    cp = control_plane_port()
    if cp:
        words.append(f"control-plane:{cp}")
    words.append(f"registry:{REGISTRY_PORT}")
    words.extend(EXTRA_PORTS.split())
    return " ".join(words)
