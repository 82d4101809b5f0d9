import Foundation
import PaaSCore

enum Format {
    private static let formatter: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return formatter
    }()

    static func date(_ date: Date?) -> String {
        guard let date else { return "—" }
        return formatter.string(from: date)
    }

    static func money(_ micros: Int64, _ currency: String) -> String {
        Money(micros: micros, currency: currency).formatted
    }

    /// Container-seconds as container-hours with two decimals: "1.25 h".
    static func containerHours(_ seconds: Int64) -> String {
        String(format: "%.2f h", Double(seconds) / 3600)
    }

    /// How long a balance lasts: "3 days 4 h", "5 h", "under an hour".
    static func duration(hours: Int64) -> String {
        if hours <= 0 { return "under an hour" }
        let days = hours / 24, rest = hours % 24
        if days == 0 { return "\(hours) h" }
        return rest == 0 ? "\(days) day\(days == 1 ? "" : "s")" : "\(days) day\(days == 1 ? "" : "s") \(rest) h"
    }

    static func cpu(_ millis: Int64) -> String {
        millis % 1000 == 0 ? "\(millis / 1000) vCPU" : String(format: "%.2g vCPU", Double(millis) / 1000)
    }

    static func memory(_ megabytes: Int64) -> String {
        megabytes >= 1024 && megabytes % 1024 == 0 ? "\(megabytes / 1024) GB" : "\(megabytes) MB"
    }
}
