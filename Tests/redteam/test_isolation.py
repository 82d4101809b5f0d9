"""ATTACKS: two organizations, A and B, sign up and deploy through the platform API; each attack below
must FAIL. Every attempt is recorded, and the session ends with `isolation: N attacks, M succeeded`.

    A: paas-redteam/web:1 (app "web") and paas-redteam/portainer-like:1 (app "probe")
    B: paas-redteam/web:1 (app "web")

Attacks run inside the tenant's own task container through `docker exec` (found by its `paas.app`
label): the exec is the harness standing in for tenant code. Every probe used here is shown to
detect a permissive setup in test_controls.py, and each test below also carries its own in-place
control (e.g. B reaches its own task; the owner can read what the attacker cannot), so a broken probe
or a wrong id cannot pass silently.

Needs: PAAS_URL, PAAS_ADMIN_EMAIL, PAAS_ADMIN_PASSWORD, a location with slug $PAAS_REDTEAM_LOCATION
("local") that has a ready node, dockerd + Swarm on this machine, and the overlay-pool blackhole.
"""

from __future__ import annotations

import re
import time
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import quote

import pytest

from rtlib import dock, openapi, probes, settings
from rtlib.api import Api, ApiError, collect_ids, items
from rtlib.ledger import Entry
from rtlib.tenants import (INGRESS_CONTAINER, TAG, App, Tenant, default_domain, host_probe_env, ingress_get,
                           running_container, wait_ingress)

MISSING_ID = "00000000-0000-4000-8000-00000000dead"


def attack(ledger, category: str, name: str, verdict: str, evidence: str) -> Entry:
    """verdict: open/ok → the attack succeeded; blocked → it failed; anything else → inconclusive."""
    outcome = True if verdict in ("open", "ok") else False if verdict == "blocked" else None
    return ledger.attack(category, name, outcome, evidence)


def assert_all_failed(entries: list[Entry], what: str) -> None:
    bad = [e for e in entries if e.outcome is not False]
    assert entries, f"{what}: no attempt was made"
    assert not bad, f"{what}: " + "; ".join(
        f"{'SUCCEEDED' if e.outcome else 'INCONCLUSIVE'} {e.name}: {e.evidence[:300]}" for e in bad)


# --- network ------------------------------------------------------------------------------------------------


def test_cross_tenant_connections_fail(blackhole, tenants, ledger):
    """A's containers connect to B's task IPs on B's port (and B's to A's): no route."""
    entries, controls = [], []
    for src, dst in (tenants, tenants[::-1]):
        target = dst.apps["web"]
        assert target.task_ips, f"no task address for {dst.label}'s app in {settings.POOL}"
        for app in src.apps.values():
            container = running_container(app)
            for ip in target.task_ips:
                assert dock.in_pool(ip), f"refusing to connect to {ip}: outside {settings.POOL}"
                verdict, evidence = probes.tcp_connect(container, ip, target.port)
                entries.append(attack(ledger, "network", f"{src.label}:{app.name} -> {dst.label}:{target.name} "
                                      f"{ip}:{target.port}", verdict, evidence))
        # Control: the same probe, from the target's own container to the same address, connects.
        verdict, evidence = probes.tcp_connect(running_container(target), target.task_ips[0], target.port)
        controls.append(ledger.control("network", f"{dst.label} reaches its own task {target.task_ips[0]}:{target.port}",
                                       verdict == "open", evidence))
    assert all(c.outcome for c in controls), f"control failed (probe or addresses wrong): {[c.evidence for c in controls]}"
    assert_all_failed(entries, "cross-tenant connections")


# --- host: sockets, Docker API, platform daemons ---------------------------------------------------------------


def test_no_docker_socket_api_or_host_daemon_from_tenant(tenants, ledger):
    a = tenants[0]
    env = host_probe_env()
    allowed = env["REDTEAM_GATEWAY_ALLOW"].split()
    entries = []
    for app in a.apps.values():
        container = running_container(app)
        gw = probes.gateway(container)
        assert gw in allowed, (f"{app.name}'s default gateway {gw!r} is not one of this host's Docker bridge "
                               f"addresses {allowed}: refusing to probe it")
        run = probes.run_probe_script(container, env=env)
        assert len(run.results) >= 30, f"probe.sh ran only {len(run.results)} probes: {run.raw[-800:]}"
        for r in run.results:
            entries.append(attack(ledger, "host", f"A:{app.name} {r.name}", r.verdict, r.info))
    assert_all_failed(entries, "ways out of a tenant container")


def test_portainer_like_app_finds_nothing(tenants, ledger):
    a = tenants[0]
    app = a.apps["probe"]
    container = running_container(app)
    text = dock.wait_for_log(container, "PROBES DONE", timeout=120)
    run = probes.parse_probe_output(text)
    assert run.done and len(run.results) >= 30, f"the portainer-like entrypoint did not finish its probes: {text[-800:]}"
    results = list(run.results)
    names = {r.name for r in results}
    wanted = [f"tcp:gateway:{w.rsplit(':', 1)[0]}:{w.rsplit(':', 1)[1]}" for w in settings.platform_probe_ports().split()]
    missing_names = [n for n in wanted if n not in names]
    if missing_names:
        # The app did not get REDTEAM_PROBE_PORTS through config vars: run the same script, same image,
        # same container, for the platform ports only.
        ledger.note(f"{app.name} started without the platform ports in its env; probed {missing_names} by exec")
        env = host_probe_env() | {"REDTEAM_PROBE_GROUPS": "tcp", "REDTEAM_GATEWAY_PORTS": ""}
        extra = probes.run_probe_script(container, env=env)
        results += [r for r in extra.results if r.name in missing_names]
    entries = [attack(ledger, "portainer-like", f"A:{app.name} {r.name}", r.verdict, r.info) for r in results]
    assert_all_failed(entries, "portainer-like image")


# --- runtime: capabilities, container config, read-only root, memory, pids ---------------------------------------


def test_no_capability_beyond_the_add_list(tenants, ledger):
    entries = []
    for tenant in tenants:
        for app in tenant.apps.values():
            caps = probes.read_caps(running_container(app))
            for who, sets in caps.items():
                for set_name in probes.CAP_SETS:
                    if set_name not in sets:
                        continue
                    extra = sets[set_name] - settings.ALLOWED_CAPS
                    entries.append(ledger.attack("capabilities", f"{tenant.label}:{app.name} {who} {set_name}",
                                                 bool(extra), f"beyond the add list: {sorted(extra)}"))
    assert_all_failed(entries, "capabilities")


def posture_problems(info: dict, app: App, org_id: str) -> dict[str, str]:
    """Each runtime rule of DESIGN.md decision 3 → what is wrong with it ("" when it holds)."""
    hc = info.get("HostConfig") or {}
    labels = (info.get("Config") or {}).get("Labels") or {}
    nets = dock.container_networks(info)
    mounts = hc.get("Mounts") or []
    sec = [s for s in hc.get("SecurityOpt") or [] if re.search(r"unconfined|disable", s)]
    plan_bytes = settings.PLAN_MEMORY_MB * 1024 * 1024
    return {
        "not privileged": "privileged" if hc.get("Privileged") else "",
        "drops ALL capabilities": "" if "ALL" in [c.upper() for c in hc.get("CapDrop") or []] else f"CapDrop={hc.get('CapDrop')}",
        "adds only allowed capabilities": ", ".join(sorted({c.upper().removeprefix("CAP_") for c in hc.get("CapAdd") or []} - settings.ALLOWED_CAPS)),
        "read-only root": "" if hc.get("ReadonlyRootfs") else "ReadonlyRootfs is false",
        "no host network": "NetworkMode=host" if hc.get("NetworkMode") == "host" else "",
        "only its org's network": ", ".join(n for n in nets if n != f"paas-org-{org_id}"),
        "no host pid/ipc/uts/userns": ", ".join(f"{k}={hc.get(k)}" for k in ("PidMode", "IpcMode", "UTSMode", "UsernsMode") if hc.get(k) == "host"),
        "no bind mounts or volumes": ", ".join(str(x) for x in (hc.get("Binds") or []) + [m for m in mounts if m.get("Type") != "tmpfs"]),
        "no devices": str(hc.get("Devices")) if hc.get("Devices") else "",
        "no published ports": str(hc.get("PortBindings")) if hc.get("PortBindings") else "",
        "no unconfined security options": ", ".join(sec),
        "memory limit within the plan": "" if 0 < (hc.get("Memory") or 0) <= plan_bytes else f"Memory={hc.get('Memory')}",
        "pids limit": "" if 0 < (hc.get("PidsLimit") or 0) <= settings.MAX_PIDS else f"PidsLimit={hc.get('PidsLimit')}",
        "cpu limit": "" if (hc.get("NanoCpus") or 0) > 0 or (hc.get("CpuQuota") or 0) > 0 else "no CPU limit",
        "init process": "" if hc.get("Init") else "Init is not set",
        "owner label": "" if labels.get("paas.app") == app.id else f"paas.app={labels.get('paas.app')}",
    }


def test_container_runtime_config(tenants, ledger):
    entries = []
    for tenant in tenants:
        for app in tenant.apps.values():
            info = dock.inspect(running_container(app))
            for rule, problem in posture_problems(info, app, app.org_id).items():
                entries.append(ledger.attack("runtime-config", f"{tenant.label}:{app.name} {rule}", bool(problem), problem))
    assert_all_failed(entries, "container runtime config")


def test_root_filesystem_is_read_only(tenants, ledger):
    entries = []
    for tenant in tenants:
        for app in tenant.apps.values():
            container = running_container(app)
            res = probes.write_probe(container, probes.ROOT_DIRS + ["/tmp"])
            for d in probes.ROOT_DIRS:
                verdict, evidence = res[d]
                if verdict != "absent":
                    entries.append(attack(ledger, "filesystem", f"{tenant.label}:{app.name} write {d}", verdict, evidence))
            mounts = probes.writable_disk_mounts(container)
            entries.append(ledger.attack("filesystem", f"{tenant.label}:{app.name} writable disk mounts", bool(mounts),
                                         "; ".join(mounts)))
            # Control: the same write probe does write where writing is allowed (tmpfs /tmp).
            tmp = ledger.control("filesystem", f"{tenant.label}:{app.name} writes to tmpfs /tmp", res["/tmp"][0] == "ok",
                                 str(res["/tmp"]))
            assert tmp.outcome, f"tmpfs /tmp is not writable in {app.name} (apps need it): {res['/tmp']}"
    assert_all_failed(entries, "writes outside tmpfs")


def test_memory_limit_kills_the_tenant_not_the_neighbour(tenants, ledger):
    a, b = tenants
    app = a.apps["web"]
    container = running_container(app)
    small = probes.memory_probe(container, 8)
    control = ledger.control("memory", f"A:{app.name} allocates 8 MiB (the probe works)", small.completed, small.raw)
    assert control.outcome, f"the allocation probe does not work in the tenant container: {small.raw}"

    mib = settings.PLAN_MEMORY_MB * 3 // 2
    big = probes.memory_probe(container, mib)
    entries = [
        ledger.attack("memory", f"A:{app.name} cgroup limit above the plan ({settings.PLAN_MEMORY_MB} MiB)",
                      big.limit_bytes is None or big.limit_bytes > settings.PLAN_MEMORY_MB * 1024 * 1024,
                      f"limit {big.limit_bytes}"),
        ledger.attack("memory", f"A:{app.name} allocates {mib} MiB without being killed",
                      True if big.completed else (False if big.oom_killed else None), big.raw),
    ]
    ok, status, secs = probes.http_answers(running_container(b.apps["web"]), b.apps["web"].port)
    entries.append(ledger.attack("memory", "B stops answering after A's OOM", not ok, f"{status} in {secs:.1f}s"))
    assert_all_failed(entries, "memory limit")


def test_fork_bomb_is_contained(tenants, ledger):
    a, b = tenants
    app, target = a.apps["web"], b.apps["web"]
    target_container = running_container(target)
    cap = settings.MAX_PIDS + 64

    def while_at_peak():
        answered = probes.http_answers(target_container, target.port)
        start = time.monotonic()
        exec_ok = dock.docker("exec", target_container, "true", timeout=30, check=False).returncode == 0
        return answered, exec_ok, time.monotonic() - start

    res = probes.fork_bomb(running_container(app), cap, hold=6, during=while_at_peak)
    control = ledger.control("pids", f"A:{app.name} fork probe starts processes", res.started > 0,
                             f"started {res.started}")
    assert control.outcome, f"the fork probe could not start a single process: {res.lines[-5:]}"
    (ok, status, secs), exec_ok, exec_secs = res.during  # type: ignore[misc]
    entries = [
        ledger.attack("pids", f"A:{app.name} runs more than {settings.MAX_PIDS} processes",
                      res.cap_reached or (res.pids_current or 0) > settings.MAX_PIDS,
                      f"started {res.started} of {cap}, pids.current {res.pids_current}, pids.max {res.pids_max}"),
        ledger.attack("pids", "B stops answering during A's fork bomb", not ok, f"{status} in {secs:.1f}s"),
        ledger.attack("pids", "B's container cannot start a process during A's fork bomb", not exec_ok,
                      f"docker exec true: {'ok' if exec_ok else 'failed'} in {exec_secs:.1f}s"),
    ]
    assert_all_failed(entries, "fork bomb")


# --- API: IDOR sweep ---------------------------------------------------------------------------------------------

VOLATILE_KEYS = {"tasks", "events", "recent_events", "status", "state", "health", "usage", "metrics",
                 "docker_error", "message", "error", "updated_at", "last_seen_at"}
NOT_STATE = re.compile(r"/(logs|events|activity|metrics|stats|usage)$")


def normalize(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: normalize(v) for k, v in sorted(value.items()) if k not in VOLATILE_KEYS}
    if isinstance(value, list):
        return [normalize(v) for v in value]
    return value


class Resolver:
    """Fills path parameters with the victim's real ids: each parameter from the list endpoint in
    front of it (or a sibling list named like it), read with the victim's own token."""

    def __init__(self, spec: dict, owner: Api, app_ids: list[str]):
        self.get_paths = {op.path for op in openapi.operations(spec) if op.method == "GET"}
        self.owner = owner
        self.app_ids = app_ids
        self.cache: dict[str, list[str]] = {}

    def _ids_at(self, path: str) -> list[str]:
        if path not in self.cache:
            try:
                resp = self.owner.request("GET", path, timeout=10)
                self.cache[path] = collect_ids(resp.body) if resp.status == 200 else []
            except ApiError:
                self.cache[path] = []
        return self.cache[path]

    def _candidates(self, concrete: list[str], template: list[str], param: str) -> list[str]:
        prefix_t = "/" + "/".join(template)
        prefix_c = "/" + "/".join(concrete)
        if prefix_t == "/api/paas/apps":
            return list(self.app_ids)
        if prefix_t in self.get_paths:
            found = self._ids_at(prefix_c)
            if found:
                return found[:2]
        stem = re.sub(r"(_?id)$", "", param, flags=re.I).lower()
        if stem:
            parents = [(template[:-1], concrete[:-1]), (["api", "paas"], ["api", "paas"])]
            for parent_t, parent_c in parents:
                for path in sorted(self.get_paths):
                    head = "/" + "/".join(parent_t) + "/"
                    if path.startswith(head) and "/" not in path[len(head):] and path[len(head):].startswith(stem):
                        found = self._ids_at("/" + "/".join(parent_c) + "/" + path[len(head):])
                        if found:
                            return found[:2]
        if param.lower() in ("process", "type", "process_type", "proc"):
            return ["web"]
        if "key" in param.lower():
            return ["REDTEAM_SECRET"]
        return []

    def resolve(self, template: str) -> list[tuple[str, bool]]:
        """→ [(concrete path, every parameter resolved to a victim id)]; a path none of whose
        parameters could be resolved is left out (trying it proves nothing)."""
        segs = template.strip("/").split("/")
        combos: list[tuple[list[str], bool, bool]] = [([], True, False)]  # (segments, all resolved, any resolved)
        for i, seg in enumerate(segs):
            m = re.fullmatch(r"\{(.+)\}", seg)
            if not m:
                combos = [(c + [seg], all_r, any_r) for c, all_r, any_r in combos]
                continue
            new = []
            for c, all_r, any_r in combos:
                values = self._candidates(c, segs[:i], m.group(1))
                if values:
                    new += [(c + [quote(v, safe="")], all_r, True) for v in values]
                else:
                    new.append((c + [MISSING_ID], False, any_r))
            combos = new
        return [("/" + "/".join(c), all_r) for c, all_r, any_r in combos if any_r]


def victim_state(victim: Tenant, spec: dict) -> dict[str, Any]:
    state: dict[str, Any] = {}
    templates = [op.path for op in openapi.operations(spec) if op.method == "GET"
                 and re.fullmatch(r"/api/paas/apps/\{[^}]+\}(/[a-z_-]+)?", op.path) and not NOT_STATE.search(op.path)]
    for role, app in victim.apps.items():
        for template in templates:
            path = re.sub(r"\{[^}]+\}", app.id, template)
            resp = victim.api.request("GET", path)
            state[f"{role} GET {template}"] = (resp.status, normalize(resp.body))
        state[f"{role} running containers"] = sorted(dock.running_containers(f"paas.app={app.id}"))
    return state


def is_stream(spec: dict, op: openapi.Operation) -> bool:
    """Server-sent events (the log stream): never opened for a control, see the availability test."""
    for resp in (op.op.get("responses") or {}).values():
        content = openapi.resolve(spec, resp).get("content") if isinstance(resp, dict) else None
        if isinstance(content, dict) and any("event-stream" in k for k in content):
            return True
    return op.path.endswith("/logs")


def control_plane_up(api: Api) -> tuple[bool, str]:
    try:
        resp = api.request("GET", "/healthz", timeout=10)
    except ApiError as exc:
        return False, str(exc)
    return resp.status == 200, resp.brief()


def sweep_ops(spec: dict) -> list[openapi.Operation]:
    order = {"GET": 0, "PUT": 1, "PATCH": 1, "POST": 2, "DELETE": 3}
    ops = [op for op in openapi.operations(spec)
           if op.params and op.path.startswith("/api/") and not op.path.startswith(("/api/admin/", "/api/auth/"))
           # The receiver takes a secret, not an id: without it every tenant gets 404 alike.
           and not op.path.startswith("/api/paas/webhooks/")]
    return sorted(ops, key=lambda op: (order.get(op.method, 9), op.path))


def test_tenant_cannot_use_admin_api(tenants, spec, admin, placement, ledger):
    """B's token on every /api/admin/ operation: 401, 403 or 404, never anything else."""
    b = tenants[1]
    location_id, plan_id = placement
    ours = {"/api/admin/paas/plans/": plan_id}
    if b.org_id:
        # B crediting its own wallet is the attack that pays: it must be refused like the rest.
        ours["/api/admin/paas/wallets/"] = b.org_id
    hints = {"name": f"rt-pwned-{TAG}", "slug": f"rt-pwned-{TAG}", "country": "DE", "cpu": 0.1, "memory_mb": 64,
             "max_containers": 1, "price_per_hour": 1, "active": False, "amount": 1_000_000_000, "reason": "free money"}
    entries = []
    for op in openapi.operations(spec):
        if not op.path.startswith("/api/admin/"):
            continue
        path = op.path
        for prefix, real in ours.items():
            if path.startswith(prefix + "{"):
                path = re.sub(r"\{[^}]+\}", real, path, count=1)
        # Other admin resources (nodes, the "local" location) only ever get a missing id, so that a
        # broken check cannot drain or delete what the rest of the run stands on.
        path = re.sub(r"\{[^}]+\}", MISSING_ID, path)
        body = openapi.example_body(spec, op, hints) if op.method in ("POST", "PATCH", "PUT") else None
        resp = b.api.request(op.method, path, body, timeout=15)
        entries.append(ledger.attack("admin-api", f"B {op.method} {path}", resp.status not in (401, 403, 404),
                                     f"{resp.status} {resp.text[:200]}"))
    # Whatever a broken check may have created goes again.
    for kind in ("plans", "locations"):
        for item in items(admin.request("GET", f"/api/admin/paas/{kind}").body):
            if isinstance(item, dict) and f"rt-pwned-{TAG}" in (str(item.get("name")), str(item.get("slug"))):
                admin.request("DELETE", f"/api/admin/paas/{kind}/{item.get('id')}")
    assert_all_failed(entries, "admin API with a tenant token")


def test_lists_do_not_show_the_other_org(tenants, spec, ledger):
    """Every documented GET without parameters, with one org's token: nothing of the other org in it."""
    entries = []
    for attacker, victim in (tenants, tenants[::-1]):
        markers = {victim.secret: "config var value", victim.email: "email"}
        markers.update({app.id: f"app id of {app.name}" for app in victim.apps.values()})
        if victim.org_id:
            markers[victim.org_id] = "org id"
        for op in openapi.operations(spec):
            if op.method != "GET" or op.params or op.path.startswith("/api/admin/") or op.path == "/api/openapi.yaml":
                continue
            resp = attacker.api.request("GET", op.path, timeout=15)
            relevant = markers if op.path.startswith("/api/") else {victim.secret: "config var value"}
            found = [what for marker, what in relevant.items() if marker and marker in resp.text]
            entries.append(ledger.attack("api-lists", f"{attacker.label} GET {op.path} shows {victim.label}'s data",
                                         bool(found), f"{resp.status}: {found}"))
        # Control: the victim's own list does show its apps (so the markers are right).
        own = victim.api.request("GET", "/api/paas/apps").text
        control = ledger.control("api-lists", f"{victim.label} sees its own apps in GET /api/paas/apps",
                                 all(app.id in own for app in victim.apps.values()), own[:200])
        assert control.outcome, f"control: {victim.label}'s own app list lacks its apps: {own[:300]}"
    assert_all_failed(entries, "list endpoints")


@pytest.mark.parametrize("direction", ["B->A", "A->B"])
def test_idor_sweep(direction, tenants, spec, placement, ledger):
    """With one org's token, every documented operation that takes an id, on the other org's ids:
    404 every time, no secret in any answer, and the victim's apps unchanged afterwards."""
    a, b = tenants
    attacker, victim = (b, a) if direction == "B->A" else (a, b)
    location_id, plan_id = placement
    assert attacker.api.request("GET", "/api/paas/apps").status == 200, "the attacker's token does not work"

    ops = sweep_ops(spec)
    assert any(op.path.startswith("/api/paas/apps/") for op in ops), \
        f"openapi.yaml documents no /api/paas/apps/{{id}} operation: {[str(o) for o in ops]}"
    before = victim_state(victim, spec)
    # Control: the state read back is the real one (the victim's own secret is in it), so "unchanged"
    # below compares something.
    seen = ledger.control("api", f"{victim.label}'s state snapshot holds its config var",
                          any(victim.secret in str(v) for v in before.values()), str(list(before))[:300])
    assert seen.outcome, f"control: the victim's snapshot does not show its own config var: {list(before)}"
    resolver = Resolver(spec, victim.api, [app.id for app in victim.apps.values()])
    hints = {"image": settings.WEB_IMAGE, "name": f"rt-pwned-{TAG}", "plan_id": plan_id, "location_id": location_id,
             "app_id": victim.apps["web"].id, "hostname": f"pwned-{TAG}.example.test", "domain": f"pwned-{TAG}.example.test",
             "deploy_branch": "pwned", "health_check_path": "/pwned", "__additional_key__": "web"}
    entries, owner_controls, skipped = [], [], []
    for op in ops:
        paths = resolver.resolve(op.path)
        if not paths:
            skipped.append(str(op))
            continue
        for path, fully in paths:
            body = openapi.example_body(spec, op, hints) if op.method in ("POST", "PATCH", "PUT") else None
            resp = attacker.api.request(op.method, path, body, timeout=15)
            leaked = victim.secret in resp.text
            entries.append(ledger.attack(
                "api", f"{attacker.label} {op.method} {path} (owner {victim.label})", resp.status != 404 or leaked,
                f"{resp.status}{' LEAKS the victim secret' if leaked else ''} {resp.text[:200]}"
                + ("" if fully else " [some ids unresolved]")))
            if op.method == "GET" and fully and not is_stream(spec, op):
                own = victim.api.request("GET", path, timeout=15)
                if 200 <= own.status < 300:
                    owner_controls.append(ledger.control("api", f"{victim.label} (owner) GET {path}", True, str(own.status)))
                else:
                    ledger.note(f"the owner itself gets {own.status} on GET {path}: the 404 there proves less")
    if skipped:
        ledger.note(f"{direction}: no victim id to try for {skipped}")

    app_get = [c for c in owner_controls if re.search(r"GET /api/paas/apps/[^/]+$", c.name)]
    assert app_get, "control: the owner could not GET its own app by id, so the attacker's 404 proves nothing"

    up, evidence = control_plane_up(attacker.api)
    entries.append(ledger.attack("availability", f"{attacker.label}'s IDOR sweep takes the control plane down", not up, evidence))
    assert up, f"the control plane stopped answering during the IDOR sweep {direction}: {evidence}"

    after = victim_state(victim, spec)
    for key, value in before.items():
        changed = after.get(key) != value
        entries.append(ledger.attack("api", f"{victim.label}'s state unchanged after the sweep: {key}", changed,
                                     f"before {str(value)[:300]} after {str(after.get(key))[:300]}" if changed else ""))
    assert_all_failed(entries, f"IDOR sweep {direction}")


def test_log_stream_disconnects_do_not_take_the_control_plane_down(tenants, spec, ledger):
    """A tenant opens its own live log stream and hangs up, as a closed browser tab does, and B opens
    A's: the control plane must keep serving everyone. (Last: a crash here ends the session's API.)"""
    a, b = tenants
    app = a.apps["web"]
    entries = []
    for attempt, (who, api) in enumerate([("A (owner)", a.api), ("B", b.api)] * 2, start=1):
        try:
            resp = api.request("GET", f"/api/paas/apps/{app.id}/logs?lines=5", timeout=10)
            opened = f"{resp.status} {resp.content_type}"
        except ApiError as exc:
            opened = f"no answer: {exc}"
        time.sleep(1.0)
        up, evidence = control_plane_up(b.api)
        entries.append(ledger.attack("availability", f"{who} opens and drops A's log stream (#{attempt}): "
                                     "control plane down", not up, f"stream {opened}; healthz {evidence}"))
        if not up:
            break
    assert_all_failed(entries, "log stream disconnects")


# --- routing through the ingress ----------------------------------------------------------------------------
# Traefik, started by `paas bootstrap`, publishes on PAAS_INGRESS_URL (127.0.0.1) and polls the control plane.


def test_default_domains_route_through_the_ingress(tenants, ledger):
    """Each tenant's app answers at its default domain through Traefik; a Host nobody owns is a 404;
    an app scaled to zero gets the status page while the other keeps answering."""
    a, b = tenants
    host_a, host_b = default_domain(a, a.apps["web"]), default_domain(b, b.apps["web"])
    for tenant, host in ((a, host_a), (b, host_b)):
        status, body = wait_ingress(host, 200)
        control = ledger.control("routing", f"{tenant.label}'s app answers at http://{host}/", status == 200, f"{status} {body[:120]}")
        assert control.outcome, f"{tenant.label}'s default domain {host} through the ingress: {status} {body[:300]}"
    status, body = ingress_get(f"nobody-{TAG}.example.test")
    assert status == 404, f"a Host that belongs to no app should be Traefik's 404, got {status} {body[:200]}"

    b.api.ok("POST", f"/api/paas/apps/{b.apps['web'].id}/scale", {"web": 0})
    try:
        status, body = wait_ingress(host_b, 503)
        assert status == 503 and "not running" in body, f"B scaled to zero: {status} {body[:300]}"
        assert ingress_get(host_a)[0] == 200, "A must keep answering while B is scaled to zero"
    finally:
        b.api.ok("POST", f"/api/paas/apps/{b.apps['web'].id}/scale", {"web": 1})
    status, body = wait_ingress(host_b, 200, timeout=60)
    assert status == 200, f"B back to one container: {status} {body[:200]}"


_HTTP_TO = r'''
if [ -x /bin/busybox ]; then NC="/bin/busybox nc"; else NC=nc; fi
printf 'GET %s HTTP/1.0\r\nHost: %s\r\n\r\n' "$3" "$4" | $NC -w 3 "$1" "$2" | head -n 1
'''


def test_ingress_api_and_config_are_not_reachable_by_tenants(tenants, ledger):
    """From a tenant container, Traefik's API/dashboard ports and API paths answer nothing; from
    anywhere, the control plane's ingress configuration needs the ingress token."""
    a, _ = tenants
    info = dock.inspect(INGRESS_CONTAINER)
    networks = (info.get("NetworkSettings") or {}).get("Networks") or {}
    ingress_ip = (networks.get(f"paas-org-{a.org_id}") or {}).get("IPAddress", "")
    assert ingress_ip, f"the ingress is not on A's network paas-org-{a.org_id}: {list(networks)}"
    probe = running_container(a.apps["probe"])
    entries = []
    for port in (8080, 8081, 8082, 9000):
        verdict, evidence = probes.tcp_connect(probe, ingress_ip, port)
        entries.append(attack(ledger, "ingress", f"A reaches Traefik's {ingress_ip}:{port}", verdict, evidence))
    verdict, evidence = probes.tcp_connect(probe, ingress_ip, 80)
    control = ledger.control("ingress", f"A reaches the ingress entry point {ingress_ip}:80", verdict == "open", evidence)
    assert control.outcome, f"control: the probe cannot reach the ingress at all ({evidence}), so the blocked ports prove nothing"
    for path, host in (("/api/rawdata", "traefik"), ("/dashboard/", "traefik"), ("/api/overview", ingress_ip)):
        cp = dock.exec_sh(probe, _HTTP_TO, ingress_ip, "80", path, host, timeout=20)
        line = (cp.stdout or "").strip()
        entries.append(ledger.attack("ingress", f"A GET http://{host}{path} on the ingress", " 200" in line, line[:200]))

    for headers in ({}, {"X-PaaS-Ingress-Token": "guess"}, {"X-PaaS-Ingress-Token": a.api.token or ""},
                    {"Authorization": f"Bearer {a.api.token}"}):
        request = urllib.request.Request(settings.PAAS_URL.rstrip("/") + "/internal/traefik/local", headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=10) as resp:
                status, body = resp.status, resp.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as exc:
            status, body = exc.code, ""
        entries.append(ledger.attack("ingress", f"GET /internal/traefik/local with {sorted(headers)}", status == 200 or "routers" in body,
                                     f"{status}"))
    assert_all_failed(entries, "ingress API and configuration")
