/// What the resolver answered for a custom domain at one check.
public struct DNSObservation: Equatable, Sendable {
    /// The TXT strings at `_paas-challenge.<hostname>`.
    public var txt: [String]
    /// The CNAME chain of the hostname, in order.
    public var aliases: [String]
    /// Its IPv4 addresses, at the end of that chain.
    public var addresses: [String]
    /// The resolver could not be asked or gave no usable answer (timeout, SERVFAIL): nothing can be concluded.
    public var failure: String?

    public init(txt: [String] = [], aliases: [String] = [], addresses: [String] = [], failure: String? = nil) {
        self.txt = txt
        self.aliases = aliases
        self.addresses = addresses
        self.failure = failure
    }

    /// The token is the whole TXT string; spaces around it are forgiven, nothing else is.
    public func proves(_ expected: DNSExpectation) -> Bool {
        txt.contains { $0.trimmingWhitespace() == expected.token }
    }

    public func pointsAt(_ expected: DNSExpectation) -> Bool {
        let target = Self.normalized(expected.cnameTarget)
        return aliases.contains { Self.normalized($0) == target } || !Set(addresses).isDisjoint(with: expected.ingressAddresses)
    }

    private static func normalized(_ name: String) -> String {
        var name = name.lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        return name
    }
}
