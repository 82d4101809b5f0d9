import NIOCore
import NIOPosix
import NIOSSH

/// One password-authenticated SSH connection that runs commands one after another. The password
/// lives in the delegate for the connection's lifetime only.
final class SSHSession: Sendable {
    let channel: any Channel
    let hostKeyFingerprint: String?

    private init(channel: any Channel, hostKeyFingerprint: String?) {
        self.channel = channel
        self.hostKeyFingerprint = hostKeyFingerprint
    }

    static func connect(host: String, port: Int, user: String, password: String, expectedHostKey: String?,
                        group: any EventLoopGroup, timeout: TimeAmount = .seconds(10)) async throws -> SSHSession {
        let auth = OneTimePasswordDelegate(username: user, password: password)
        let pin = HostKeyPin(expected: expectedHostKey)
        let failure = SSHFailureRecorder()
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(timeout)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let ssh = NIOSSHHandler(
                        role: .client(.init(userAuthDelegate: auth, serverAuthDelegate: pin)),
                        allocator: channel.allocator, inboundChildChannelInitializer: nil)
                    try channel.pipeline.syncOperations.addHandlers([ssh, failure])
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: host, port: port).get()
        } catch {
            throw SSHInstallError.unreachable("\(host):\(port) \(SSHInstallError.describeConnectFailure(error))")
        }
        let session = SSHSession(channel: channel, hostKeyFingerprint: nil)
        // A trivial command proves the login before anything is uploaded.
        do {
            _ = try await session.run("true", stdin: nil) { _ in }
        } catch {
            try? await channel.close()
            if case SSHInstallError.hostKeyMismatch = failure.error ?? error { throw failure.error ?? error }
            if auth.wasOffered { throw SSHInstallError.authenticationFailed(user: user) }
            throw SSHInstallError.unreachable("\(host):\(port) does not speak SSH or closed the connection (\(failure.error ?? error))")
        }
        return SSHSession(channel: channel, hostKeyFingerprint: pin.fingerprint)
    }

    /// Runs `command` with `stdin` and returns its exit status; `onLine` gets each output line.
    func run(_ command: String, stdin: String?, onLine: @escaping @Sendable (String) -> Void) async throws -> Int {
        let done = channel.eventLoop.makePromise(of: Int.self)
        let opened = channel.eventLoop.makePromise(of: (any Channel).self)
        // A connection that ends (a refused login, a dropped link) fails whatever still waits;
        // completed promises ignore this.
        channel.closeFuture.whenComplete { _ in
            opened.fail(SSHInstallError.disconnected("the connection closed"))
            done.fail(SSHInstallError.disconnected("the connection closed"))
        }
        channel.eventLoop.execute { [channel] in
            do {
                let ssh = try channel.pipeline.syncOperations.handler(type: NIOSSHHandler.self)
                ssh.createChannel(opened, channelType: .session) { child, _ in
                    child.eventLoop.makeCompletedFuture {
                        try child.pipeline.syncOperations.addHandler(
                            SSHExecHandler(command: command, stdin: stdin, promise: done, onLine: onLine))
                    }
                }
            } catch {
                opened.fail(error)
            }
        }
        do {
            _ = try await opened.futureResult.get()
        } catch {
            done.fail(error)
            throw error
        }
        return try await done.futureResult.get()
    }

    func close() async {
        try? await channel.close()
    }
}

/// Keeps the first connection-level error (a failed host key check, a protocol error) and closes
/// the connection: without it a failed login leaves the connection hanging.
final class SSHFailureRecorder: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = Any
    private(set) var error: (any Error)?

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if self.error == nil { self.error = error }
        context.close(promise: nil)
    }
}
