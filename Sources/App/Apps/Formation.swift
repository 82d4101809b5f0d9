import Foundation

/// How many containers each process type should run, stored as JSON (`{"web": 2}`).
struct Formation: Equatable, Sendable {
    var quantities: [String: Int]

    static let initial = Formation(quantities: ["web": 1])

    init(quantities: [String: Int]) { self.quantities = quantities }

    init(json: String?) {
        quantities = json.flatMap { try? JSONDecoder().decode([String: Int].self, from: Data($0.utf8)) } ?? [:]
    }

    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? String(decoding: encoder.encode(quantities), as: UTF8.self)) ?? "{}"
    }

    func quantity(_ process: String) -> Int { quantities[process] ?? 0 }
    var total: Int { quantities.values.reduce(0, +) }
}
