import Foundation
import NIOCore
import NIOPosix
import PaaSCore

/// Asks one recursive DNS server over UDP, the way a person's own resolver would: the server is
/// configurable (`PAAS_DNS_RESOLVER`, `ip:port`), else the first `nameserver` of
/// /etc/resolv.conf. Domain checks read TXT proofs and where a hostname points through it.
struct DNSResolver: Sendable {
    let server: SocketAddress
    let group: any EventLoopGroup
    var timeout: TimeAmount = .seconds(2)
    var attempts = 2

    enum Failure: Error, CustomStringConvertible {
        case timedOut(String)
        case unusable(String)

        var description: String {
            switch self {
            case .timedOut(let server): "no answer from the resolver \(server)"
            case .unusable(let reason): reason
            }
        }
    }

    static func configured(_ address: String?, group: any EventLoopGroup) throws -> DNSResolver {
        let raw = address ?? systemNameserver() ?? "127.0.0.1"
        var host = raw, port = 53
        if let colon = raw.lastIndex(of: ":"), !raw.hasPrefix("["), let parsed = Int(raw[raw.index(after: colon)...]) {
            host = String(raw[..<colon])
            port = parsed
        }
        return DNSResolver(server: try SocketAddress(ipAddress: host, port: port), group: group)
    }

    static func systemNameserver(_ path: String = "/etc/resolv.conf") -> String? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            if words.count >= 2, words[0] == "nameserver" { return String(words[1]) }
        }
        return nil
    }

    func query(_ name: String, _ type: DNSMessage.RecordType) async throws -> DNSMessage.Response {
        var last: any Error = Failure.timedOut(server.description)
        for _ in 0..<attempts {
            do {
                return try await once(name, type)
            } catch let failure as Failure {
                last = failure
            }
        }
        throw last
    }

    private func once(_ name: String, _ type: DNSMessage.RecordType) async throws -> DNSMessage.Response {
        let id = UInt16.random(in: .min ... .max)
        let loop = group.next()
        let answer = loop.makePromise(of: [UInt8].self)
        let server = self.server
        let channel: any Channel
        do {
            channel = try await DatagramBootstrap(group: loop)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(DNSResponseHandler(id: id, server: server, answer: answer)) }
                }
                .bind(host: server.protocol == .inet6 ? "::" : "0.0.0.0", port: 0).get()
        } catch {
            answer.fail(error)
            throw Failure.unusable("cannot open a socket to the resolver: \(error)")
        }
        let timer = loop.scheduleTask(in: timeout) { answer.fail(Failure.timedOut(server.description)) }
        defer {
            timer.cancel()
            channel.close(promise: nil)
        }
        let query = channel.allocator.buffer(bytes: DNSMessage.query(id: id, name: name, type: type))
        try await channel.writeAndFlush(AddressedEnvelope(remoteAddress: server, data: query))
        let bytes = try await answer.futureResult.get()
        do {
            return try DNSMessage.parse(bytes)
        } catch {
            throw Failure.unusable("the resolver's answer could not be read: \(error.reason)")
        }
    }
}
