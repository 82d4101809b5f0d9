#!/usr/bin/env python3
"""Image deploy -> all tasks running: through the platform API vs. the same spec created straight
through the Docker Engine API, in the same run, on the same engine. Prints medians and the ratio.

Env: PAAS_URL, PAAS_ADMIN_EMAIL, PAAS_ADMIN_PASSWORD, BENCH_IMAGE (paas-test/web:1), BENCH_TRIALS (5),
BENCH_REPLICAS (2), DOCKER_SOCKET (/var/run/docker.sock)."""
import http.client, json, os, socket, statistics, sys, time, urllib.request, uuid

URL = os.environ["PAAS_URL"].rstrip("/")
IMAGE = os.environ.get("BENCH_IMAGE", "paas-test/web:1")
TRIALS = int(os.environ.get("BENCH_TRIALS", "5"))
REPLICAS = int(os.environ.get("BENCH_REPLICAS", "2"))
SOCKET = os.environ.get("DOCKER_SOCKET", "/var/run/docker.sock")
DEADLINE = 120


def api(method, path, token=None, body=None):
    req = urllib.request.Request(URL + path, method=method, data=json.dumps(body).encode() if body is not None else None)
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            raw = r.read()
            return r.status, (json.loads(raw) if raw else None)
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null")


class UnixConnection(http.client.HTTPConnection):
    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(30)
        self.sock.connect(SOCKET)


def docker(method, path, body=None):
    conn = UnixConnection("localhost")
    conn.request(method, "/v1.41" + path, body=json.dumps(body) if body is not None else None,
                 headers={"Content-Type": "application/json", "Host": "localhost"})
    r = conn.getresponse()
    raw = r.read()
    conn.close()
    return r.status, (json.loads(raw) if raw else None)


def running(service_id):
    filters = json.dumps({"service": [service_id], "desired-state": ["running"]})
    _, tasks = docker("GET", "/tasks?filters=" + urllib.request.quote(filters))
    return sum(1 for t in tasks or [] if t.get("Status", {}).get("State") == "running")


def wait_running(service_id, started):
    while time.monotonic() - started < DEADLINE:
        if running(service_id) >= REPLICAS:
            return time.monotonic() - started
        time.sleep(0.05)
    raise SystemExit(f"service {service_id} did not reach {REPLICAS} running tasks in {DEADLINE}s")


def main():
    _, login = api("POST", "/api/auth/login", body={"email": os.environ["PAAS_ADMIN_EMAIL"], "password": os.environ["PAAS_ADMIN_PASSWORD"]})
    admin = login["token"]
    _, plan = api("POST", "/api/admin/paas/plans", admin, {"name": "bench-" + uuid.uuid4().hex[:6], "cpu": 0.1, "memory_mb": 32, "max_containers": 10, "price_per_hour": 0})
    _, locations = api("GET", "/api/admin/paas/locations", admin)
    location = next(l for l in locations if l["slug"] == "local")
    _, signup = api("POST", "/api/auth/signup", body={"email": f"bench-{uuid.uuid4().hex[:8]}@example.test", "password": "bench-pass-123",
                                                        "name": "Bench", "organization": "Bench " + uuid.uuid4().hex[:4]})
    client = signup["token"]
    _, me = api("GET", "/api/auth/me", client)
    api("POST", f"/api/admin/paas/wallets/{me['organization']['id']}/credit", admin, {"amount": 1_000_000_000, "reason": "benchmark funds"})
    platform, direct = [], []
    for trial in range(TRIALS):
        name = f"bench-{uuid.uuid4().hex[:8]}"
        status, created = api("POST", "/api/paas/apps", client, {"name": name, "plan_id": plan["id"], "location_id": location["id"]})
        assert status == 201, created
        api("POST", f"/api/paas/apps/{created['id']}/scale", client, {"web": REPLICAS})
        started = time.monotonic()
        status, deployed = api("POST", f"/api/paas/apps/{created['id']}/deploy", client, {"image": IMAGE})
        assert status == 201, deployed
        _, services = docker("GET", "/services?filters=" + urllib.request.quote(json.dumps({"label": [f"paas.app={created['id']}"]})))
        platform.append(wait_running(services[0]["ID"], started))

        # The baseline: the very spec the platform produced, created directly under another name.
        spec = services[0]["Spec"]
        spec["Name"] = spec["Name"] + "-direct"
        spec["Labels"] = {"bench": "direct"}
        spec["TaskTemplate"]["ContainerSpec"]["Labels"] = {"bench": "direct"}
        started = time.monotonic()
        status, made = docker("POST", "/services/create", spec)
        assert status == 201, made
        direct.append(wait_running(made["ID"], started))
        docker("DELETE", f"/services/{made['ID']}")
        api("DELETE", f"/api/paas/apps/{created['id']}", client)
        print(f"trial {trial + 1}: platform {platform[-1]:.2f} s, direct {direct[-1]:.2f} s", flush=True)
    p, d = statistics.median(platform), statistics.median(direct)
    print(f"deploy -> {REPLICAS} tasks running, median of {TRIALS}: platform {p:.2f} s, direct Docker API {d:.2f} s, ratio {p / d:.2f}x")


if __name__ == "__main__":
    sys.exit(main())
