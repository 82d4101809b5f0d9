#!/usr/bin/env bash
# Builds the red-team images from local material only (nothing can be pulled here):
#   paas-redteam/web:1             busybox httpd on $PORT: a tenant app to attack and to attack from
#   paas-redteam/portainer-like:1  probes for a socket/API/host daemon at start, then serves like web
#   paas-redteam/ws:1              a WebSocket echo on $PORT, for the ingress's upgrade passthrough
# All start FROM the local busybox base (scripts/lib/dockerd.sh builds it; this script builds it too
# when it is missing). Cached by tag: an image is rebuilt only when its tag is missing or was built
# from different sources (a content hash of this directory plus the base image id, kept as a label).
#
#   Tests/redteam/images/build.sh          build what is missing or stale
#   REDTEAM_REBUILD=1 .../build.sh         build both regardless
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_DIR="$(cd "$HERE/../../.." && pwd)"
DOCKER_CLI="${DOCKER_CLI:-/usr/bin/docker}"
BASE_IMAGE="${PAAS_BUSYBOX_IMAGE:-paas-test/busybox:1}"
HASH_LABEL="paas.redteam.hash"

say() { printf 'redteam images: %s\n' "$*" >&2; }

if ! "$DOCKER_CLI" image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
    say "base $BASE_IMAGE is missing; building it (scripts/lib/dockerd.sh)"
    # shellcheck source=SCRIPTDIR/../../../scripts/lib/dockerd.sh
    source "$REPO_DIR/scripts/lib/dockerd.sh"
    DOCKER_CLI="$DOCKER_CLI" dockerd_ensure_busybox_image "$BASE_IMAGE"
fi
base_id="$("$DOCKER_CLI" image inspect --format '{{.Id}}' "$BASE_IMAGE")"

# Content hash of every file that goes into the images (paths, modes and bytes), plus the base id.
sources_hash() {
    (
        cd "$HERE"
        printf 'base %s\n' "$base_id"
        find . -type f ! -name '*.pyc' -print0 | LC_ALL=C sort -z |
            while IFS= read -r -d '' f; do
                printf '%s %s %s\n' "$f" "$(stat -c %a "$f")" "$(sha256sum <"$f" | cut -d' ' -f1)"
            done
    ) | sha256sum | cut -d' ' -f1
}

build_one() {
    local tag="$1" dockerfile="$2" hash="$3" have
    have="$("$DOCKER_CLI" image inspect --format "{{index .Config.Labels \"$HASH_LABEL\"}}" "$tag" 2>/dev/null || true)"
    if [[ "$have" == "$hash" && "${REDTEAM_REBUILD:-0}" != 1 ]]; then
        say "$tag is up to date"
        return 0
    fi
    say "building $tag"
    # The classic builder uses the local base image as is; BuildKit may try a registry first.
    DOCKER_BUILDKIT=0 "$DOCKER_CLI" build -q --label "$HASH_LABEL=$hash" -t "$tag" \
        -f "$HERE/$dockerfile" "$HERE" >/dev/null
}

hash="$(sources_hash)"
build_one paas-redteam/web:1 web.Dockerfile "$hash"
build_one paas-redteam/portainer-like:1 portainer-like.Dockerfile "$hash"
build_one paas-redteam/ws:1 ws.Dockerfile "$hash"
