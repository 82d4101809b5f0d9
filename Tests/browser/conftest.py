"""Fixtures for the page tests: headless Debian Chromium driven by selenium 4.

Run by scripts/test against a `paas serve` it started. By hand:

    PAAS_URL=http://127.0.0.1:8080 PAAS_ADMIN_EMAIL=... PAAS_ADMIN_PASSWORD=... \
        python3 -m pytest -q Tests/browser

Environment:
    PAAS_URL                  base URL of the running control plane (required)
    PAAS_ADMIN_EMAIL/PASSWORD the first admin's credentials (required by the admin steps)
    PAAS_REQUIRE_COMPONENTS=1 fail (instead of skip) when something above or Chromium is missing
    PAAS_BROWSER_ARTIFACTS    where screenshots go (default: Tests/browser/artifacts, git-ignored)
    CHROME_BIN / CHROMEDRIVER default /usr/bin/chromium and /usr/bin/chromedriver
"""

from __future__ import annotations

import json
import os
import re
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest
from selenium import webdriver
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, TimeoutException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

REQUIRED = os.environ.get("PAAS_REQUIRE_COMPONENTS") == "1"
ARTIFACTS = Path(os.environ.get("PAAS_BROWSER_ARTIFACTS") or Path(__file__).resolve().parent / "artifacts")
CHROME_BIN = os.environ.get("CHROME_BIN", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
WAIT_SECONDS = float(os.environ.get("PAAS_BROWSER_WAIT", "15"))

ERROR_CSS = ".flash.flash-error, .field-error"


def missing(reason: str) -> None:
    """A missing component fails the run under scripts/test and skips (saying why) by hand."""
    if REQUIRED:
        pytest.fail(f"required component missing: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture(scope="session")
def base_url() -> str:
    url = os.environ.get("PAAS_URL", "").rstrip("/")
    if not url:
        missing("PAAS_URL is not set (the URL of a running `paas serve`)")
    return url


@pytest.fixture(scope="session")
def admin_credentials() -> tuple[str, str]:
    email = os.environ.get("PAAS_ADMIN_EMAIL", "")
    password = os.environ.get("PAAS_ADMIN_PASSWORD", "")
    if not email or not password:
        missing("PAAS_ADMIN_EMAIL / PAAS_ADMIN_PASSWORD are not set")
    return email, password


@pytest.fixture
def driver(request):
    for path in (CHROME_BIN, CHROMEDRIVER):
        if not os.access(path, os.X_OK):
            missing(f"{path} not found (apt-get install chromium chromium-driver)")
    options = Options()
    options.binary_location = CHROME_BIN
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900"):
        options.add_argument(arg)
    # The system chromedriver: Selenium Manager cannot download anything here.
    drv = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    drv.set_page_load_timeout(30)
    yield drv
    try:
        rep = getattr(request.node, "rep_call", None)
        if rep is not None and rep.failed:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
            drv.save_screenshot(str(ARTIFACTS / f"FAILED-{name}.png"))
            (ARTIFACTS / f"FAILED-{name}.html").write_text(drv.page_source, encoding="utf-8")
    finally:
        drv.quit()


@pytest.fixture
def shot(driver):
    """shot(name) saves a screenshot of the current page to <artifacts>/<name>.png."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def take(name: str) -> Path:
        path = ARTIFACTS / f"{name}.png"
        driver.save_screenshot(str(path))
        return path

    return take


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: D102
        return None


class HTTPResult:
    def __init__(self, status: int, headers, body: bytes):
        self.status = status
        self.headers = headers
        self.body = body

    def json(self):
        return json.loads(self.body.decode("utf-8"))

    def __repr__(self) -> str:
        return f"HTTPResult({self.status}, {self.body[:300]!r})"


class UI:
    """Small helpers over the driver, written against the page contract."""

    def __init__(self, driver, base_url: str, shot):
        self.driver = driver
        self.base_url = base_url
        self.shot = shot

    # navigation and waiting

    def open(self, path: str) -> None:
        self.driver.get(self.base_url + path)

    def path(self) -> str:
        return urlparse(self.driver.current_url).path

    def wait(self, condition, message: str):
        try:
            # A condition may read the page while a form submit replaces it: try again, as for a
            # missing element, until the new page is there or the time is up.
            ignored = (NoSuchElementException, StaleElementReferenceException)
            return WebDriverWait(self.driver, WAIT_SECONDS, ignored_exceptions=ignored).until(condition)
        except TimeoutException:
            raise AssertionError(
                f"{message}; now at {self.driver.current_url}, h1={self.h1()!r}, errors={self.errors()!r}"
            ) from None

    def wait_css(self, css: str):
        return self.wait(lambda d: d.find_element(By.CSS_SELECTOR, css), f"no element {css!r}")

    def wait_any(self, css: str):
        return self.wait(lambda d: d.find_elements(By.CSS_SELECTOR, css), f"no element matching {css!r}")

    def wait_path(self, path: str) -> None:
        self.wait(lambda d: urlparse(d.current_url).path == path, f"expected to land on {path}")

    def wait_errors(self) -> str:
        """Waits for a visible, non-empty error (.flash.flash-error or .field-error); returns its text."""

        def visible_errors(d):
            texts = [e.text.strip() for e in d.find_elements(By.CSS_SELECTOR, ERROR_CSS) if e.is_displayed()]
            return " | ".join(t for t in texts if t)

        return self.wait(visible_errors, "no error message shown")

    # reading

    def h1(self) -> str:
        found = self.driver.find_elements(By.TAG_NAME, "h1")
        return found[0].text.strip() if found else ""

    def body_text(self) -> str:
        return self.driver.find_element(By.TAG_NAME, "body").text

    def errors(self) -> list[str]:
        return [e.text.strip() for e in self.driver.find_elements(By.CSS_SELECTOR, ERROR_CSS)]

    # forms

    def fill(self, form_css: str, **fields: str) -> None:
        form = self.wait_css(form_css)
        for name, value in fields.items():
            field = form.find_element(By.NAME, name)
            field.clear()
            field.send_keys(value)

    def submit(self, form_css: str) -> None:
        self.wait_css(form_css).find_element(By.CSS_SELECTOR, "button[type=submit]").click()

    def login(self, email: str, password: str, expect_path: str, shot_prefix: str) -> None:
        self.open("/login")
        self.wait_css("form#login-form")
        self.shot(f"{shot_prefix}-login-form")
        self.fill("form#login-form", email=email, password=password)
        self.submit("form#login-form")
        self.wait_path(expect_path)
        self.shot(f"{shot_prefix}-logged-in")

    def logout(self, shot_prefix: str) -> None:
        self.submit("form#logout-form")
        self.wait_path("/login")
        self.wait_css("form#login-form")
        self.shot(f"{shot_prefix}-logged-out")

    # plain HTTP beside the browser

    def cookie_header(self) -> str:
        return "; ".join(f"{c['name']}={c['value']}" for c in self.driver.get_cookies())

    def http(self, path: str, *, token: str | None = None, with_cookies: bool = False) -> HTTPResult:
        """GET without following redirects, so the status is the page's own."""
        request = urllib.request.Request(self.base_url + path)
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        if with_cookies:
            request.add_header("Cookie", self.cookie_header())
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            with opener.open(request, timeout=15) as response:
                return HTTPResult(response.status, response.headers, response.read())
        except urllib.error.HTTPError as error:
            return HTTPResult(error.code, error.headers, error.read())


@pytest.fixture
def ui(driver, base_url, shot) -> UI:
    return UI(driver, base_url, shot)
