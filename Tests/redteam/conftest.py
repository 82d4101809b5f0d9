"""Fixtures shared by the red-team suite.

Two files:
    test_controls.py   controls: the same probes against containers this suite starts itself, one
                       permissive (each probe must DETECT the way out) and one hardened like a tenant.
                       Needs only dockerd; proves no probe can pass because it is broken.
    test_isolation.py  the attacks: orgs A and B deployed through the platform API, each attack must fail.

Run it through scripts/lib/redteam.sh (which installs the overlay-pool blackhole first), or by hand:

    . scripts/lib/redteam.sh && redteam_build_images && trap redteam_blackhole_off EXIT && redteam_blackhole_on
    PAAS_URL=http://127.0.0.1:8080 PAAS_ADMIN_EMAIL=... PAAS_ADMIN_PASSWORD=... python3 -m pytest -q Tests/redteam

At the end the session prints `isolation: N attacks, M succeeded`.
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import asdict

import pytest

from rtlib import dock, openapi, settings
from rtlib.api import Api, ApiError, items
from rtlib.settings import missing
from rtlib.ledger import LEDGER
from rtlib.tenants import TAG, deploy_tenants


@pytest.fixture(scope="session")
def ledger():
    return LEDGER


@pytest.fixture(scope="session")
def docker_ready() -> None:
    try:
        dock.docker("version", "--format", "{{.Server.APIVersion}}", timeout=20)
    except (dock.DockerError, FileNotFoundError) as exc:
        missing(f"dockerd does not answer: {exc}")
    state = dock.docker("info", "--format", "{{.Swarm.LocalNodeState}}", timeout=20, check=False).stdout.strip()
    if state != "active":
        missing(f"Swarm is not active on this dockerd (state {state!r}); scripts/lib/dockerd.sh dockerd_up")


@pytest.fixture(scope="session")
def images(docker_ready) -> None:
    """Builds paas-redteam/web:1 and paas-redteam/portainer-like:1 if missing or stale (cached by tag)."""
    build = settings.IMAGES_DIR / "build.sh"
    try:
        cp = subprocess.run(["bash", str(build)], capture_output=True, text=True, timeout=300,
                            env={**os.environ, "DOCKER_CLI": dock.DOCKER})
    except subprocess.TimeoutExpired:
        pytest.fail("images/build.sh did not finish within 300 s", pytrace=False)
    if cp.returncode != 0:
        pytest.fail(f"images/build.sh failed: {cp.stderr[-1500:]}", pytrace=False)
    for tag in (settings.WEB_IMAGE, settings.PORTAINER_IMAGE):
        if not dock.image_exists(tag):
            pytest.fail(f"{tag} is missing after images/build.sh", pytrace=False)


@pytest.fixture(scope="session")
def blackhole() -> None:
    """Cross-tenant attempts need the Swarm pool routed to "unreachable" on this host, or packets
    towards another overlay leave the machine through its default gateway. Refuses to run without."""
    if not dock.blackhole_installed(settings.POOL):
        pytest.fail(
            f"the blackhole route for {settings.POOL} is not installed: refusing to try cross-tenant "
            "connections. Run `. scripts/lib/redteam.sh; trap redteam_blackhole_off EXIT; redteam_blackhole_on` first.",
            pytrace=False,
        )


@pytest.fixture(scope="session", autouse=True)
def _cleanup_controls():
    """Leftover control containers and networks of an earlier run go first; this run's go last."""
    try:
        dock.remove_prefixed(settings.CONTROL_PREFIX)
    except (dock.DockerError, FileNotFoundError):
        pass
    yield
    try:
        dock.remove_prefixed(settings.CONTROL_PREFIX)
    except (dock.DockerError, FileNotFoundError):
        pass


@pytest.fixture(scope="session")
def admin(docker_ready) -> Api:
    if not settings.PAAS_URL:
        missing("PAAS_URL is not set (the URL of a running `paas serve`)")
    if not settings.ADMIN_EMAIL or not settings.ADMIN_PASSWORD:
        missing("PAAS_ADMIN_EMAIL / PAAS_ADMIN_PASSWORD are not set")
    api = Api(settings.PAAS_URL)
    try:
        health = api.request("GET", "/healthz", timeout=10)
    except ApiError as exc:
        missing(f"the platform at {settings.PAAS_URL} does not answer: {exc}")
    if health.status != 200:
        missing(f"{settings.PAAS_URL}/healthz answered {health.status}")
    body = api.ok("POST", "/api/auth/login", {"email": settings.ADMIN_EMAIL, "password": settings.ADMIN_PASSWORD},
                  expect=(200, 201))
    return api.with_token(body["token"])


@pytest.fixture(scope="session")
def spec(admin) -> dict:
    resp = admin.request("GET", "/api/openapi.yaml")
    assert resp.status == 200, resp.brief()
    return openapi.parse(resp.text)


@pytest.fixture(scope="session")
def placement(admin):
    """(location id, plan id): the "local" location and a plan made for this run."""
    locations = items(admin.ok("GET", "/api/admin/paas/locations"))
    loc = next((x for x in locations if isinstance(x, dict) and x.get("slug") == settings.LOCATION_SLUG), None)
    if loc is None:
        pytest.fail(f"no location with slug {settings.LOCATION_SLUG!r} (run `paas bootstrap --location "
                    f"{settings.LOCATION_SLUG}` first); have: {[x.get('slug') for x in locations]}", pytrace=False)
    plan = admin.ok("POST", "/api/admin/paas/plans", {
        "name": f"paas-redteam-{TAG}", "cpu": settings.PLAN_CPU, "memory_mb": settings.PLAN_MEMORY_MB,
        "max_containers": 3, "price_per_hour": 1000, "monthly_price": None,
    }, expect=(200, 201))
    yield str(loc["id"]), str(plan["id"])
    try:
        admin.request("DELETE", f"/api/admin/paas/plans/{plan['id']}")
    except ApiError as exc:
        LEDGER.note(f"could not delete the plan paas-redteam-{TAG}: {exc}")




@pytest.fixture(scope="session")
def tenants(admin, placement, images, ledger):
    """A and B with their apps running; test_isolation.py and test_routing.py share them."""
    yield from deploy_tenants(admin, placement, ledger)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    terminalreporter.section("red-team summary")
    report = os.environ.get("PAAS_REDTEAM_REPORT", "").strip()
    if report:
        # Every attempt and control with its evidence, for CI artifacts and for reading what was tried.
        with open(report, "w") as f:
            json.dump({"attacks": [asdict(e) for e in LEDGER.attacks], "controls": [asdict(e) for e in LEDGER.controls],
                       "notes": LEDGER.notes}, f, indent=1)
        terminalreporter.write_line(f"full report: {report}")
    for line in LEDGER.summary_lines():
        terminalreporter.write_line(line)
