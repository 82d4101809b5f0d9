import DockerEngine
import Foundation

/// The container request for a location's Traefik.
enum IngressSpec {
    /// Bumped when the flags below change, so running ingresses are recreated.
    static let version = "1"

    /// Where the ACME CA certificate (pebble's, in tests) is read inside the container.
    static let caCertificatePath = "/etc/paas/acme-ca.pem"

    /// `dataSource` is a host directory or a volume name, mounted at /data for acme.json. With
    /// `bindCA` the CA certificate is mounted from this host; otherwise the caller copies it in
    /// before the container starts (an ingress node does not have this host's files).
    static func request(config: IngressConfig, slug: String, internalURL: String, token: String, dataSource: String,
                        bindCA: Bool = true, labels: [String: String]) -> ContainerCreateRequest {
        var flags = [
            "--global.checkNewVersion=false", "--global.sendAnonymousUsage=false", "--log.level=INFO",
            "--entrypoints.web.address=:80", "--entrypoints.websecure.address=:443",
            "--providers.http.endpoint=\(internalURL)/internal/traefik/\(slug)",
            "--providers.http.pollInterval=1s", "--providers.http.pollTimeout=5s",
            "--providers.http.headers.\(IngressToken.header)=\(token)",
            "--providers.providersThrottleDuration=100ms",
            "--certificatesresolvers.le.acme.email=\(config.acmeEmail)",
            "--certificatesresolvers.le.acme.storage=/data/acme.json",
            "--certificatesresolvers.le.acme.caserver=\(config.acmeCAServer)",
            "--certificatesresolvers.le.acme.httpchallenge.entrypoint=web",
        ]
        var binds = ["\(dataSource):/data"]
        var env: [String] = []
        if let ca = config.acmeCACertificate {
            if bindCA { binds.append("\(ca):\(caCertificatePath):ro") }
            env.append("LEGO_CA_CERTIFICATES=\(caCertificatePath)")
        }
        flags.sort()
        let publish: [String: [HostConfig.PortBinding]] = [
            "80/tcp": [.init(hostIP: config.bindAddress, hostPort: String(config.httpPort))],
            "443/tcp": [.init(hostIP: config.bindAddress, hostPort: String(config.httpsPort))],
        ]
        return ContainerCreateRequest(
            image: config.image, cmd: flags, env: env.isEmpty ? nil : env, labels: labels,
            hostConfig: HostConfig(networkMode: "bridge", binds: binds, portBindings: publish, restartPolicy: .init(name: "always")),
            exposedPorts: ["80/tcp": .init(), "443/tcp": .init()])
    }
}
