import Foundation
import PaaSCore

/// How a charge reads on a statement: "shop: web 2 × 60 min, worker 1 × 15 min (cap reached)".
enum BillingDescription {
    static func item(_ name: String, _ charge: HourlyCharge) -> String {
        let parts = charge.lines.map { line -> String in
            let minutes = (Double(line.containerSeconds) / 60).rounded(.up)
            return "\(line.line.processType) \(Int(minutes)) container-min\(line.capped ? " (monthly cap reached)" : "")"
        }
        return "\(name): \(parts.joined(separator: ", "))"
    }

    /// The itemized lines as JSON, written by hand: the hourly run makes one per app and hour, and
    /// Foundation's encoder was most of its time. Process types and plan ids are plain ASCII by
    /// validation; they are escaped anyway.
    static func linesJSON(_ charge: HourlyCharge) -> String {
        let items = charge.lines.map { line in
            "{\"amount\":\(line.amount),\"capped\":\(line.capped),\"container_seconds\":\(line.containerSeconds),"
                + "\"plan_id\":\(quoted(line.line.planID)),\"process_type\":\(quoted(line.line.processType))}"
        }
        return "[" + items.joined(separator: ",") + "]"
    }

    static func quoted(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C }) { return "\"\(text)\"" }
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20: out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
