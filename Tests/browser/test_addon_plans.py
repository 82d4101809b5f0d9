"""Addon plans end to end: the admin creates one through the form (a bad price is refused on its
field, keeping what was typed) and sees it in the list with its prices."""

from __future__ import annotations

import secrets

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select
from test_apps import full_shot


def test_addon_plan_pages(ui, admin_credentials):
    email, password = admin_credentials
    ui.login(email, password, "/admin", "addons-01-admin")
    ui.open("/admin/addon-plans")
    ui.wait_css("form#addon-plan-form")
    name = f"Small {secrets.token_hex(2)}"
    Select(ui.driver.find_element(By.NAME, "kind")).select_by_value("postgresql")
    ui.fill("form#addon-plan-form", name=name, memory_mb="512", storage_mb="10240", price_per_hour="lots")
    ui.submit("form#addon-plan-form")
    message = ui.wait_errors()
    assert "price" in message.lower(), message
    assert ui.wait_css("#field-price_per_hour-error").is_displayed()
    assert ui.wait_css("#field-name").get_attribute("value") == name, "what was typed is kept"
    full_shot(ui, "addons-02-invalid-price")

    ui.fill("form#addon-plan-form", price_per_hour="0.0137", monthly_price="7")
    ui.submit("form#addon-plan-form")
    ui.wait(lambda d: name in ui.body_text() and "was created" in ui.body_text(), "no confirmation for the addon plan")
    rows = [r for r in ui.driver.find_elements(By.CSS_SELECTOR, "table tbody tr") if name in r.text]
    assert len(rows) == 1, [r.text for r in ui.driver.find_elements(By.CSS_SELECTOR, "table tbody tr")]
    assert "PostgreSQL" in rows[0].text and "$0.0137" in rows[0].text and "$7.00" in rows[0].text, rows[0].text
    full_shot(ui, "addons-03-created")
