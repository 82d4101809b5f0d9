"""Git deploys on the pages: a real `git push` whose Dockerfile build fails after printing a few
lines. The deployment page follows the build log live (Server-Sent Events) and ends on "failed";
git shows the same lines while the build runs; the app page shows the git remote and the
deployment in its history."""

from __future__ import annotations

import os
import secrets
import subprocess
import tempfile
import threading
import time

from selenium.webdriver.common.by import By
from test_apps import api, full_shot, offer  # noqa: F401  (offer is a fixture)

BASE_IMAGE = os.environ.get("PAAS_BUSYBOX_IMAGE", "paas-test/busybox:1")


def git(cwd: str, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, GIT_TERMINAL_PROMPT="0", GIT_CONFIG_NOSYSTEM="1", HOME=cwd)
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def push_streamed(cwd: str, remote: str) -> dict:
    """`git push`, with the time each line of its output arrived."""
    env = dict(os.environ, GIT_TERMINAL_PROMPT="0", GIT_CONFIG_NOSYSTEM="1", HOME=cwd)
    proc = subprocess.Popen(["git", "push", "--progress", remote, "main"], cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    lines = [(time.monotonic(), line) for line in proc.stderr]
    return {"returncode": proc.wait(timeout=300), "lines": lines, "ended": time.monotonic()}


def test_push_build_log_live(ui, base_url, offer):  # noqa: F811
    tag = secrets.token_hex(3)
    email, password = f"push-{tag}@example.test", "browser-pass-123"
    status, signup = api(base_url, "POST", "/api/auth/signup", body={"email": email, "password": password, "name": "Pusher", "organization": f"Push {tag}"})
    assert status == 201, signup
    token = signup["token"]
    status, app = api(base_url, "POST", "/api/paas/apps", token, {"name": f"push-{tag}", "plan_id": offer["plan"]["id"], "location_id": offer["location"]["id"]})
    assert status == 201, app
    with tempfile.TemporaryDirectory() as work:
        git(work, "init", "-q", "--initial-branch=main")
        git(work, "config", "user.email", email)
        git(work, "config", "user.name", "Pusher")
        with open(os.path.join(work, "Dockerfile"), "w") as f:
            f.write(f"FROM {BASE_IMAGE}\nRUN echo step one of the build && sleep 4 && echo step two && sleep 2 && exit 3\n")
        git(work, "add", "-A")
        git(work, "commit", "-q", "-m", "broken build")
        remote = base_url.replace("http://", f"http://pusher:{token}@") + f"/git/{app['name']}.git"
        result = {}
        pusher = threading.Thread(target=lambda: result.update(push_streamed(work, remote)))
        pusher.start()

        deployment = None
        for _ in range(200):
            _, deployments = api(base_url, "GET", f"/api/paas/apps/{app['id']}/deployments", token)
            if deployments:
                deployment = deployments[0]
                break
            time.sleep(0.1)
        assert deployment, "the push never created a deployment"
        ui.login(email, password, "/apps", "deploy")
        ui.open(f"/apps/{app['id']}/deployments/{deployment['id']}")
        ui.wait(lambda d: "step one of the build" in d.find_element(By.ID, "build-log-output").text, "the live build log")
        ui.shot("deploy-log-live")
        ui.wait(lambda d: d.find_element(By.ID, "build-log").get_attribute("data-build-log-done") == "failed", "the build to end as failed")
        assert "non-zero code: 3" in ui.driver.find_element(By.ID, "build-log-output").text
        ui.shot("deploy-log-failed")
        pusher.join(120)
        assert result["returncode"] != 0
        stderr = "".join(line for _, line in result["lines"])
        assert "Push rejected" in stderr and "The Dockerfile build failed" in stderr, stderr
        # git shows the build while it runs, not all at the end: the step's first line arrives
        # while its sleeps (6 s) are still ahead.
        first = next(at for at, line in result["lines"] if line.startswith("remote:") and "step one of the build" in line)
        assert result["ended"] - first >= 3, f"remote: lines came only at the end: {result['ended'] - first:.1f} s before it"

    ui.open(f"/apps/{app['id']}")
    remote_text = ui.wait_css("#git-remote").text
    assert remote_text.endswith(f"/git/{app['name']}.git")
    assert f"git push paas main" in ui.driver.find_element(By.ID, "git-setup").text
    table = ui.driver.find_element(By.ID, "deployments-table").text
    assert "failed" in table and "push · dockerfile" in table
    full_shot(ui, "deploy-app-page")
    api(base_url, "DELETE", f"/api/paas/apps/{app['id']}", token)
