# shellcheck shell=bash
# What an earlier run that was killed (a session stopped mid-run, kill -9) left behind, removed
# before this run starts its own. Only what only the tests make: namespaces named by
# nodesim.sh and the firewall test with no process left in them, Swarm workers on their
# addresses that are down, and app services whose image only the tests build or whose image
# sits in a loopback registry that no longer runs. Source this file; sourcing has no side effects.
#
#   leftovers_clean   after dockerd_up and registry_up; logs each thing it removes

if [[ -n "${_PAAS_LEFTOVERS_SH:-}" ]]; then return 0; fi
_PAAS_LEFTOVERS_SH=1

leftovers_clean() {
    local ns id removed=0
    for ns in $(ip netns list 2>/dev/null | awk '{print $1}' | grep -E '^paas-(nodesim|fw)-' || true); do
        if [[ -z "$(ip netns pids "$ns" 2>/dev/null)" ]]; then
            ip netns del "$ns" 2>/dev/null && { log "leftover: removed network namespace $ns"; removed=$((removed + 1)); }
        fi
    done
    # Simulated nodes live in 10.239.0.0/16 (nodesim.sh); a worker there that is down is a dead run's.
    for id in $(/usr/bin/docker node ls -q 2>/dev/null); do
        local line
        line="$(/usr/bin/docker node inspect -f '{{.Spec.Role}} {{.Status.State}} {{.Status.Addr}}' "$id" 2>/dev/null || true)"
        if [[ "$line" =~ ^worker\ down\ 10\.239\. ]]; then
            /usr/bin/docker node rm --force "$id" >/dev/null 2>&1 && { log "leftover: removed down Swarm worker $id ($line)"; removed=$((removed + 1)); }
        fi
    done
    local current_port="${PAAS_REGISTRY##*:}"
    while read -r id image; do
        [[ -n "$id" ]] || continue
        local stale=0
        case "$image" in
            paas-redteam/* | paas-test/*) stale=1 ;;
            127.0.0.1:*/*)
                local port="${image#127.0.0.1:}"
                port="${port%%/*}"
                if [[ "$port" != "$current_port" ]] && ! (: </dev/tcp/127.0.0.1/"$port") 2>/dev/null; then stale=1; fi
                ;;
        esac
        if ((stale)); then
            /usr/bin/docker service rm "$id" >/dev/null 2>&1 && { log "leftover: removed service $id ($image)"; removed=$((removed + 1)); }
        fi
    done < <(/usr/bin/docker service ls --filter label=paas.app --format '{{.ID}} {{.Image}}' 2>/dev/null || true)
    if ((removed > 0)); then log "leftover: $removed things of an earlier, interrupted run removed"; fi
}
