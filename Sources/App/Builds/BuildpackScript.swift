/// The script a Heroku buildpack build container runs (buildpack API v2): `bin/detect BUILD_DIR`
/// picks the first platform buildpack that accepts the app, or every buildpack the app lists runs
/// in order; then `bin/compile BUILD_DIR CACHE_DIR ENV_DIR` and `bin/release BUILD_DIR`.
/// Exit 10 means no buildpack recognised the app. It finishes by writing the launcher profile
/// every process sources (`.profile.d`, HOME and the working directory, as on Heroku).
enum BuildpackScript {
    static let nothingDetected: Int = 10

    static let text = #"""
        #!/bin/sh
        set -u
        export HOME=/app STACK="${STACK:-paas}"
        cd /app
        selected=""
        if [ "$(cat /paas/explicit)" = 1 ]; then
          selected="$(cat /paas/order)"
        else
          for bp in $(cat /paas/order); do
            if name=$(/buildpacks/$bp/bin/detect /app 2>/dev/null); then
              echo "-----> ${name:-$bp} app detected"
              selected="$bp"
              break
            fi
          done
          [ -n "$selected" ] || { echo " !     No buildpack recognised this app."; exit 10; }
        fi
        : > /paas/release.yml
        for bp in $selected; do
          echo "-----> Running buildpack $bp"
          /buildpacks/$bp/bin/compile /app /cache /env 2>&1 || { code=$?; echo " !     Buildpack $bp failed to compile this app (exit $code)."; exit 11; }
          if [ -x /buildpacks/$bp/bin/release ]; then
            /buildpacks/$bp/bin/release /app > /paas/release.yml || { echo " !     bin/release of $bp failed."; exit 12; }
          fi
        done
        {
          echo 'export HOME=/app'
          echo 'cd /app'
          echo 'for f in /app/.profile.d/*.sh; do [ -r "$f" ] && . "$f"; done'
        } > /app/.paas-profile
        exit 0
        """#

    /// What every process of a buildpack-built release runs before its Procfile command.
    static func launch(_ command: String) -> String { ". /app/.paas-profile; \(command)" }
}
