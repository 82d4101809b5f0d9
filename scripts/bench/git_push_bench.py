#!/usr/bin/env python3
"""git push -> first 200 of the new version through the ingress, vs. the floor (docker build +
service update + first 200) on the same fixture in the same run; then failed requests during three
consecutive redeploys under constant load.

Env: PAAS_URL, PAAS_INGRESS_URL, PAAS_ADMIN_EMAIL, PAAS_ADMIN_PASSWORD, BENCH_BASE_IMAGE,
BENCH_FLOOR_PORT, BENCH_WORK, BENCH_TRIALS (3), BENCH_LOAD_THREADS (4)."""
import os, statistics, subprocess, sys, threading, time, urllib.request, uuid

sys.path.insert(0, os.path.dirname(__file__))
from deploy_bench import api  # noqa: E402

URL = os.environ["PAAS_URL"].rstrip("/")
INGRESS = os.environ["PAAS_INGRESS_URL"].rstrip("/")
BASE = os.environ["BENCH_BASE_IMAGE"]
FLOOR_PORT = os.environ["BENCH_FLOOR_PORT"]
WORK = os.environ["BENCH_WORK"]
TRIALS = int(os.environ.get("BENCH_TRIALS", "3"))
THREADS = int(os.environ.get("BENCH_LOAD_THREADS", "4"))
DEADLINE = 180
# Only the COPY layer changes between versions, so every rebuild is a cached one.
DOCKERFILE = f"""FROM {BASE}
RUN mkdir -p /www
COPY version.txt /www/index.html
CMD ["sh", "-c", "exec httpd -f -p ${{PORT:-5000}} -h /www"]
"""
HEALTH = ["--health-cmd", "nc -w 4 127.0.0.1 5000 </dev/null >/dev/null", "--health-interval", "2s",
          "--health-timeout", "4s", "--health-retries", "3", "--health-start-period", "30s"]


def get(url, host=None):
    req = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(req, timeout=2) as r:
            return r.status, r.read().decode().strip()
    except urllib.error.HTTPError as e:
        return e.code, ""
    except OSError:
        return 0, ""


def wait_body(url, body, host=None):
    start = time.monotonic()
    while time.monotonic() - start < DEADLINE:
        if get(url, host) == (200, body):
            return
        time.sleep(0.02)
    raise SystemExit(f"{url} never answered {body!r}")


def sh(*args, cwd=WORK, check=True):
    cp = subprocess.run(args, cwd=cwd, capture_output=True, text=True)
    if check and cp.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed: {cp.stdout}{cp.stderr}")
    return cp


def write_version(version):
    with open(os.path.join(WORK, "version.txt"), "w") as f:
        f.write(version + "\n")
    sh("git", "add", "-A")
    sh("git", "commit", "-q", "-m", version)


def setup():
    _, login = api("POST", "/api/auth/login", body={"email": os.environ["PAAS_ADMIN_EMAIL"], "password": os.environ["PAAS_ADMIN_PASSWORD"]})
    admin = login["token"]
    _, plan = api("POST", "/api/admin/paas/plans", admin, {"name": "push-" + uuid.uuid4().hex[:6], "cpu": 0.25, "memory_mb": 64, "max_containers": 2, "price_per_hour": 0})
    _, locations = api("GET", "/api/admin/paas/locations", admin)
    location = next(l for l in locations if l["slug"] == "local")
    _, signup = api("POST", "/api/auth/signup", body={"email": f"push-{uuid.uuid4().hex[:8]}@example.test", "password": "bench-pass-123",
                                                        "name": "Bench", "organization": "Push " + uuid.uuid4().hex[:4]})
    client = signup["token"]
    _, me = api("GET", "/api/auth/me", client)
    api("POST", f"/api/admin/paas/wallets/{me['organization']['id']}/credit", admin, {"amount": 1_000_000_000, "reason": "benchmark funds"})
    status, app = api("POST", "/api/paas/apps", client, {"name": f"push-{uuid.uuid4().hex[:6]}", "plan_id": plan["id"], "location_id": location["id"]})
    assert status == 201, app
    return client, app


def main():
    client, app = setup()
    host = app["domains"][0]
    remote = URL.replace("http://", f"http://bench:{client}@") + f"/git/{app['name']}.git"
    os.makedirs(WORK, exist_ok=True)
    sh("git", "init", "-q", "--initial-branch=main")
    sh("git", "config", "user.email", "bench@example.test")
    sh("git", "config", "user.name", "Bench")
    with open(os.path.join(WORK, "Dockerfile"), "w") as f:
        f.write(DOCKERFILE)
    write_version("warm")
    sh("git", "push", "-q", remote, "main")
    wait_body(INGRESS + "/", "warm", host)

    pushes, floors = [], []
    sh("docker", "build", "-q", "-t", "paas-bench-floor:warm", ".")
    # stop-first: a host-mode port cannot be bound by the new task while the old one holds it. The
    # port reaches the task directly, without waiting for the health check: a floor, not a twin.
    # --init as on the platform, so httpd stops on SIGTERM instead of waiting out the grace period.
    subprocess.run(["docker", "service", "rm", "paas-bench-floor"], capture_output=True)  # left by an aborted run
    sh("docker", "service", "create", "-q", "--detach", "--name", "paas-bench-floor", "--update-order", "stop-first",
       "--update-failure-action", "rollback", "--init", "--publish", f"mode=host,target=5000,published={FLOOR_PORT}", *HEALTH, "paas-bench-floor:warm")
    wait_body(f"http://127.0.0.1:{FLOOR_PORT}/", "warm")
    try:
        for trial in range(TRIALS):
            version = f"push-{trial}"
            write_version(version)
            started = time.monotonic()
            sh("git", "push", "-q", remote, "main")
            returned = time.monotonic() - started
            wait_body(INGRESS + "/", version, host)
            pushes.append(time.monotonic() - started)
            print(f"trial {trial + 1}: git push -> first 200 {pushes[-1]:.2f} s (push returned after {returned:.2f} s)", flush=True)

            version = f"floor-{trial}"
            write_version(version)
            started = time.monotonic()
            sh("docker", "build", "-q", "-t", f"paas-bench-floor:{version}", ".")
            sh("docker", "service", "update", "-q", "--detach", "--image", f"paas-bench-floor:{version}", "paas-bench-floor")
            wait_body(f"http://127.0.0.1:{FLOOR_PORT}/", version)
            floors.append(time.monotonic() - started)
            print(f"trial {trial + 1}: floor (docker build + service update + first 200) {floors[-1]:.2f} s", flush=True)

        stop = threading.Event()
        counts = {"ok": 0, "failed": 0}
        lock = threading.Lock()

        def load():
            while not stop.is_set():
                status, _ = get(INGRESS + "/", host)
                with lock:
                    counts["ok" if status == 200 else "failed"] += 1

        workers = [threading.Thread(target=load) for _ in range(THREADS)]
        for w in workers:
            w.start()
        for round_ in range(3):
            write_version(f"load-{round_}")
            sh("git", "push", "-q", remote, "main")
            wait_body(INGRESS + "/", f"load-{round_}", host)
        time.sleep(2)
        stop.set()
        for w in workers:
            w.join()
    finally:
        api("DELETE", f"/api/paas/apps/{app['id']}", client)
    pm, fm = statistics.median(pushes), statistics.median(floors)
    print(f"git push -> first 200 (cached Dockerfile rebuild), {TRIALS} trials: median {pm:.2f} s")
    print(f"floor (docker build + service update + first 200), same fixture: median {fm:.2f} s; ratio {pm / fm:.2f}x")
    print(f"3 consecutive redeploys under load ({THREADS} threads): {counts['failed']} failed of {counts['ok'] + counts['failed']} requests (target 0)")


if __name__ == "__main__":
    sys.exit(main())
