"""Reads the platform's /api/openapi.yaml: which operations exist, their path parameters, and an
example request body for each (so a request is refused for the right reason, not for a bad body).
PyYAML when it is installed; otherwise a small line parser that finds paths and methods only."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

METHODS = ("get", "put", "post", "patch", "delete")
PARAM_RE = re.compile(r"\{([^}/]+)\}")


@dataclass
class Operation:
    method: str  # upper case
    path: str  # template, e.g. /api/paas/apps/{id}/deploy
    op: dict

    @property
    def params(self) -> list[str]:
        return PARAM_RE.findall(self.path)

    def __str__(self) -> str:
        return f"{self.method} {self.path}"


def parse(text: str) -> dict:
    try:
        import yaml  # type: ignore[import-untyped]
    except ImportError:
        return _parse_paths_only(text)
    doc = yaml.safe_load(text)
    if not isinstance(doc, dict) or not isinstance(doc.get("paths"), dict):
        raise ValueError("openapi document has no paths")
    return doc


def _parse_paths_only(text: str) -> dict:
    """Fallback: `  /path:` lines under `paths:` and the `    method:` lines below each."""
    paths: dict[str, dict] = {}
    in_paths = False
    current: str | None = None
    for line in text.splitlines():
        if re.match(r"^paths:\s*$", line):
            in_paths = True
            continue
        if in_paths and re.match(r"^\S", line):
            break
        if not in_paths:
            continue
        m = re.match(r"^  (/\S*):\s*$", line) or re.match(r"^  [\"'](/[^\"']*)[\"']:\s*$", line)
        if m:
            current = m.group(1)
            paths[current] = {}
            continue
        m = re.match(r"^    (get|put|post|patch|delete):", line)
        if m and current:
            paths[current][m.group(1)] = {}
    return {"paths": paths, "components": {}}


def operations(spec: dict) -> list[Operation]:
    ops = []
    for path, item in (spec.get("paths") or {}).items():
        if not isinstance(item, dict):
            continue
        for method in METHODS:
            if method in item and isinstance(item[method], dict):
                ops.append(Operation(method.upper(), path, item[method]))
            elif method in item:
                ops.append(Operation(method.upper(), path, {}))
    return ops


def resolve(spec: dict, node: Any) -> Any:
    seen = 0
    while isinstance(node, dict) and "$ref" in node and seen < 20:
        ref = node["$ref"]
        if not isinstance(ref, str) or not ref.startswith("#/"):
            return {}
        cur: Any = spec
        for part in ref[2:].split("/"):
            cur = cur.get(part, {}) if isinstance(cur, dict) else {}
        node = cur
        seen += 1
    return node


def request_schema(spec: dict, op: Operation) -> dict | None:
    body = resolve(spec, op.op.get("requestBody") or {})
    content = body.get("content") if isinstance(body, dict) else None
    if not isinstance(content, dict):
        return None
    media = content.get("application/json") or next(iter(content.values()), None)
    if not isinstance(media, dict):
        return None
    if "example" in media:
        return {"example": media["example"]}
    return resolve(spec, media.get("schema") or {})


def example(spec: dict, schema: Any, hints: dict[str, Any], name: str = "", depth: int = 0) -> Any:
    """A plausible value for schema; hints (by property name) win over everything else."""
    schema = resolve(spec, schema)
    if name in hints:
        return hints[name]
    safe = _safe_value(name)
    if safe is not None:
        return safe
    if not isinstance(schema, dict) or depth > 6:
        return "paas-redteam"
    if "example" in schema:
        return schema["example"]
    if isinstance(schema.get("examples"), list) and schema["examples"]:
        return schema["examples"][0]
    if "enum" in schema and schema["enum"]:
        return schema["enum"][0]
    for combo in ("oneOf", "anyOf", "allOf"):
        if isinstance(schema.get(combo), list) and schema[combo]:
            if combo == "allOf":
                merged: dict[str, Any] = {}
                for part in schema["allOf"]:
                    value = example(spec, part, hints, name, depth + 1)
                    if isinstance(value, dict):
                        merged.update(value)
                return merged
            return example(spec, schema[combo][0], hints, name, depth + 1)
    typ = schema.get("type")
    if isinstance(typ, list):
        typ = next((t for t in typ if t != "null"), "string")
    if typ == "object" or "properties" in schema or "additionalProperties" in schema:
        props = schema.get("properties") or {}
        required = schema.get("required") or list(props)
        out = {key: example(spec, props.get(key, {}), hints, key, depth + 1) for key in required if key in props}
        extra = schema.get("additionalProperties")
        if not props and isinstance(extra, dict):
            key = hints.get("__additional_key__", "web")
            out[key] = example(spec, extra, hints, key, depth + 1)
        return out
    if typ == "array":
        return [example(spec, schema.get("items") or {}, hints, name, depth + 1)]
    if typ == "integer":
        return int(schema.get("minimum", 1))
    if typ == "number":
        return float(schema.get("minimum", 1))
    if typ == "boolean":
        return False
    fmt = schema.get("format")
    if fmt == "email":
        return "redteam@example.test"
    if fmt == "uuid":
        return "00000000-0000-4000-8000-000000000000"
    return "paas-redteam"


# Fields that could make the server contact something (an SSH host, a webhook URL, a mail address)
# get values on this machine that nothing answers, never an example address from the document: a
# request that should have been refused must not send traffic anywhere if it is not.
_SAFE = [
    (re.compile(r"(^|_)(url|uri|endpoint|webhook|callback)s?$", re.I), "http://127.0.0.1:9/"),
    (re.compile(r"(^|_)(ip|ipv4|ipv6|ip_address|host|hostname_or_ip|address|addr|server)$", re.I), "127.0.0.1"),
    (re.compile(r"(^|_)port$", re.I), 9),
    (re.compile(r"(^|_)e?mail$", re.I), "redteam@example.test"),
    (re.compile(r"(^|_)(password|secret|private_key|ssh_key)$", re.I), "paas-redteam-Not-a-Secret-1"),
]


def _safe_value(name: str) -> Any:
    for pattern, value in _SAFE:
        if name and pattern.search(name):
            return value
    return None


def example_body(spec: dict, op: Operation, hints: dict[str, Any]) -> Any:
    schema = request_schema(spec, op)
    if schema is None:
        return {} if op.method in ("POST", "PATCH", "PUT") else None
    if "example" in schema and len(schema) == 1:
        return schema["example"]
    return example(spec, schema, hints)
