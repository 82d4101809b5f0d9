"""The webhooks page end to end: a client adds a GitHub webhook on the app's webhooks page, copies
the URL and secret shown that once, sees a signed ping arrive as the last delivery, and deletes it."""

from __future__ import annotations

import hashlib
import hmac
import json
import urllib.error
import urllib.parse
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select
from test_apps import full_shot
from test_domains import admin_token, client_app  # noqa: F401  (pytest fixtures)


def deliver(base_url: str, url: str, secret: str, event: str, body: bytes) -> tuple[int, dict]:
    """A delivery as GitHub sends it, to the platform the test runs against."""
    path = urllib.parse.urlparse(url).path
    request = urllib.request.Request(base_url + path, data=body, method="POST")
    request.add_header("Content-Type", "application/json")
    request.add_header("X-GitHub-Event", event)
    request.add_header("X-Hub-Signature-256", "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest())
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def test_webhooks_page(ui, client_app, base_url):  # noqa: F811
    app = client_app["app"]
    ui.login(client_app["email"], client_app["password"], "/apps", "webhooks-00")
    ui.open(f"/apps/{app['id']}")
    # Nothing pushed yet: "Build from git" says so on its field, and the branch typed stays.
    branch = ui.wait_css("form#build-form input[name=branch]")
    assert branch.get_attribute("value") == "main", branch.get_attribute("value")
    ui.submit("form#build-form")
    message = ui.wait_errors()
    assert "Nothing has been pushed to main yet" in message, message
    full_shot(ui, "webhooks-00-build-refused")
    ui.wait_css("#webhooks-link").click()
    ui.wait_path(f"/apps/{app['id']}/webhooks")
    assert "No webhooks yet" in ui.body_text()
    ui.shot("webhooks-01-empty")

    # GitHub needs the clone URL: refused on that field, with what was typed kept.
    Select(ui.wait_css("#field-provider")).select_by_value("github")
    ui.fill("form#webhook-form", repository="acme/site")
    ui.submit("form#webhook-form")
    message = ui.wait_errors()
    assert "clone URL" in message, message
    assert ui.driver.find_element(By.NAME, "repository").get_attribute("value") == "acme/site"
    ui.shot("webhooks-02-refused")

    ui.fill("form#webhook-form", repository_url="https://ci:tok-secret@github.example/acme/site.git", repository="acme/site")
    ui.submit("form#webhook-form")
    created = ui.wait_css("#webhook-created")
    url = ui.wait_css("#webhook-url").text.strip()
    secret = ui.wait_css("#webhook-secret").text.strip()
    assert "/api/paas/webhooks/whk_" in url and len(secret) >= 32, (url, secret)
    assert "application/json" in created.find_element(By.ID, "webhook-setup").text
    full_shot(ui, "webhooks-03-created")

    # Shown once: a reload lists the webhook without either secret, and with the token masked.
    ui.open(f"/apps/{app['id']}/webhooks")
    table = ui.wait_css("table#webhooks")
    assert "GitHub" in table.text and "https://***@github.example/acme/site.git" in table.text, table.text
    assert secret not in ui.driver.page_source and "tok-secret" not in ui.driver.page_source and "whk_" not in ui.driver.page_source
    assert "none yet" in table.text

    status, answer = deliver(base_url, url, secret, "ping", b'{"zen": "Keep it logically awesome."}')
    assert status == 200 and answer["status"] == "pong", (status, answer)
    status, answer = deliver(base_url, url, "not-the-secret", "push", b"{}")
    assert status == 401, (status, answer)
    ui.open(f"/apps/{app['id']}/webhooks")
    delivery = ui.wait_css("table#webhooks .webhook-delivery").text
    assert "refused: the signature did not match" in delivery, delivery
    full_shot(ui, "webhooks-04-delivered")

    ui.wait_css("table#webhooks form[action$='/delete'] button").click()
    alert = ui.wait(lambda d: d.switch_to.alert, "no confirmation dialog")
    assert "Delete this webhook" in alert.text
    alert.accept()
    assert "The webhook was deleted" in ui.wait_css(".flash.flash-success").text
    assert not ui.driver.find_elements(By.CSS_SELECTOR, "table#webhooks")
    status, answer = deliver(base_url, url, secret, "ping", b"{}")
    assert status == 404, (status, answer)
    ui.shot("webhooks-05-deleted")
