/// What DNS must say for a custom domain: the ownership token under `_paas-challenge.`, and the
/// hostname pointing at the app's default hostname (CNAME) or its location's ingress (A).
public struct DNSExpectation: Equatable, Sendable {
    public static let challengePrefix = "_paas-challenge."

    public var hostname: String
    public var token: String
    public var cnameTarget: String
    public var ingressAddresses: [String]

    public init(hostname: String, token: String, cnameTarget: String, ingressAddresses: [String]) {
        self.hostname = hostname
        self.token = token
        self.cnameTarget = cnameTarget
        self.ingressAddresses = ingressAddresses
    }

    public var challengeName: String { Self.challengePrefix + hostname }

    /// A zone apex cannot carry a CNAME, so it is told to use A records instead.
    public var isApex: Bool { hostname.split(separator: ".").count == 2 }

    public var pointingAdvice: String {
        let a = ingressAddresses.isEmpty ? "the ingress address" : ingressAddresses.joined(separator: " and ")
        return isApex ? "an A record to \(a)" : "a CNAME record to \(cnameTarget), or an A record to \(a)"
    }
}
