"""ATTACKS at build time. Builds run tenant code, so tenant A pushes, with real git, a Dockerfile
whose RUN step runs probe.sh, the script of the runtime attacks, and prints its capabilities, no
new privileges flag and pids cap. Every way out must be blocked, as in A's running tasks. The
control in test_controls.py builds the same Dockerfile straight through the engine, without the
platform, and must see the ways out.
"""

from __future__ import annotations

from rtlib import builds, probes, settings
from rtlib.tenants import TAG, App
from test_isolation import assert_all_failed, attack

# A build step's own /etc/hosts, hostname and resolv.conf are files of that container, writable
# because a build's root is; they are not host storage.
OWN_FILES = ("/etc/hosts", "/etc/hostname", "/etc/resolv.conf")


def test_build_steps_get_no_way_out(tenants, placement, ledger):
    a = tenants[0]
    location_id, plan_id = placement
    name = f"rt-abuild-{TAG}"
    body = a.api.ok("POST", "/api/paas/apps", {"name": name, "plan_id": plan_id, "location_id": location_id}, expect=(200, 201))
    app = App("build", str(body["id"]), name, settings.WEB_IMAGE)
    try:
        rc, output = builds.push(a, app, builds.dockerfile())
        text = builds.clean(output)
        run = probes.parse_probe_output(text)
        assert run.done and len(run.results) >= 30, f"probe.sh did not finish in the build step (git exit {rc}): {text[-1500:]}"
        entries = []
        for r in run.results:
            verdict, info = r.verdict, r.info
            if r.name == "mount:rw-host-fs" and verdict == "ok":
                others = [m for m in info.split(":", 1)[-1].split() if not m.startswith(OWN_FILES)]
                verdict, info = ("ok" if others else "blocked"), f"{info} (besides the step's own files: {others})"
            entries.append(attack(ledger, "build", f"A:{name} {r.name}", verdict, info))
        sets = builds.caps(text)
        assert {"CapEff", "CapBnd"} <= set(sets), f"no capability lines from the build step: {text[-800:]}"
        for set_name, held in sets.items():
            extra = held - settings.ALLOWED_CAPS
            entries.append(ledger.attack("build", f"A:{name} {set_name} beyond the add list", bool(extra), f"{sorted(extra)}"))
        status = builds.status(text)
        entries.append(ledger.attack("build", f"A:{name} new privileges", status.get("NoNewPrivs") != "1", f"NoNewPrivs={status.get('NoNewPrivs')}"))
        pids = status.get("PIDS_MAX", "")
        entries.append(ledger.attack("build", f"A:{name} pids cap", not (pids.isdigit() and int(pids) <= 1024), f"pids.max={pids}"))
        assert_all_failed(entries, "ways out of a build step")
        assert rc == 0 and "is live" in text, f"the probing app did not deploy (git exit {rc}): {text[-800:]}"
    finally:
        a.api.request("DELETE", f"/api/paas/apps/{app.id}")
