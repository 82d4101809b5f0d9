#!/bin/sh
# Entrypoint of paas-redteam/portainer-like:1: probe every way out once, then serve like the web app
# (so the platform sees a healthy web process and the probe output stays in the logs).
/bin/sh /redteam/probe.sh
exec /redteam/web.sh
