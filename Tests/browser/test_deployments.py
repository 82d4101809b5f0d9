"""Git deploys on the pages: a real `git push` whose Dockerfile build fails after printing a few
lines. The deployment page follows the build log live (Server-Sent Events) and ends on "failed";
git shows the same lines while the build runs; the app page shows the git remote and the
deployment in its history."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import tempfile
import threading
import time

from conftest import missing
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


def test_rollback_from_history(ui, base_url, admin_credentials):
    """Two pushes go live on this engine, which scripts/test bootstrapped as the location `browser`.
    The app page's history shows each commit and how long it took, offers "Roll back" on the earlier
    release only, and the button runs v1's image again as v3."""
    email, password = admin_credentials
    _, login = api(base_url, "POST", "/api/auth/login", body={"email": email, "password": password})
    admin = login["token"]
    _, listed = api(base_url, "GET", "/api/admin/paas/locations", admin)
    locations = listed["data"] if isinstance(listed, dict) else listed
    location = next((loc for loc in locations if loc["slug"] == "browser"), None)
    if location is None:
        missing("no location `browser` with a ready node: scripts/test bootstraps this engine as one")
    tag = secrets.token_hex(3)
    status, plan = api(base_url, "POST", "/api/admin/paas/plans", admin, {
        "name": f"Rollback {tag}", "cpu": 0.25, "memory_mb": 64, "max_containers": 2, "price_per_hour": 100})
    assert status == 201, plan
    client_email = f"rollback-{tag}@example.test"
    status, signup = api(base_url, "POST", "/api/auth/signup", body={
        "email": client_email, "password": "browser-pass-123", "name": "Roller", "organization": f"Rollback {tag}"})
    assert status == 201, signup
    token = signup["token"]
    _, me = api(base_url, "GET", "/api/auth/me", token)
    status, credited = api(base_url, "POST", f"/api/admin/paas/wallets/{me['organization']['id']}/credit", admin,
                           {"amount": 1_000_000, "reason": f"browser rollback {tag}"})
    assert status == 200, credited
    status, app = api(base_url, "POST", "/api/paas/apps", token, {"name": f"roll-{tag}", "plan_id": plan["id"], "location_id": location["id"]})
    assert status == 201, app
    remote = base_url.replace("http://", f"http://roller:{token}@") + f"/git/{app['name']}.git"
    commits = []
    try:
        with tempfile.TemporaryDirectory() as work:
            git(work, "init", "-q", "--initial-branch=main")
            git(work, "config", "user.email", client_email)
            git(work, "config", "user.name", "Roller")
            for body in ("first-release", "second-release"):
                with open(os.path.join(work, "Dockerfile"), "w") as f:
                    f.write(f"FROM {BASE_IMAGE}\nRUN mkdir -p /www && echo {body} > /www/index.html\n"
                            'CMD ["sh", "-c", "exec httpd -f -p ${PORT:-5000} -h /www"]\n')
                git(work, "add", "-A")
                git(work, "commit", "-q", "-m", body)
                commits.append(git(work, "rev-parse", "HEAD").stdout.strip()[:7])
                live = git(work, "push", remote, "main")
                assert live.returncode == 0, live.stderr

        ui.login(client_email, "browser-pass-123", "/apps", "rollback")
        ui.open(f"/apps/{app['id']}")
        rows = {row.find_element(By.CSS_SELECTOR, "code").text: row
                for row in ui.driver.find_elements(By.CSS_SELECTOR, "#deployments-table tbody tr")}
        assert set(commits) <= set(rows), f"the history should list both commits: {list(rows)}"
        for sha in commits:
            assert re.search(r"\b\d+ s\b", rows[sha].text), f"no duration on {sha}'s row: {rows[sha].text}"
        back = rows[commits[0]].find_elements(By.XPATH, ".//button[normalize-space()='Roll back']")
        assert len(back) == 1, f"v1's row should offer a rollback: {rows[commits[0]].text}"
        assert not rows[commits[1]].find_elements(By.XPATH, ".//button[normalize-space()='Roll back']"), "the current release rolls back to itself"
        # The image reference (with its digest) wraps in its card instead of widening the page.
        overflow = ui.driver.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"the app page is {overflow}px wider than the window"
        full_shot(ui, "deploy-history")
        back[0].click()
        alert = ui.wait(lambda d: d.switch_to.alert, "no confirmation dialog")
        alert.accept()
        flash = ui.wait_css(".flash.flash-success")
        assert "Rolled back: v3 runs the earlier release again." in flash.text, flash.text
        assert "rollback · rollback" in ui.driver.find_element(By.ID, "deployments-table").text
        ui.shot("deploy-rolled-back")
        _, releases = api(base_url, "GET", f"/api/paas/apps/{app['id']}/releases", token)
        assert releases[0]["version"] == 3 and releases[0]["status"] == "succeeded", releases[0]
        assert releases[0]["image"] == releases[-1]["image"], "the rollback runs v1's image again"
    finally:
        api(base_url, "DELETE", f"/api/paas/apps/{app['id']}", token)
        api(base_url, "DELETE", f"/api/admin/paas/plans/{plan['id']}", admin)
