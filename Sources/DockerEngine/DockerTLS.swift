import NIOSSL

/// TLS material for a TCP engine endpoint. Nodes are reached with mutual TLS:
/// the control plane's client certificate, checked against the platform CA.
/// PEM text is accepted as well as paths because node keys live sealed in the
/// database, not on disk.
public struct DockerTLS: Sendable, Equatable {
    public enum Material: Sendable, Equatable {
        case file(String)
        case pem(String)
    }

    /// `nil` trusts the system roots.
    public var caCertificate: Material?
    public var clientCertificate: Material?
    public var clientKey: Material?
    /// Off only for endpoints addressed by a name missing from their certificate.
    public var verifyHostname: Bool

    public init(
        caCertificate: Material? = nil,
        clientCertificate: Material? = nil,
        clientKey: Material? = nil,
        verifyHostname: Bool = true
    ) {
        self.caCertificate = caCertificate
        self.clientCertificate = clientCertificate
        self.clientKey = clientKey
        self.verifyHostname = verifyHostname
    }

    /// The docker CLI's layout: `ca.pem`, `cert.pem`, `key.pem` in one directory.
    public static func directory(_ path: String) -> DockerTLS {
        DockerTLS(
            caCertificate: .file(path + "/ca.pem"),
            clientCertificate: .file(path + "/cert.pem"),
            clientKey: .file(path + "/key.pem")
        )
    }

    func makeConfiguration() throws -> TLSConfiguration {
        var config = TLSConfiguration.makeClientConfiguration()
        config.certificateVerification = verifyHostname ? .fullVerification : .noHostnameVerification
        do {
            if let ca = caCertificate {
                config.trustRoots = .certificates(try Self.certificates(ca))
            }
            switch (clientCertificate, clientKey) {
            case (nil, nil):
                break
            case (let cert?, let key?):
                config.certificateChain = try Self.certificates(cert).map { .certificate($0) }
                config.privateKey = .privateKey(try Self.privateKey(key))
            default:
                throw DockerError.invalidConfiguration("a client certificate needs its key, and a key its certificate")
            }
        } catch let error as DockerError {
            throw error
        } catch {
            throw DockerError.invalidConfiguration("cannot load TLS material: \(error)")
        }
        return config
    }

    private static func certificates(_ material: Material) throws -> [NIOSSLCertificate] {
        let certs: [NIOSSLCertificate]
        switch material {
        case .file(let path): certs = try NIOSSLCertificate.fromPEMFile(path)
        case .pem(let text): certs = try NIOSSLCertificate.fromPEMBytes(Array(text.utf8))
        }
        guard !certs.isEmpty else { throw DockerError.invalidConfiguration("no PEM certificate found") }
        return certs
    }

    private static func privateKey(_ material: Material) throws -> NIOSSLPrivateKey {
        switch material {
        case .file(let path): return try NIOSSLPrivateKey(file: path, format: .pem)
        case .pem(let text): return try NIOSSLPrivateKey(bytes: Array(text.utf8), format: .pem)
        }
    }
}
