import PaaSCore

extension DNSResolver {
    /// Both lookups a custom domain needs: the TXT proof and where the hostname points.
    func observe(_ expected: DNSExpectation) async -> DNSObservation {
        do {
            async let proof = query(expected.challengeName, .txt)
            async let target = query(expected.hostname, .a)
            let (txt, a) = try await (proof, target)
            for response in [txt, a] where response.rcode != 0 && response.rcode != 3 {
                return DNSObservation(failure: "the resolver answered with error code \(response.rcode)")
            }
            let txtType = DNSMessage.RecordType.txt.rawValue, cname = DNSMessage.RecordType.cname.rawValue, address = DNSMessage.RecordType.a.rawValue
            return DNSObservation(txt: txt.answers.filter { $0.type == txtType }.map(\.value),
                                  aliases: a.answers.filter { $0.type == cname }.map(\.value),
                                  addresses: a.answers.filter { $0.type == address }.map(\.value))
        } catch {
            return DNSObservation(failure: "\(error)")
        }
    }
}
