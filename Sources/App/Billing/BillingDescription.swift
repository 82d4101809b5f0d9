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

    struct Line: Codable {
        var processType: String
        var planId: String
        var containerSeconds: Int64
        var amount: Int64
        var capped: Bool
    }

    static func linesJSON(_ charge: HourlyCharge) -> String {
        let lines = charge.lines.map { Line(processType: $0.line.processType, planId: $0.line.planID, containerSeconds: $0.containerSeconds, amount: $0.amount, capped: $0.capped) }
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = .sortedKeys
        return (try? String(decoding: encoder.encode(lines), as: UTF8.self)) ?? "[]"
    }
}
