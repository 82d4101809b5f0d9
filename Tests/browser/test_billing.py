"""Billing pages end to end: a client's wallet and statement, and the admin's wallets (credit
and debit with validation) and revenue pages."""

from __future__ import annotations

import re
import secrets
from datetime import datetime, timezone

from selenium.webdriver.common.by import By
from test_apps import full_shot


def test_billing_pages(ui, admin_credentials):
    tag = secrets.token_hex(3)
    password = f"Str0ng-{secrets.token_urlsafe(12)}"
    email = f"billing-{tag}@example.test"
    organization = f"billing-org-{tag}"

    # A new client: an empty wallet, so the low-balance warning shows and nothing is charged yet.
    ui.open("/signup")
    ui.fill("form#signup-form", name=f"Billing Tester {tag}", email=email, password=password, organization=organization)
    ui.submit("form#signup-form")
    ui.wait_path("/apps")
    assert "at or below your alert level" in ui.wait_css("#wallet-banner").text
    ui.open("/billing")
    assert ui.h1() == "Billing"
    stats = ui.wait_css("#billing-stats").text
    assert "$0.00" in stats and "nothing is running" in stats, stats
    assert "No usage yet" in ui.body_text()
    month = datetime.now(timezone.utc).strftime("%Y-%m")
    assert ui.driver.find_element(By.CSS_SELECTOR, f"#statements a[href='/billing/statements/{month}']")
    full_shot(ui, "billing-01-empty-wallet")
    ui.logout("billing-02")

    # The admin finds the organization among the wallets and credits it.
    admin_email, admin_password = admin_credentials
    ui.login(admin_email, admin_password, "/admin", "billing-03-admin")
    ui.open("/admin/wallets")
    row = ui.wait_css("#wallets tbody tr")
    rows = ui.driver.find_elements(By.CSS_SELECTOR, "#wallets tbody tr")
    mine = [r for r in rows if organization in r.text]
    assert len(mine) == 1, [r.text for r in rows]
    full_shot(ui, "billing-04-admin-wallets")
    mine[0].find_element(By.LINK_TEXT, "Manage").click()
    ui.wait(lambda d: ui.path().startswith("/admin/wallets/"), "expected the wallet page")
    wallet_path = ui.path()
    assert ui.h1() == organization

    ui.fill("form#credit-form", amount="lots", reason="Bank transfer")
    ui.submit("form#credit-form")
    message = ui.wait_errors()
    assert "positive amount" in message, message
    assert ui.wait_css("#credit-amount-error").is_displayed()
    assert ui.wait_css("#credit-reason").get_attribute("value") == "Bank transfer", "the reason typed is kept"
    ui.shot("billing-05-credit-invalid")

    ui.fill("form#credit-form", amount="25.50", reason="Bank transfer 4711")
    ui.submit("form#credit-form")
    # Wait for the text itself: the previous page's flash is still there until the redirect lands.
    ui.wait(lambda d: "Credited $25.50" in ui.body_text(), "no confirmation of the credit")
    ui.fill("form#debit-form", amount="0.5", reason="Fee correction")
    ui.submit("form#debit-form")
    ui.wait(lambda d: "Debited $0.50. Balance: $25.00." in ui.body_text(), "no confirmation of the debit")
    assert "$25.00" in ui.wait_css("#wallet-stats").text
    assert "Credit: Bank transfer 4711" in ui.wait_css("#transactions").text
    full_shot(ui, "billing-06-admin-wallet")

    ui.open("/admin/revenue?days=7")
    assert ui.h1() == "Revenue"
    assert re.search(r"Total\s*\$\d", ui.wait_css("#revenue-stats").text)
    full_shot(ui, "billing-07-admin-revenue")
    ui.logout("billing-08-admin")

    # The client sees the money and its reasons, and a statement for the month.
    ui.login(email, password, "/apps", "billing-09-client")
    assert ui.driver.find_element(By.ID, "wallet-banner").text == ""
    ui.open("/billing")
    assert "$25.00" in ui.wait_css("#billing-stats").text
    assert "Debit: Fee correction" in ui.wait_css("#transactions").text
    ui.driver.find_element(By.CSS_SELECTOR, f"#statements a[href='/billing/statements/{month}']").click()
    ui.wait_path(f"/billing/statements/{month}")
    stats = ui.wait_css("#statement-stats").text
    assert "$25.50" in stats and "$0.50" in stats and "$25.00" in stats, stats
    full_shot(ui, "billing-10-statement")

    # Clients are kept out of the admin wallet pages.
    assert ui.http(wallet_path, with_cookies=True).status == 403
    assert ui.http("/admin/revenue", with_cookies=True).status == 403
