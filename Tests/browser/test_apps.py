"""App pages end to end: the admin offers a plan and a location through the API, a client signs up,
creates an app through the form, uses its controls and opens the live log view."""

from __future__ import annotations

import json
import secrets
import urllib.error
import urllib.request

import pytest
from conftest import missing
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select


def api(base_url: str, method: str, path: str, token: str | None = None, body: dict | None = None):
    """A JSON API call; returns (status, decoded body or None)."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base_url + path, data=data, method=method)
    request.add_header("Accept", "application/json")
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            raw = response.read()
            return response.status, (json.loads(raw) if raw else None)
    except urllib.error.HTTPError as error:
        raw = error.read()
        try:
            return error.code, json.loads(raw)
        except ValueError:
            return error.code, raw


def full_shot(ui, name: str) -> None:
    """A screenshot of the whole page, not only the viewport, to check the layout below the fold."""
    driver = ui.driver
    size = driver.get_window_size()
    height = driver.execute_script("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)")
    driver.set_window_size(size["width"], min(max(height + 120, size["height"]), 6000))
    try:
        ui.shot(name)
    finally:
        driver.set_window_size(size["width"], size["height"])


@pytest.fixture
def offer(base_url, admin_credentials):
    """A plan and a location made by the admin through the API, removed afterwards."""
    email, password = admin_credentials
    status, body = api(base_url, "POST", "/api/auth/login", body={"email": email, "password": password})
    assert status == 200, (status, body)
    admin = body["token"]
    tag = secrets.token_hex(3)
    status, plan = api(base_url, "POST", "/api/admin/paas/plans", admin, {
        "name": f"Browser {tag}", "cpu": 0.5, "memory_mb": 256, "max_containers": 4,
        "price_per_hour": 6800, "monthly_price": 5_000_000,
    })
    assert status == 201, (status, plan)
    status, location = api(base_url, "POST", "/api/admin/paas/locations", admin, {
        "name": f"Browser {tag}", "slug": f"browser-{tag}", "country": "DE", "city": "Berlin",
    })
    assert status == 201, (status, location)
    yield {"plan": plan, "location": location, "tag": tag}
    # Best effort: the app is deleted by the test; a plan still in use is archived instead.
    api(base_url, "DELETE", f"/api/admin/paas/plans/{plan['id']}", admin)
    api(base_url, "DELETE", f"/api/admin/paas/locations/{location['id']}", admin)


def test_app_pages(ui, offer):
    tag = offer["tag"]
    plan, location = offer["plan"], offer["location"]

    # A client signs up and lands on the (empty) apps list with a "Create app" button.
    ui.open("/signup")
    ui.fill("form#signup-form", name=f"App Tester {tag}", email=f"apps-{tag}@example.test",
            password=f"Str0ng-{secrets.token_urlsafe(12)}", organization=f"apps-org-{tag}")
    ui.submit("form#signup-form")
    ui.wait_path("/apps")
    ui.wait_css("#create-app").click()
    ui.wait_path("/apps/new")
    ui.wait_css("form#create-app-form")
    ui.shot("apps-01-create-form")
    plan_select = Select(ui.driver.find_element(By.NAME, "plan_id"))
    labels = [option.text for option in plan_select.options]
    assert any(plan["name"] in label and "0.5 vCPU" in label and "256 MB" in label and "per container-hour" in label
               and "at most" in label for label in labels), labels

    # An invalid name is refused on the name field, keeping the choice of plan and location.
    ui.fill("form#create-app-form", name="Bad Name!")
    plan_select.select_by_value(plan["id"])
    Select(ui.driver.find_element(By.NAME, "location_id")).select_by_value(location["id"])
    ui.submit("form#create-app-form")
    message = ui.wait_errors()
    ui.shot("apps-02-create-invalid-name")
    assert "lowercase" in message, message
    assert ui.driver.find_element(By.CSS_SELECTOR, "#field-name-error").is_displayed()
    assert Select(ui.driver.find_element(By.NAME, "plan_id")).first_selected_option.get_attribute("value") == plan["id"]

    # Created through the form → the app page.
    name = f"web-{tag}"
    ui.fill("form#create-app-form", name=name)
    ui.submit("form#create-app-form")
    ui.wait(lambda d: ui.path().startswith("/apps/") and ui.path() != "/apps/new", "expected the app page")
    app_path = ui.path()
    assert ui.h1().startswith(name), ui.h1()
    assert "was created" in ui.wait_css(".flash.flash-success").text
    domain = ui.wait_css("#app-domain")
    assert domain.get_attribute("href").startswith(f"http://{name}."), domain.get_attribute("href")
    assert ui.driver.find_element(By.CSS_SELECTOR, "#scale-web").get_attribute("max") == "4"
    full_shot(ui, "apps-03-app-page")

    # A config var: masked until revealed (app.js), and its value never in the page text before that.
    ui.fill("form#config-form", key="GREETING", value="hello <browser>")
    ui.submit("form#config-form")
    ui.wait(lambda d: "GREETING was set" in ui.body_text(), "no confirmation for the config var")
    row = ui.wait_css("#config-table tbody tr")
    assert "hello <browser>" not in row.text
    row.find_element(By.CSS_SELECTOR, "[data-reveal]").click()
    ui.wait(lambda d: row.find_element(By.CSS_SELECTOR, ".secret-text").is_displayed(), "the value was not revealed")
    assert row.find_element(By.CSS_SELECTOR, ".secret-text").text == "hello <browser>"
    ui.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", row)
    ui.shot("apps-04-config-var-revealed")

    # Scaling up needs a ready node in the location; this one has none, so the control says why.
    scale = ui.wait_css("#scale-web")
    scale.clear()
    scale.send_keys("2")
    scale.find_element(By.XPATH, "ancestor::form").find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    message = ui.wait_errors()
    assert "no ready nodes" in message, message
    assert ui.wait_css("#scale-web-error").is_displayed()
    assert ui.wait_css("#scale-web").get_attribute("value") == "2", "the typed quantity is kept"
    ui.driver.execute_script("document.getElementById('processes').scrollIntoView()")
    ui.shot("apps-05-scale-refused")

    # The live log view: app.js connects to the SSE endpoint and reports the connection state.
    ui.open(app_path + "/logs")
    view = ui.wait_css("[data-log-stream]")
    assert view.get_attribute("data-log-stream").endswith("/logs?lines=200"), view.get_attribute("data-log-stream")
    status = ui.wait_css("[data-log-status]")
    ui.wait(lambda d: status.text.strip() not in ("", "Connecting…"), "the log view never reported a connection state")
    pause = ui.wait_css("[data-log-pause]")
    pause.click()
    assert pause.get_attribute("aria-pressed") == "true" and pause.text == "Resume"
    pause.click()
    assert pause.get_attribute("aria-pressed") == "false"
    ui.shot("apps-06-logs")

    # Danger zone: delete with confirmation → back on /apps with a flash.
    ui.open(app_path)
    ui.wait_css("form#delete-form button[type=submit]").click()
    alert = ui.wait(lambda d: d.switch_to.alert, "no confirmation dialog")
    assert name in alert.text
    alert.accept()
    ui.wait(lambda d: ui.path() == "/apps" or d.find_elements(By.CSS_SELECTOR, ".flash.flash-error"), "delete did nothing")
    if ui.path() != "/apps":
        ui.shot("apps-07-delete-refused")
        missing(f"deleting needs the container engine: {ui.errors()}")
    flash = ui.wait_css(".flash.flash-success").text
    ui.shot("apps-07-deleted")
    assert f"{name} was deleted" in flash, flash
    assert ui.http(app_path, with_cookies=True).status == 404
