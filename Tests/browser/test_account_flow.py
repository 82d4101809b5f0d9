"""Account pages end to end: signup, API tokens, logout/login, the admin area and its guard."""

from __future__ import annotations

import re
import secrets

from selenium.webdriver.common.by import By


def new_identity() -> dict[str, str]:
    tag = secrets.token_hex(4)
    return {
        "name": f"Browser Test {tag}",
        "email": f"browser-{tag}@example.test",
        "password": f"Str0ng-{secrets.token_urlsafe(12)}",
        "organization": f"browser-org-{tag}",
    }


def test_account_flow(ui, admin_credentials):
    user = new_identity()

    # Sign up → the Apps dashboard.
    ui.open("/signup")
    ui.wait_css("form#signup-form")
    ui.shot("flow-01-signup-form")
    ui.fill("form#signup-form", **user)
    ui.shot("flow-02-signup-filled")
    ui.submit("form#signup-form")
    ui.wait_path("/apps")
    assert ui.h1() == "Apps"
    ui.shot("flow-03-apps-dashboard")

    # Create an API token: shown once in full, then listed by name.
    token_name = f"ci-token-{secrets.token_hex(3)}"
    ui.open("/account/tokens")
    ui.wait_css("form#create-token-form")
    ui.shot("flow-04-tokens-page")
    ui.fill("form#create-token-form", name=token_name)
    ui.submit("form#create-token-form")
    token = ui.wait_css("#new-token").text.strip()
    ui.shot("flow-05-token-created")
    assert token.startswith("paas_"), f"unexpected token value {token!r}"
    assert ui.driver.find_element(By.CSS_SELECTOR, "#new-token").tag_name.lower() == "code"
    rows = ui.driver.find_elements(By.CSS_SELECTOR, "table#tokens tbody tr")
    assert any(token_name in row.text for row in rows), [row.text for row in rows]

    ui.open("/account/tokens")
    ui.wait_css("table#tokens")
    ui.shot("flow-06-tokens-after-reload")
    assert not ui.driver.find_elements(By.CSS_SELECTOR, "#new-token"), "the token is shown a second time"
    assert token not in ui.driver.page_source, "the full token value is still on the page"
    rows = ui.driver.find_elements(By.CSS_SELECTOR, "table#tokens tbody tr")
    assert any(token_name in row.text for row in rows), [row.text for row in rows]

    # The token works on the JSON API.
    me = ui.http("/api/auth/me", token=token)
    assert me.status == 200, me
    assert "json" in (me.headers.get("Content-Type") or ""), me.headers.get("Content-Type")
    body = me.json()
    assert body["user"]["email"].lower() == user["email"], body
    assert isinstance(body.get("organization"), dict), body
    assert ui.http("/api/auth/me", token="paas_not-a-real-token").status == 401

    # Log out, then in as the admin → the platform overview.
    ui.logout("flow-07")
    admin_email, admin_password = admin_credentials
    ui.login(admin_email, admin_password, "/admin", "flow-08-admin")
    assert ui.h1() == "Platform overview"

    for number, page in enumerate(("nodes", "plans", "locations"), start=9):
        ui.open(f"/admin/{page}")
        found = ui.wait_any(".empty-state, table")
        ui.shot(f"flow-{number:02d}-admin-{page}")
        assert found, f"/admin/{page} shows neither .empty-state nor a table"
        assert ui.http(f"/admin/{page}", with_cookies=True).status == 200

    # A client is refused the admin area with the 403 page.
    ui.logout("flow-12-admin")
    ui.login(user["email"], user["password"], "/apps", "flow-13-client")
    ui.open("/admin")
    ui.wait_css("h1")
    ui.shot("flow-14-client-admin-forbidden")
    assert re.search(r"403|Forbidden", ui.h1(), re.IGNORECASE), ui.h1()
    assert "administrator" in ui.body_text().lower()
    assert ui.http("/admin", with_cookies=True).status == 403


def test_failed_login_shows_error(ui, admin_credentials):
    admin_email, _ = admin_credentials
    ui.open("/login")
    ui.wait_css("form#login-form")
    ui.fill("form#login-form", email=admin_email, password=f"wrong-{secrets.token_hex(8)}")
    ui.shot("login-fail-01-filled")
    ui.submit("form#login-form")
    message = ui.wait_errors()
    ui.shot("login-fail-02-error")
    assert message
    assert ui.path() not in ("/admin", "/apps"), ui.driver.current_url
    assert ui.driver.find_elements(By.CSS_SELECTOR, "form#login-form"), "the login form is gone"


def test_weak_password_shows_rule_and_keeps_email(ui):
    user = new_identity()
    user["password"] = "abc"
    ui.open("/signup")
    ui.wait_css("form#signup-form")
    ui.fill("form#signup-form", **user)
    ui.shot("weak-password-01-filled")
    ui.submit("form#signup-form")
    message = ui.wait_errors()
    ui.shot("weak-password-02-rule-shown")
    assert re.search(r"password|character", message, re.IGNORECASE), message
    assert ui.path() != "/apps", ui.driver.current_url
    email = ui.wait_css("form#signup-form").find_element(By.NAME, "email").get_attribute("value")
    assert email == user["email"]
