"""ROUTING AND DOMAINS through the real ingress: Traefik started by `paas bootstrap`, certificates from
pebble, DNS answers from pebble-challtestsrv (the resolver the control plane's domain checks ask, and
the one pebble asks before its HTTP-01 check). Runs after test_isolation.py (file order) because it
scales and redeploys A's web app, which changes the task addresses that suite attacks.

Needs, besides test_isolation.py's: PAAS_INGRESS_HTTPS_PORT, PAAS_TEST_DNS_MANAGEMENT (challtestsrv's
management API) and PAAS_TEST_ACME_ROOT (pebble's issuing root, to verify the served certificate).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import socket
import ssl
import threading
import time
import urllib.parse
import urllib.request
from collections import Counter

import pytest

from rtlib import dock, settings
from rtlib.api import Api
from rtlib.settings import missing
from rtlib.tenants import TAG, Tenant, default_domain, fetch, ingress_get, tasks_of

CHECK_TIMEOUT = 150  # pebble issues in seconds; the control plane re-checks every PAAS_DOMAIN_CHECK_SECONDS


def need(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        missing(f"{name} is not set (scripts/test starts pebble and pebble-challtestsrv: scripts/lib/acme.sh)")
    return value


def dns(path: str, body: dict) -> None:
    """Sets or clears a record in pebble-challtestsrv, the DNS server everything here asks."""
    request = urllib.request.Request(f"{need('PAAS_TEST_DNS_MANAGEMENT')}/{path}", data=json.dumps(body).encode(), method="POST")
    with urllib.request.urlopen(request, timeout=10) as resp:
        assert resp.status == 200, f"challtestsrv /{path}: {resp.status}"


def publish(claim: dict) -> None:
    """Creates the TXT and A records the platform asked for, as the domain's owner would."""
    for record in claim["dns_records"]:
        if record["type"] == "TXT":
            dns("set-txt", {"host": record["name"] + ".", "value": record["value"]})
    addresses = [r["value"] for r in claim["dns_records"] if r["type"] == "A"]
    assert addresses, f"the platform should name the ingress address to point at: {claim['dns_records']}"
    dns("add-a", {"host": claim["hostname"] + ".", "addresses": addresses})


def unpublish(claim: dict) -> None:
    dns("clear-txt", {"host": f"_paas-challenge.{claim['hostname']}."})
    dns("clear-a", {"host": claim["hostname"] + "."})


def answered_by(host: str, https: bool = False) -> dict[str, str]:
    """The app and container the CGI of paas-redteam/web:1 names, or {} when something else answered;
    over plain HTTP unless the hostname redirects (see ingress_get)."""
    status, body = fetch(host, "/cgi-bin/app", https=True)[:2] if https else ingress_get(host, "/cgi-bin/app")
    if status != 200:
        return {}
    return dict(line.split("=", 1) for line in body.splitlines() if "=" in line)


def domain(api: Api, domain_id: str) -> dict:
    return api.ok("GET", f"/api/paas/domains/{domain_id}")


def wait_status(api: Api, domain_id: str, want: set[str], timeout: float = CHECK_TIMEOUT) -> dict:
    deadline = time.monotonic() + timeout
    current = domain(api, domain_id)
    while current["status"] not in want and time.monotonic() < deadline:
        time.sleep(1)
        current = domain(api, domain_id)
    assert current["status"] in want, f"domain still {current['status']} after {timeout:.0f}s, want {want}: {current}"
    return current


@pytest.fixture(scope="module")
def shop(tenants):
    """A's custom domain taken from claim to an active pebble certificate; yields (hostname, id)."""
    a, _ = tenants
    app = a.apps["web"]
    host = f"shop-{TAG}.example.com"
    added = a.api.request("POST", "/api/paas/domains", {"app_id": app.id, "hostname": host})
    assert added.status == 201, added.brief()
    claim = added.body
    assert claim["status"] == "pending_dns", claim
    txt = next(r for r in claim["dns_records"] if r["type"] == "TXT")
    assert txt["name"] == f"_paas-challenge.{host}" and len(txt["value"]) >= 20, claim["dns_records"]
    assert fetch(host)[0] == 404, "an unproven hostname must not be routed"

    checked = a.api.ok("POST", f"/api/paas/domains/{claim['id']}/verify")
    assert checked["status"] == "pending_dns", f"without the TXT record: {checked}"
    assert txt["name"] in (checked["last_error"] or ""), f"the message should name the record to add: {checked}"

    publish(claim)
    try:
        checked = a.api.ok("POST", f"/api/paas/domains/{claim['id']}/verify")
        assert checked["status"] in ("verified", "cert_pending", "active"), f"with the TXT record: {checked}"
        active = wait_status(a.api, claim["id"], {"active"})
        yield host, claim["id"], active
    finally:
        unpublish(claim)
        a.api.request("DELETE", f"/api/paas/domains/{claim['id']}")


def test_custom_domain_gets_a_pebble_certificate_and_serves_https(tenants, shop, ledger):
    a, _ = tenants
    host, _, active = shop
    cert = active["certificate"]
    assert cert["status"] == "active" and cert["expires_at"], active
    assert "pebble" in (cert["issuer"] or "").lower(), f"the certificate should come from pebble: {cert}"
    seen = answered_by(host, https=True)
    ledger.control("domains", f"A's {host} answers over HTTPS with pebble's certificate", seen.get("app") == a.apps["web"].name, str(seen))
    assert seen.get("app") == a.apps["web"].name, f"https://{host} verified against pebble's root: {fetch(host, '/cgi-bin/app', True)}"
    storage = os.path.join(need("PAAS_INGRESS_DATA"), "acme.json")
    mode = os.stat(storage).st_mode & 0o777
    assert mode == 0o600 and os.stat(os.path.dirname(storage)).st_mode & 0o077 == 0, f"ACME storage {storage} is {oct(mode)}"
    deadline = time.monotonic() + 10  # Traefik polls its routes every second
    status, _, location = fetch(host)
    while status not in (301, 308) and time.monotonic() < deadline:
        time.sleep(0.5)
        status, _, location = fetch(host)
    assert status in (301, 308) and location.startswith(f"https://{host}"), f"plain HTTP once the certificate is active: {status} {location}"


def test_no_input_gets_another_tenant_traffic_for_a_hostname(tenants, shop, ledger):
    """B tries every spelling of A's proven hostname, A's pending one and A's default hostname, on
    its own app and on A's; none is accepted, and A's hostnames keep reaching A."""
    a, b = tenants
    host, _, _ = shop
    pending = f"pending-{TAG}.example.com"
    claimed = a.api.request("POST", "/api/paas/domains", {"app_id": a.apps["web"].id, "hostname": pending})
    assert claimed.status == 201, claimed.brief()
    try:
        a_default = default_domain(a, a.apps["web"])
        attempts = [host, host.upper(), host + ".", f" {host} ", f"http://{host}/", f"{host}:443", pending,
                    a_default, a_default.upper(), f"*.{host.split('.', 1)[1]}", f"{host}\r\nHost: evil.example.com"]
        entries = []
        for candidate in attempts:
            for target in (b.apps["web"].id, a.apps["web"].id):
                resp = b.api.request("POST", "/api/paas/domains", {"app_id": target, "hostname": candidate})
                took = resp.status in (200, 201)
                entries.append(ledger.attack("domains", f"B claims {candidate!r} for {'B' if target == b.apps['web'].id else 'A'}'s app",
                                             took, resp.brief()))
                if took:
                    b.api.request("DELETE", f"/api/paas/domains/{resp.body.get('id')}")
        conflicts = [e for e in entries if " → 409 " in e.evidence]
        assert conflicts, "B's claims of A's exact hostnames should be refused as taken (409)"
        bad = [e for e in entries if e.outcome]
        assert not bad, "; ".join(e.name + ": " + e.evidence for e in bad)
        assert answered_by(host, https=True).get("app") == a.apps["web"].name, f"{host} must still reach A"
        assert answered_by(a_default).get("app") == a.apps["web"].name, f"{a_default} must still reach A"
    finally:
        a.api.request("DELETE", f"/api/paas/domains/{claimed.body.get('id')}")


def test_default_hostname_gets_https_when_the_authority_issues(tenants, ledger):
    """Default hostnames are best-effort HTTPS: with an authority that issues (pebble here), the
    certificate shows as active and HTTP redirects; A's still reaches A, B's reaches B."""
    for tenant in tenants:
        app = tenant.apps["web"]
        host = default_domain(tenant, app)
        entry = next(d for d in tenant.api.ok("GET", f"/api/paas/domains?app_id={app.id}") if d["default"])
        deadline = time.monotonic() + CHECK_TIMEOUT
        while entry["certificate"]["status"] != "active" and time.monotonic() < deadline:
            time.sleep(1)
            entry = tenant.api.ok("GET", f"/api/paas/domains/{entry['id']}")
        assert entry["certificate"]["status"] == "active", f"{host}: {entry}"
        status, _, location = fetch(host)
        assert status in (301, 308) and location.startswith(f"https://{host}/"), f"{host} over HTTP: {status} {location}"
        seen = answered_by(host, https=True)
        assert seen.get("app") == app.name, f"https://{host}: {fetch(host, '/cgi-bin/app', https=True)}"


def service_of(tenant: Tenant, app_id: str) -> str:
    detail = tenant.api.ok("GET", f"/api/paas/apps/{app_id}")
    return next(p["service"] for p in detail["processes"] if p["type"] == "web")


def containers_seen(host: str, want: int, timeout: float = 60) -> set[str]:
    """Distinct containers answering for `host` through the ingress, until `want` showed up."""
    seen: set[str] = set()
    deadline = time.monotonic() + timeout
    while len(seen) < want and time.monotonic() < deadline:
        container = answered_by(host).get("container")
        if container:
            seen.add(container)
        else:
            time.sleep(0.2)
    return seen


def test_routes_follow_scaling(tenants):
    a, _ = tenants
    app = a.apps["web"]
    host = default_domain(a, app)
    a.api.ok("POST", f"/api/paas/apps/{app.id}/scale", {"web": 2})
    try:
        seen = containers_seen(host, 2)
        assert len(seen) == 2, f"two replicas should both get requests through the ingress; saw {seen}"
    finally:
        a.api.ok("POST", f"/api/paas/apps/{app.id}/scale", {"web": 1})
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        running = [t for t in tasks_of(a.api.ok("GET", f"/api/paas/apps/{app.id}")) if t.get("state") == "running"]
        if len(running) == 1:
            break
        time.sleep(0.5)
    time.sleep(3)  # a route sync interval; the retry middleware covers what is left
    results = Counter(answered_by(host).get("container", "failed") for _ in range(20))
    assert "failed" not in results and len(results) == 1, f"back to one replica: {results}"


def wait_rollout(service: str, before: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        out = dock.docker("service", "inspect", service, "--format", "{{.Version.Index}} {{json .UpdateStatus}}", timeout=20).stdout
        index, _, raw = out.strip().partition(" ")
        state = (json.loads(raw) or {}).get("State") if raw and raw != "null" else None
        if index != before and state in ("completed", None):
            return
        assert state not in ("rollback_completed", "paused", "rollback_paused"), f"{service} update ended {state}: {raw}"
        time.sleep(0.5)
    pytest.fail(f"{service} did not finish rolling out within {timeout:.0f}s", pytrace=False)


def test_redeploys_under_load_fail_no_request(tenants):
    """Constant requests through the ingress while A's web is redeployed three times: none fails."""
    a, _ = tenants
    app = a.apps["web"]
    host = default_domain(a, app)
    service = service_of(a, app.id)
    results: Counter = Counter()
    failures: list[str] = []
    stop = threading.Event()

    def load() -> None:
        while not stop.is_set():
            status, body = ingress_get(host, "/cgi-bin/app")
            results[status] += 1
            if status != 200:
                failures.append(f"{status} {body[:120]}")

    threads = [threading.Thread(target=load, daemon=True) for _ in range(3)]
    for t in threads:
        t.start()
    containers: set[str] = set()
    try:
        for _ in range(3):
            before = dock.docker("service", "inspect", service, "--format", "{{.Version.Index}}", timeout=20).stdout.strip()
            a.api.ok("POST", f"/api/paas/apps/{app.id}/deploy", {"image": settings.WEB_IMAGE}, expect=(200, 201, 202), timeout=settings.DEPLOY_TIMEOUT)
            wait_rollout(service, before)
            containers |= set(dock.running_containers(f"paas.app={app.id}"))
            time.sleep(2)
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=10)
    print(f"redeploys under load: {sum(results.values())} requests, {dict(results)}")
    assert len(containers) >= 3, f"each redeploy should replace the container; saw {containers}"
    assert results[200] > 50, f"too little load to mean anything: {dict(results)}"
    assert not failures, f"{len(failures)} of {sum(results.values())} requests failed during redeploys: {failures[:5]}"


def test_removed_domain_stops_routing(tenants):
    a, _ = tenants
    host = f"gone-{TAG}.example.com"
    added = a.api.ok("POST", "/api/paas/domains", {"app_id": a.apps["web"].id, "hostname": host}, expect=(201,))
    publish(added)
    try:
        a.api.ok("POST", f"/api/paas/domains/{added['id']}/verify")
        deadline = time.monotonic() + 30
        while answered_by(host).get("app") != a.apps["web"].name and time.monotonic() < deadline:
            time.sleep(0.5)
        assert answered_by(host).get("app") == a.apps["web"].name, f"verified {host} should route to A: {fetch(host, '/cgi-bin/app')}"
        a.api.ok("DELETE", f"/api/paas/domains/{added['id']}", expect=(204,))
        deadline = time.monotonic() + 30
        while fetch(host)[0] != 404 and time.monotonic() < deadline:
            time.sleep(0.5)
        assert fetch(host)[0] == 404, f"a removed hostname must stop routing: {fetch(host)}"
    finally:
        unpublish(added)


def ws_handshake(host: str, payload: bytes, tls: bool = False) -> tuple[str, dict[str, str], bytes]:
    """Opens a WebSocket through the ingress by hand: (status line, headers, what came back after
    sending `payload` as one masked frame), so nothing between the socket and the test hides a
    proxy that buffers or drops the upgraded stream. Over TLS (verified against pebble's root) when
    the hostname redirects plain HTTP, as a browser's wss:// would."""
    base = os.environ.get("PAAS_INGRESS_URL", "")
    if not base:
        missing("PAAS_INGRESS_URL is not set (the ingress started by `paas bootstrap`)")
    address = urllib.parse.urlsplit(base)
    port = int(need("PAAS_INGRESS_HTTPS_PORT")) if tls else (address.port or 80)
    key = base64.b64encode(os.urandom(16)).decode()
    raw = socket.create_connection((address.hostname, port), timeout=10)
    if tls:
        context = ssl.create_default_context(cafile=need("PAAS_TEST_ACME_ROOT"))
        raw = context.wrap_socket(raw, server_hostname=host)
    with raw as sock:
        sock.sendall((f"GET /chat HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                      f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = sock.recv(4096)
            if not chunk:
                break
            head += chunk
        header_block, _, rest = head.partition(b"\r\n\r\n")
        lines = header_block.decode(errors="replace").split("\r\n")
        status = lines[0].split(" ")[1:2]
        if not tls and status in (["301"], ["302"], ["307"], ["308"]):
            return ws_handshake(host, payload, tls=True)
        headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
        echoed = rest
        if status == ["101"]:
            mask = os.urandom(4)
            frame = bytes([0x81, 0x80 | len(payload)]) + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
            sock.sendall(frame)
            while len(echoed) < len(frame):
                chunk = sock.recv(4096)
                if not chunk:
                    break
                echoed += chunk
            if echoed == frame:
                echoed = payload
        headers["expected-accept"] = base64.b64encode(
            hashlib.sha1((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").encode()).digest()).decode()
        return lines[0], headers, echoed


def test_unhealthy_tasks_get_no_traffic_and_websockets_pass_through(tenants, placement):
    """B deploys a WebSocket app that listens only 15 s after it starts. While its task runs but is
    not healthy, the ingress sends its hostname to the control plane's status page, never to the
    container; once healthy the hostname answers, and an upgraded connection echoes both ways."""
    _, b = tenants
    location_id, plan_id = placement
    created = b.api.ok("POST", "/api/paas/apps", {"name": f"rt-bs-{TAG}", "plan_id": plan_id, "location_id": location_id},
                       expect=(200, 201))
    app_id = str(created["id"])
    try:
        b.api.ok("PATCH", f"/api/paas/apps/{app_id}/config-vars", {"WS_START_DELAY": "15"}, expect=(200, 201, 204))
        # The deploy answers only once the release is healthy, so it runs beside the watch.
        deployed: dict = {}
        deploying = threading.Thread(target=lambda: deployed.update(resp=b.api.request(
            "POST", f"/api/paas/apps/{app_id}/deploy", {"image": settings.WS_IMAGE}, timeout=settings.DEPLOY_TIMEOUT)), daemon=True)
        deploying.start()
        detail = b.api.ok("GET", f"/api/paas/apps/{app_id}")
        host = (detail.get("domains") or [None])[0]
        assert host, f"the app has no default hostname: {detail}"
        seen_starting, answers = 0, Counter()
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            states = {t.get("state") for t in tasks_of(b.api.ok("GET", f"/api/paas/apps/{app_id}"))}
            if "running" in states:
                break
            status, body = ingress_get(host, "/")
            if states & {"starting", "preparing", "assigned", "accepted", "pending", "ready"}:
                seen_starting += "starting" in states
                answers[(status, "ws ok" in body)] += 1
            time.sleep(0.5)
        assert seen_starting >= 3, f"the task should be seen running but not yet healthy for a while: {answers}"
        # 404 only until Traefik's next poll has the new hostname; 502/504 would mean it tried the
        # container; the control plane's status page answers 503.
        assert answers[(503, False)] >= 3, f"the status page should answer while the task is not healthy: {answers}"
        assert all(status in (503, 404) and not reached for status, reached in answers), \
            f"before its health check passes the container must get no traffic: {answers}"
        deadline = time.monotonic() + 20
        while ingress_get(host, "/")[1].strip() != "ws ok" and time.monotonic() < deadline:
            time.sleep(0.3)
        assert ingress_get(host, "/")[1].strip() == "ws ok", f"healthy, the app should answer: {ingress_get(host, '/')}"
        deploying.join(timeout=60)
        resp = deployed.get("resp")
        assert resp is not None and resp.status == 201, f"the deploy should answer once healthy: {resp and resp.brief()}"

        status_line, headers, echoed = ws_handshake(host, b"hello over the ingress")
        assert status_line.startswith("HTTP/1.1 101"), f"the upgrade should pass through Traefik: {status_line} {headers}"
        assert headers.get("sec-websocket-accept") == headers["expected-accept"], headers
        assert echoed == b"hello over the ingress", f"the upgraded stream should carry bytes both ways: {echoed!r}"
    finally:
        b.api.request("DELETE", f"/api/paas/apps/{app_id}")
