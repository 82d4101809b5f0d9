import Fluent

/// Custom domains keep proving ownership after they are verified.
enum Migrations007 {
    static let all: [any Migration] = [
        AddDomainProofTracking(),
    ]
}
