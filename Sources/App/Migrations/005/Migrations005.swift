import Fluent

/// Custom domains and certificates: what the domain checks keep between runs.
enum Migrations005 {
    static let all: [any Migration] = [
        AddDomainCertificateTracking(),
    ]
}
