/// The hook every app repository gets. Why a hook: git only relays a hook's output to the client
/// (as `remote:` lines, while it happens) and only a pre-receive hook can still refuse the push, so
/// "a failed build rejects the push" needs the build to run while this hook waits.
///
/// The pushed objects are still in git's quarantine here, visible only to this process tree, so the
/// hook itself archives the commit and streams the tar to the control plane on loopback, with the
/// one-time token of this push (`PushSessions`). The control plane answers with the build log, then
/// a last line `@@paas-result ok` when the release is live. Anything else rejects the push.
/// Pushes that do not come through the control plane (no `PAAS_HOOK_URL`) are only stored.
enum PreReceiveHook {
    static let resultMarker = "@@paas-result"
    /// Not `Authorization`: that header is for API tokens, and the push token is not one.
    static let tokenHeader = "X-Paas-Push-Token"

    static let script = #"""
        #!/bin/sh
        # Written by paas on every push; edits are overwritten.
        [ -n "$PAAS_HOOK_URL" ] || exit 0
        deployed=""
        while read -r old new ref; do
          case " $PAAS_DEPLOY_REFS " in *" $ref "*) ;; *) continue ;; esac
          case "$new" in 0000000000000000000000000000000000000000)
            # The first deploy ref is the deploy branch itself; master, its alias, may go.
            if [ "$ref" = "${PAAS_DEPLOY_REFS%% *}" ]; then
              echo "Push rejected: $ref is the app's deploy branch and cannot be deleted; the running release keeps serving." >&2
              exit 1
            fi
            continue ;;
          esac
          [ -z "$deployed" ] || continue
          deployed="$new"
          result=$(git archive --format=tar "$new" | curl -sS -N -T - -X POST \
              -H "X-Paas-Push-Token: $PAAS_PUSH_TOKEN" -H "Content-Type: application/x-tar" \
              "$PAAS_HOOK_URL?sha=$new&ref=$ref" 2>&1 | {
            outcome=failed
            while IFS= read -r line || [ -n "$line" ]; do
              case "$line" in
                "@@paas-result ok") outcome=ok ;;
                "@@paas-result "*) ;;
                *) printf '%s\n' "$line" >&2 ;;
              esac
            done
            echo "$outcome"
          })
          if [ "$result" != ok ]; then
            echo "Push rejected: the build or release of $(echo "$new" | cut -c1-7) failed (see above)." >&2
            exit 1
          fi
        done
        exit 0
        """#
}
