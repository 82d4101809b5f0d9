#!/bin/sh
# One handler per connection (busybox nc -ll keeps listening and forks for each). WS_START_DELAY
# holds the listener back, so a test can watch a task that runs but is not healthy yet.
PORT="${PORT:-5000}"
sleep "${WS_START_DELAY:-0}"
echo "paas-redteam ws: listening on :$PORT"
exec /bin/busybox nc -ll -p "$PORT" -e /redteam/ws-conn.sh
