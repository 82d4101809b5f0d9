import Foundation

/// Shared coders: Docker needs no key or date strategies because every model
/// spells its keys out and keeps timestamps as strings.
enum DockerJSON {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    static let decoder = JSONDecoder()
}
