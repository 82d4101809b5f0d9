#!/usr/bin/env python3
"""Route propagation: scale an app from 0 to 1 and time, from the moment Swarm reports its task
running, (a) the app answering inside its own container and (b) the first 200 through Traefik at
its default domain. Prints median and p95 of each over BENCH_TRIALS and the ratio of the medians.

Env: PAAS_URL, PAAS_INGRESS_URL, PAAS_ADMIN_EMAIL, PAAS_ADMIN_PASSWORD, BENCH_IMAGE (paas-test/web:1),
BENCH_TRIALS (20)."""
import json, os, statistics, subprocess, sys, threading, time, urllib.request, uuid

sys.path.insert(0, os.path.dirname(__file__))
from deploy_bench import api, docker  # noqa: E402  (same helpers: platform API and the Docker socket)

INGRESS = os.environ["PAAS_INGRESS_URL"].rstrip("/")
IMAGE = os.environ.get("BENCH_IMAGE", "paas-test/web:1")
TRIALS = int(os.environ.get("BENCH_TRIALS", "20"))
DEADLINE = 60


def through_ingress(host):
    req = urllib.request.Request(INGRESS + "/", headers={"Host": host})
    try:
        with urllib.request.urlopen(req, timeout=2) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code
    except OSError:
        return 0


def running_tasks(app_id):
    filters = json.dumps({"label": [f"paas.app={app_id}"], "desired-state": ["running"]})
    _, tasks = docker("GET", "/tasks?filters=" + urllib.request.quote(filters))
    return [t for t in tasks or [] if t.get("Status", {}).get("State") == "running"]


def wait(condition, what):
    start = time.monotonic()
    while time.monotonic() - start < DEADLINE:
        value = condition()
        if value:
            return value
        time.sleep(0.01)
    raise SystemExit(f"timed out waiting for {what}")


def answers_inside(container):
    cp = subprocess.run(["docker", "exec", container, "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:5000/"], capture_output=True)
    return cp.returncode == 0


def p95(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def main():
    _, login = api("POST", "/api/auth/login", body={"email": os.environ["PAAS_ADMIN_EMAIL"], "password": os.environ["PAAS_ADMIN_PASSWORD"]})
    admin = login["token"]
    _, plan = api("POST", "/api/admin/paas/plans", admin, {"name": "routes-" + uuid.uuid4().hex[:6], "cpu": 0.1, "memory_mb": 32, "max_containers": 2, "price_per_hour": 0})
    _, locations = api("GET", "/api/admin/paas/locations", admin)
    location = next(l for l in locations if l["slug"] == "local")
    _, signup = api("POST", "/api/auth/signup", body={"email": f"routes-{uuid.uuid4().hex[:8]}@example.test", "password": "bench-pass-123",
                                                        "name": "Bench", "organization": "Routes " + uuid.uuid4().hex[:4]})
    client = signup["token"]
    _, me = api("GET", "/api/auth/me", client)
    api("POST", f"/api/admin/paas/wallets/{me['organization']['id']}/credit", admin, {"amount": 1_000_000_000, "reason": "benchmark funds"})
    status, app = api("POST", "/api/paas/apps", client, {"name": f"routes-{uuid.uuid4().hex[:6]}", "plan_id": plan["id"], "location_id": location["id"]})
    assert status == 201, app
    host = app["domains"][0]
    status, deployed = api("POST", f"/api/paas/apps/{app['id']}/deploy", client, {"image": IMAGE})
    assert status == 201, deployed
    wait(lambda: through_ingress(host) == 200, "the first deploy to answer through the ingress")
    routed, local = [], []
    try:
        for trial in range(TRIALS):
            api("POST", f"/api/paas/apps/{app['id']}/scale", client, {"web": 0})
            wait(lambda: not running_tasks(app["id"]) and through_ingress(host) == 503, "scale to zero and the status page")
            api("POST", f"/api/paas/apps/{app['id']}/scale", client, {"web": 1})
            tasks = wait(lambda: running_tasks(app["id"]), "a running task")
            started = time.monotonic()
            container = tasks[0]["Status"]["ContainerStatus"]["ContainerID"]
            inside = {}

            def probe_inside():
                while time.monotonic() - started < DEADLINE and not answers_inside(container):
                    time.sleep(0.01)
                inside["t"] = time.monotonic() - started

            thread = threading.Thread(target=probe_inside)
            thread.start()
            wait(lambda: through_ingress(host) == 200, "the first 200 through the ingress")
            routed.append(time.monotonic() - started)
            thread.join()
            local.append(inside["t"])
            print(f"trial {trial + 1}: through Traefik {routed[-1]:.3f} s, inside the container {local[-1]:.3f} s", flush=True)
    finally:
        api("DELETE", f"/api/paas/apps/{app['id']}", client)
    rm, lm = statistics.median(routed), statistics.median(local)
    print(f"task running -> first 200 through Traefik, {TRIALS} trials: median {rm:.3f} s, p95 {p95(routed):.3f} s (goal <= 1 s)")
    print(f"task running -> app answers inside its container: median {lm:.3f} s, p95 {p95(local):.3f} s")
    print(f"ratio (medians): {rm / lm:.1f}x")


if __name__ == "__main__":
    sys.exit(main())
