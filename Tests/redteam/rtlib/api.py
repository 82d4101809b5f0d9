"""A small JSON client for the platform API, stdlib only (urllib), every call bounded in time."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from . import settings


class ApiError(RuntimeError):
    pass


@dataclass
class Response:
    method: str
    path: str
    status: int
    text: str
    body: Any
    content_type: str

    def brief(self) -> str:
        return f"{self.method} {self.path} → {self.status} {self.text[:300]!r}"


_MAX_BODY = 2 * 1024 * 1024


class Api:
    def __init__(self, base: str, token: str | None = None, timeout: float = settings.HTTP_TIMEOUT):
        self.base = base.rstrip("/")
        self.token = token
        self.timeout = timeout

    def with_token(self, token: str | None) -> "Api":
        return Api(self.base, token, self.timeout)

    def request(self, method: str, path: str, body: Any = None, timeout: float | None = None,
                raw_body: bytes | None = None, retries_on_429: int = 3) -> Response:
        url = self.base + path
        data = raw_body if raw_body is not None else (json.dumps(body).encode() if body is not None else None)
        headers = {"Accept": "application/json"}
        if data is not None:
            headers["Content-Type"] = "application/json"
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        for attempt in range(retries_on_429 + 1):
            req = urllib.request.Request(url, data=data, method=method, headers=headers)
            try:
                with urllib.request.urlopen(req, timeout=timeout or self.timeout) as resp:
                    status, ctype = resp.status, resp.headers.get("Content-Type", "")
                    # A stream (server-sent events) would never end: the status line is the answer.
                    text = "" if "event-stream" in ctype else resp.read(_MAX_BODY).decode(errors="replace")
            except urllib.error.HTTPError as exc:
                status, ctype = exc.code, exc.headers.get("Content-Type", "") if exc.headers else ""
                try:
                    text = exc.read(_MAX_BODY).decode(errors="replace")
                except Exception:  # noqa: BLE001 - a body we cannot read is just empty
                    text = ""
            except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as exc:
                raise ApiError(f"{method} {url}: {exc}") from exc
            if status == 429 and attempt < retries_on_429:
                time.sleep(1.0 + attempt)
                continue
            break
        try:
            parsed = json.loads(text) if text.strip() else None
        except ValueError:
            parsed = None
        return Response(method, path, status, text, parsed, ctype)

    def ok(self, method: str, path: str, body: Any = None, expect: tuple[int, ...] = (200, 201, 204),
           timeout: float | None = None) -> Any:
        resp = self.request(method, path, body, timeout=timeout)
        if resp.status not in expect:
            raise ApiError(f"expected {expect}: {resp.brief()}")
        return resp.body


def items(body: Any) -> list:
    """List endpoints return a JSON array, or an object with the array under "data"."""
    if isinstance(body, list):
        return body
    if isinstance(body, dict):
        for key in ("data", "items", "results"):
            if isinstance(body.get(key), list):
                return body[key]
    return []


def collect_ids(value: Any, keys: tuple[str, ...] = ("id",)) -> list[str]:
    """The "id" fields of the top-level items of a list response."""
    found = []
    for item in items(value):
        if isinstance(item, dict):
            for key in keys:
                v = item.get(key)
                if isinstance(v, (str, int)) and not isinstance(v, bool):
                    found.append(str(v))
    return found


def all_ids(value: Any) -> set[str]:
    """Every value of a key named id or *_id anywhere in a JSON document."""
    out: set[str] = set()

    def walk(v: Any) -> None:
        if isinstance(v, dict):
            for k, x in v.items():
                if (k == "id" or k.endswith("_id")) and isinstance(x, (str, int)) and not isinstance(x, bool):
                    out.add(str(x))
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)

    walk(value)
    return out
