#!/bin/sh
# The red-team target app: busybox httpd in the foreground on $PORT, serving /www (read-only is fine).
PORT="${PORT:-5000}"
echo "paas-redteam web: listening on :$PORT"
exec httpd -f -p "$PORT" -h /www
