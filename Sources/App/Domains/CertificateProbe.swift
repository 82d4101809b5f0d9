import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import PaaSCore
import X509

/// Reads the certificate the ingress presents for a hostname, by connecting with that name as
/// SNI: what a visitor would get, wherever Traefik keeps its certificates. Nothing is trusted
/// here; the lifecycle only asks whether the certificate names the host and is in date.
struct CertificateProbe: Sendable {
    let group: any EventLoopGroup
    var timeout: TimeAmount = .seconds(5)

    /// nil when nothing answered TLS at the address: the ingress is down or not reachable from here.
    func observe(hostname: String, host: String, port: Int) async -> CertificateObservation? {
        do {
            var configuration = TLSConfiguration.makeClientConfiguration()
            configuration.certificateVerification = .none
            let context = try NIOSSLContext(configuration: configuration)
            let loop = group.next()
            let handshake = loop.makePromise(of: Void.self)
            let channel: any Channel
            do {
                channel = try await ClientBootstrap(group: loop)
                    .connectTimeout(timeout)
                    .channelInitializer { channel in
                        channel.eventLoop.makeCompletedFuture {
                            let tls = try NIOSSLClientHandler(context: context, serverHostname: hostname)
                            try channel.pipeline.syncOperations.addHandlers([tls, TLSHandshakeWaiter(done: handshake)])
                        }
                    }
                    .connect(host: host, port: port).get()
            } catch {
                handshake.fail(error)
                throw error
            }
            let timer = loop.scheduleTask(in: timeout) { handshake.fail(ChannelError.connectTimeout(self.timeout)) }
            defer {
                timer.cancel()
                channel.close(promise: nil)
            }
            try await handshake.futureResult.get()
            guard let peer = try await channel.nioSSL_peerCertificate().get() else { return nil }
            let certificate = try Certificate(derEncoded: try peer.toDERBytes())
            let alternativeNames = try certificate.extensions.subjectAlternativeNames.map(Array.init) ?? []
            let names = alternativeNames.compactMap { name -> String? in
                if case .dnsName(let dns) = name { return dns }
                return nil
            }
            let issuer = certificate.issuer.lazy.flatMap { $0 }.first { $0.type == .RDNAttributeType.commonName }.map { "\($0.value)" }
            return CertificateObservation(coversHostname: CertificateObservation.names(names, cover: hostname),
                                          notBefore: certificate.notValidBefore, notAfter: certificate.notValidAfter, issuer: issuer)
        } catch {
            return nil
        }
    }
}
