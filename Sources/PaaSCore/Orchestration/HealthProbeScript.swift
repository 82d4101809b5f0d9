import Foundation

/// What a web task's health check runs with `/bin/sh -c`. Listening is read from the kernel's
/// socket tables rather than by connecting with a tool, so it works in images that have only a
/// shell (no nc, curl or wget), and a process bound to loopback alone, which the ingress can
/// never reach, does not count as listening.
public enum HealthProbeScript {
    public static func tcp(port: Int) -> String {
        let hex = String(format: "%04X", port)
        let loopback4 = "0100007F", loopback6 = "00000000000000000000000001000000"
        return "for f in /proc/net/tcp /proc/net/tcp6; do [ -r \"$f\" ] || continue; "
            + "while read -r _ l _ s _; do [ \"$s\" = 0A ] || continue; "
            + "case \"$l\" in \(loopback4):*|\(loopback6):*) ;; *:\(hex)) exit 0 ;; esac; "
            + "done < \"$f\"; done; exit 1"
    }

    /// The path must answer 2xx or 3xx when curl or wget is there; without either, listening is
    /// all that can be known. No `-T` for wget: Debian's busybox 1.35 wget crashes with it, and the
    /// health check's own timeout stops a probe that hangs.
    public static func http(port: Int, path: String) -> String {
        let url = "http://127.0.0.1:\(port)\(path.hasPrefix("/") ? path : "/" + path)"
        return "if command -v curl >/dev/null 2>&1; then curl -fsS -o /dev/null --max-time 4 '\(url)'; "
            + "elif command -v wget >/dev/null 2>&1; then wget -q -O /dev/null '\(url)'; "
            + "else \(tcp(port: port)); fi"
    }
}
