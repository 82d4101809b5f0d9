#!/bin/sh
# One connection: an HTTP/1.1 WebSocket upgrade gets 101 with the Sec-WebSocket-Accept of RFC 6455
# and then every byte it sends comes back unchanged; anything else gets a plain 200.
key="" upgrade=""
while IFS= read -r line; do
    line="$(printf '%s' "$line" | tr -d '\r')"
    [ -z "$line" ] && break
    case "$line" in
        [Ss]ec-[Ww]eb[Ss]ocket-[Kk]ey:*) key="$(printf '%s' "${line#*:}" | tr -d ' ')" ;;
        [Uu]pgrade:*) upgrade="$(printf '%s' "${line#*:}" | tr -d ' ' | tr 'A-Z' 'a-z')" ;;
    esac
done
if [ "$upgrade" = websocket ] && [ -n "$key" ]; then
    digest="$(printf '%s258EAFA5-E914-47DA-95CA-C5AB0DC85B11' "$key" | sha1sum | cut -d' ' -f1)"
    accept="$(printf "$(printf '%s' "$digest" | sed 's/../\\x&/g')" | base64)"
    printf 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: %s\r\n\r\n' "$accept"
    exec cat
fi
printf 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 6\r\nConnection: close\r\n\r\nws ok\n'
