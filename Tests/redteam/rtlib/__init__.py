"""Support code for the tenant-isolation red-team suite (Tests/redteam).

Modules:
    settings  environment knobs, read once
    dock      the docker CLI (exec, inspect, logs, cleanup) and host facts (routes, bridge addresses)
    probes    the probes run inside containers and how their output is judged
    api       a tiny JSON client for the platform API (stdlib urllib only)
    openapi   reading /api/openapi.yaml: operations, path parameters, example bodies
    ledger    every attack attempt and control, for the end-of-session summary line
"""
