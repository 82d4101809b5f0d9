"""Domain pages end to end: a client adds a custom domain on the app's domains page, sees the DNS
records to create, is told what is missing until the TXT record shows in the DNS server the platform
asks (pebble-challtestsrv, started by scripts/test), and removes it; an admin changes the platform's
default-hostname template on the settings page."""

from __future__ import annotations

import json
import os
import secrets
import urllib.request

import pytest
from conftest import missing
from selenium.webdriver.common.by import By
from test_apps import api, full_shot


def dns_management() -> str:
    url = os.environ.get("PAAS_TEST_DNS_MANAGEMENT", "").rstrip("/")
    if not url:
        missing("PAAS_TEST_DNS_MANAGEMENT is not set (scripts/test starts pebble-challtestsrv)")
    return url


def set_txt(name: str, value: str | None) -> None:
    path, body = ("set-txt", {"host": name + ".", "value": value}) if value else ("clear-txt", {"host": name + "."})
    request = urllib.request.Request(f"{dns_management()}/{path}", data=json.dumps(body).encode(), method="POST")
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200


@pytest.fixture
def admin_token(base_url, admin_credentials) -> str:
    email, password = admin_credentials
    status, body = api(base_url, "POST", "/api/auth/login", body={"email": email, "password": password})
    assert status == 200, (status, body)
    return body["token"]


@pytest.fixture
def client_app(base_url, admin_token):
    """A signed-up client with one app (never deployed), and the credentials to sign in."""
    tag = secrets.token_hex(3)
    status, plan = api(base_url, "POST", "/api/admin/paas/plans", admin_token, {
        "name": f"Domains {tag}", "cpu": 0.25, "memory_mb": 128, "max_containers": 2, "price_per_hour": 1000, "monthly_price": None})
    assert status == 201, (status, plan)
    status, location = api(base_url, "POST", "/api/admin/paas/locations", admin_token,
                           {"name": f"Domains {tag}", "slug": f"domains-{tag}", "country": "NL", "city": "Amsterdam"})
    assert status == 201, (status, location)
    email, password = f"domains-{tag}@example.test", f"Str0ng-{secrets.token_urlsafe(12)}"
    status, account = api(base_url, "POST", "/api/auth/signup", body={
        "email": email, "password": password, "name": f"Domain Owner {tag}", "organization": f"domains-org-{tag}"})
    assert status in (200, 201), (status, account)
    status, app = api(base_url, "POST", "/api/paas/apps", account["token"],
                      {"name": f"site-{tag}", "plan_id": plan["id"], "location_id": location["id"]})
    assert status == 201, (status, app)
    yield {"tag": tag, "email": email, "password": password, "token": account["token"], "app": app}
    api(base_url, "DELETE", f"/api/paas/apps/{app['id']}", account["token"])
    api(base_url, "DELETE", f"/api/admin/paas/plans/{plan['id']}", admin_token)
    api(base_url, "DELETE", f"/api/admin/paas/locations/{location['id']}", admin_token)


def test_domains_page(ui, client_app):
    tag, app = client_app["tag"], client_app["app"]
    ui.login(client_app["email"], client_app["password"], "/apps", "domains-00")
    ui.open(f"/apps/{app['id']}/domains")
    default = ui.wait_css("#default-domain")
    assert app["domains"][0] in default.text, default.text
    ui.shot("domains-01-empty")

    # Hostnames that cannot be the client's are refused on the field, with the typed value kept.
    for bad, words in (("not a domain", "hostname"), ("203.0.113.7", "IP"), (app["domains"][0], "platform")):
        ui.fill("form#domain-form", hostname=bad)
        ui.submit("form#domain-form")
        message = ui.wait_errors()
        assert words.lower() in message.lower(), (bad, message)
        assert ui.driver.find_element(By.NAME, "hostname").get_attribute("value") == bad
    ui.shot("domains-02-refused")

    host = f"www.shop-{tag}.example.com"
    ui.fill("form#domain-form", hostname=host)
    ui.submit("form#domain-form")
    assert f"{host} was added" in ui.wait_css(".flash.flash-success").text
    card = ui.wait_css("section.domain")
    assert card.get_attribute("data-status") == "pending_dns", card.get_attribute("data-status")
    rows = card.find_elements(By.CSS_SELECTOR, "tbody tr")
    txt = next(r for r in rows if r.find_element(By.CSS_SELECTOR, "td code").text == "TXT")
    txt_name = txt.find_elements(By.CSS_SELECTOR, "td code")[1].text
    token = txt.find_element(By.CSS_SELECTOR, ".record-value").text
    assert txt_name == f"_paas-challenge.{host}" and len(token) >= 20, (txt_name, token)
    assert any("CNAME" in r.text and app["domains"][0] in r.text for r in rows), [r.text for r in rows]
    full_shot(ui, "domains-03-added")

    # Verify before the TXT record exists: still pending, and the page says which record to add.
    card.find_element(By.CSS_SELECTOR, "form[action$='/verify'] button").click()
    ui.wait(lambda d: d.find_elements(By.CSS_SELECTOR, "section.domain .notice"), "no explanation after Verify")
    card = ui.wait_css("section.domain")
    assert card.get_attribute("data-status") == "pending_dns"
    assert txt_name in card.find_element(By.CSS_SELECTOR, ".notice").text
    ui.shot("domains-04-still-pending")

    # With the TXT record in the DNS server the platform asks, Verify proves ownership.
    set_txt(txt_name, token)
    try:
        ui.wait_css("section.domain form[action$='/verify'] button").click()
        ui.wait(lambda d: d.find_element(By.CSS_SELECTOR, "section.domain").get_attribute("data-status") != "pending_dns",
                "the domain stayed pending_dns with its TXT record in place")
        card = ui.wait_css("section.domain")
        assert card.get_attribute("data-status") in ("verified", "cert_pending", "active"), card.get_attribute("data-status")
        full_shot(ui, "domains-05-verified")
    finally:
        set_txt(txt_name, None)

    card.find_element(By.CSS_SELECTOR, "form[action$='/delete'] button").click()
    alert = ui.wait(lambda d: d.switch_to.alert, "no confirmation dialog")
    assert host in alert.text
    alert.accept()
    assert f"{host} was removed" in ui.wait_css(".flash.flash-success").text
    assert not ui.driver.find_elements(By.CSS_SELECTOR, "section.domain")
    ui.shot("domains-06-removed")


def test_platform_settings_page(ui, admin_credentials, base_url, admin_token):
    status, before = api(base_url, "GET", "/api/admin/paas/settings", admin_token)
    assert status == 200, (status, before)
    ui.login(*admin_credentials, "/admin", "settings-00")
    ui.open("/admin/settings")
    ui.wait_css("form#settings-form")
    assert ui.wait_css("#dns-resolver").text.strip(), "the page names the DNS resolver domain checks ask"
    ui.shot("settings-01")
    try:
        ui.fill("form#settings-form", domain_template="shop.{app}.example.com")
        ui.submit("form#settings-form")
        message = ui.wait_errors()
        assert "starts with {app}." in message, message
        assert ui.driver.find_element(By.NAME, "domain_template").get_attribute("value") == "shop.{app}.example.com"
        ui.shot("settings-02-refused")

        ui.fill("form#settings-form", domain_template="{app}.{location}.apps.example.com")
        ui.submit("form#settings-form")
        assert "Settings saved" in ui.wait_css(".flash.flash-success").text
        ui.shot("settings-03-saved")
        status, after = api(base_url, "GET", "/api/admin/paas/settings", admin_token)
        assert after["domain_template"] == "{app}.{location}.apps.example.com", after

        # The ingresses' ACME account: a plain-HTTP directory is refused, the field keeps its input.
        ui.fill("form#settings-form", acme_email="certs@example.com", acme_ca_url="http://ca.example.com/directory")
        ui.submit("form#settings-form")
        message = ui.wait_errors()
        assert "https" in message.lower(), message
        assert ui.driver.find_element(By.NAME, "acme_ca_url").get_attribute("value") == "http://ca.example.com/directory"
        ui.shot("settings-04-acme-refused")
        ui.fill("form#settings-form", acme_email="certs@example.com", acme_ca_url="https://ca.example.com/directory")
        ui.submit("form#settings-form")
        # Saved either way; where no engine runs, the page says the ingresses catch up later.
        assert "Settings saved" in ui.wait_css(".flash").text
        status, after = api(base_url, "GET", "/api/admin/paas/settings", admin_token)
        assert after["acme_email"] == "certs@example.com" and after["acme_ca_url"] == "https://ca.example.com/directory", after
        assert ui.driver.find_element(By.NAME, "acme_ca_url").get_attribute("value") == "https://ca.example.com/directory"
        ui.shot("settings-05-acme-saved")
    finally:
        api(base_url, "PATCH", "/api/admin/paas/settings", admin_token,
            {"domain_template": before["domain_template"], "acme_email": before["acme_email"],
             "acme_ca_url": before["acme_ca_url"]})
