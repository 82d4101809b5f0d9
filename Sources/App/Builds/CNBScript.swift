/// The script a Cloud Native Buildpacks build container runs, as the builder image's own user:
/// the lifecycle's detector and builder phases only. Analysis, restoring and export need the
/// registry, so the platform does them outside this container (the cache is put back before it
/// starts; the image is assembled from `/layers` after it ends). Exit 10 means no buildpack group
/// of the builder recognised the app.
enum CNBScript {
    static let text = #"""
        #!/bin/sh
        set -u
        cd /workspace
        # What the previous build decided is decided again; its layers stay for the buildpacks to reuse.
        rm -rf /layers/group.toml /layers/plan.toml /layers/config
        echo "-----> Detecting buildpacks"
        /cnb/lifecycle/detector -app /workspace -layers /layers -platform /platform
        code=$?
        case "$code" in
          0) ;;
          20|21) echo " !     No buildpack group of the builder recognised this app."; exit 10 ;;
          *) echo " !     The lifecycle's detector failed (exit $code)."; exit 11 ;;
        esac
        echo "-----> Building"
        /cnb/lifecycle/builder -app /workspace -layers /layers -platform /platform || {
          code=$?; echo " !     The buildpacks failed to build this app (exit $code)."; exit 12; }
        exit 0
        """#

    /// What the detector reads in place of the analyzer's output: the run image and its OS, so
    /// buildpacks that declare targets are matched.
    static func analyzed(runImage: String) -> String {
        "[run-image]\n  image = \"\(runImage)\"\n\n[run-image.target]\n  os = \"linux\"\n"
    }
}
