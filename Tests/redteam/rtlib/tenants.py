"""The two red-team organizations and their apps, signed up and deployed through the platform API,
and how to reach those apps through the ingress. Shared by test_isolation.py and test_routing.py
through the session fixtures in conftest.py, so both attack the same deployment."""

from __future__ import annotations

import os
import secrets
import subprocess
import time
from dataclasses import dataclass, field
from typing import Any

import pytest

from . import dock, settings
from .api import Api, ApiError
from .ledger import LEDGER
from .settings import missing

TAG = secrets.token_hex(3)


@dataclass
class App:
    role: str
    id: str
    name: str
    image: str
    port: int = 5000
    task_ips: list[str] = field(default_factory=list)
    org_id: str = ""


@dataclass
class Tenant:
    label: str  # "A" | "B"
    email: str
    api: Api
    secret: str  # a config var value only this tenant may ever see
    apps: dict[str, App] = field(default_factory=dict)

    @property
    def org_id(self) -> str:
        return next((a.org_id for a in self.apps.values() if a.org_id), "")


def tasks_of(app_json: Any) -> list[dict]:
    out = []
    if isinstance(app_json, dict):
        for proc in app_json.get("processes") or []:
            if isinstance(proc, dict):
                out += [t for t in proc.get("tasks") or [] if isinstance(t, dict)]
    return out


def task_addresses(task: dict) -> list[str]:
    out = []
    for addr in task.get("addresses") or []:
        if isinstance(addr, dict):
            addr = addr.get("address") or addr.get("ip") or ""
        if isinstance(addr, str) and addr:
            out.append(addr.split("/")[0])
    return out


def running_container(app: App) -> str:
    ids = dock.running_containers(f"paas.app={app.id}")
    if not ids:
        pytest.fail(f"no running container labelled paas.app={app.id} ({app.name})", pytrace=False)
    return ids[0]


def host_probe_env() -> dict[str, str]:
    """probe.sh settings for tenant containers: the platform's ports, and this host's bridge addresses
    as the only host addresses a probe may contact (the tenant's gateway must be one of them)."""
    addrs = " ".join(sorted(set(dock.host_bridge_addrs().values())))
    return {
        "REDTEAM_GATEWAY_PORTS": settings.GATEWAY_PORTS,
        "REDTEAM_PROBE_PORTS": settings.platform_probe_ports(),
        "REDTEAM_GATEWAY_ALLOW": addrs,
        "REDTEAM_HOST_ADDRS": addrs,
        "REDTEAM_CONNECT_TIMEOUT": str(settings.CONNECT_TIMEOUT),
    }



def signup(label: str) -> Tenant:
    email = f"redteam-{label.lower()}-{TAG}@example.test"
    password = f"Rt-{secrets.token_urlsafe(12)}-9z"
    api = Api(settings.PAAS_URL)
    body = api.ok("POST", "/api/auth/signup", {
        "email": email, "password": password, "name": f"Red Team {label}",
        "organization": f"paas-redteam-{label.lower()}-{TAG}",
    }, expect=(200, 201))
    return Tenant(label, email, api.with_token(body["token"]), secret=f"rt-secret-{label.lower()}-{secrets.token_hex(8)}")


def wait_running(tenant: Tenant, app: App) -> None:
    deadline = time.monotonic() + settings.TASK_TIMEOUT
    last: Any = None
    while time.monotonic() < deadline:
        resp = tenant.api.request("GET", f"/api/paas/apps/{app.id}")
        last = resp.body if resp.status == 200 else resp.brief()
        running = [t for t in tasks_of(resp.body) if t.get("state") == "running"]
        containers = dock.running_containers(f"paas.app={app.id}")
        if running and containers:
            ips = [ip for t in running for ip in task_addresses(t)]
            info = dock.inspect(containers[0])
            ips += [ip for net, ip in dock.container_networks(info).items() if net.startswith("paas-org-") and ip]
            app.task_ips = sorted({ip for ip in ips if dock.in_pool(ip)})
            app.port = int(dock.container_env(info).get("PORT", "5000") or 5000)
            app.org_id = (info.get("Config", {}).get("Labels") or {}).get("paas.org", "")
            return
        time.sleep(1.0)
    services = dock.docker("service", "ls", "--filter", f"label=paas.app={app.id}", timeout=30, check=False).stdout
    pytest.fail(f"{tenant.label}'s app {app.name} has no running task after {settings.TASK_TIMEOUT:.0f}s.\n"
                f"app: {str(last)[:1500]}\nservices: {services}", pytrace=False)


def deploy_tenants(admin: Api, placement: tuple[str, str], ledger=LEDGER):
    """Signs up A and B, funds them, deploys A's web and probe and B's web; yields (A, B) once every
    task runs and deletes the apps afterwards."""
    location_id, plan_id = placement
    created: list[tuple[Tenant, App]] = []
    try:
        a, b = signup("A"), signup("B")
        for tenant in (a, b):
            # Deploys need a funded wallet; the admin credits it as the hosting company would.
            org = (tenant.api.ok("GET", "/api/auth/me").get("organization") or {}).get("id")
            admin.ok("POST", f"/api/admin/paas/wallets/{org}/credit",
                     {"amount": 100_000_000, "reason": f"red team {TAG}"}, expect=(200,))
        for tenant, role, image in ((a, "web", settings.WEB_IMAGE), (a, "probe", settings.PORTAINER_IMAGE),
                                    (b, "web", settings.WEB_IMAGE)):
            name = f"rt-{tenant.label.lower()}{role[0]}-{TAG}"
            body = tenant.api.ok("POST", "/api/paas/apps", {"name": name, "plan_id": plan_id, "location_id": location_id},
                                 expect=(200, 201))
            app = App(role, str(body["id"]), name, image)
            tenant.apps[role] = app
            created.append((tenant, app))
            env = {"REDTEAM_SECRET": tenant.secret}
            if role == "probe":
                env.update(host_probe_env())
            resp = tenant.api.request("PATCH", f"/api/paas/apps/{app.id}/config-vars", env)
            if resp.status not in (200, 201, 204):
                ledger.note(f"setting config vars on {name} before its first deploy failed: {resp.brief()}")
            # A webhook of its own, so the sweep has a real webhook id of the victim to try.
            resp = tenant.api.request("POST", f"/api/paas/apps/{app.id}/webhooks", {"provider": "generic"})
            if resp.status != 201:
                ledger.note(f"adding a webhook to {name} failed: {resp.brief()}")
        for tenant, app in created:
            tenant.api.ok("POST", f"/api/paas/apps/{app.id}/deploy", {"image": app.image}, expect=(200, 201, 202), timeout=settings.DEPLOY_TIMEOUT)
        for tenant, app in created:
            wait_running(tenant, app)
        yield a, b
    finally:
        for tenant, app in created:
            try:
                tenant.api.request("DELETE", f"/api/paas/apps/{app.id}")
            except ApiError as exc:
                ledger.note(f"could not delete {app.name}: {exc}")
        deadline = time.monotonic() + 60
        left: list[str] = []
        while time.monotonic() < deadline:
            left = [app.name for _, app in created if dock.all_containers(f"paas.app={app.id}")]
            if not left:
                break
            time.sleep(1)
        if left:
            ledger.note(f"containers still present 60 s after deleting apps: {left}")


INGRESS_CONTAINER = "paas-ingress-local"


def fetch(host: str, path: str = "/", https: bool = False) -> tuple[int, str, str]:
    """(status, body, redirect target) from the ingress for `host`, never following redirects: status 0
    and the error when nothing answered. HTTPS resolves the name to 127.0.0.1 and verifies the
    certificate against pebble's root (PAAS_TEST_ACME_ROOT)."""
    if https:
        port, root = os.environ.get("PAAS_INGRESS_HTTPS_PORT", ""), os.environ.get("PAAS_TEST_ACME_ROOT", "")
        if not port or not root:
            missing("PAAS_INGRESS_HTTPS_PORT / PAAS_TEST_ACME_ROOT are not set (scripts/test starts the ingress and pebble)")
        cmd = ["curl", "-sS", "--max-time", "5", "--resolve", f"{host}:{port}:127.0.0.1", "--cacert", root, f"https://{host}:{port}{path}"]
    else:
        base = os.environ.get("PAAS_INGRESS_URL", "").rstrip("/")
        if not base:
            missing("PAAS_INGRESS_URL is not set (the ingress started by `paas bootstrap`)")
        cmd = ["curl", "-sS", "--max-time", "5", "-H", f"Host: {host}", base + path]
    cp = subprocess.run(cmd + ["-w", "\n%{http_code} %{redirect_url}"], capture_output=True, text=True, timeout=15)
    if cp.returncode != 0:
        return 0, cp.stderr.strip(), ""
    body, _, tail = cp.stdout.rpartition("\n")
    code, _, location = tail.partition(" ")
    return int(code or 0), body, location.strip()


def ingress_get(host: str, path: str = "/") -> tuple[int, str]:
    """What a visitor of http://host/path gets: once the hostname's certificate is active the ingress
    redirects to HTTPS, and the visitor follows to the same hostname over HTTPS."""
    status, body, location = fetch(host, path)
    if status in (301, 302, 307, 308) and location.startswith(f"https://{host}/"):
        status, body, _ = fetch(host, path, https=True)
    return status, body


def wait_ingress(host: str, want: int, timeout: float = 30) -> tuple[int, str]:
    deadline = time.monotonic() + timeout
    status, body = ingress_get(host)
    while status != want and time.monotonic() < deadline:
        time.sleep(0.5)
        status, body = ingress_get(host)
    return status, body


def default_domain(tenant: Tenant, app: App) -> str:
    domains = tenant.api.ok("GET", f"/api/paas/apps/{app.id}").get("domains") or []
    assert domains, f"{app.name} has no domain"
    return domains[0]
