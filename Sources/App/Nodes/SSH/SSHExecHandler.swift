import NIOCore
import NIOSSH

/// Runs one command on an SSH session channel: sends `stdin` and then end-of-file, hands every
/// complete output line (stdout and stderr alike) to `onLine`, and completes with the exit status.
final class SSHExecHandler: ChannelDuplexHandler {
    typealias InboundIn = SSHChannelData
    typealias OutboundIn = Never
    typealias OutboundOut = SSHChannelData

    private let command: String
    private let stdin: String?
    private let onLine: @Sendable (String) -> Void
    private var promise: EventLoopPromise<Int>?
    private var exitStatus: Int?
    private var pending: [UInt8] = []

    init(command: String, stdin: String?, promise: EventLoopPromise<Int>, onLine: @escaping @Sendable (String) -> Void) {
        self.command = command
        self.stdin = stdin
        self.promise = promise
        self.onLine = onLine
    }

    func handlerAdded(context: ChannelHandlerContext) {
        // The server's end of file must not close our side before the exit status arrives.
        do {
            try context.channel.syncOptions?.setOption(ChannelOptions.allowRemoteHalfClosure, value: true)
        } catch {
            finish(.failure(error))
        }
    }

    func channelActive(context: ChannelHandlerContext) {
        let request = SSHChannelRequestEvent.ExecRequest(command: command, wantReply: true)
        context.triggerUserOutboundEvent(request, promise: nil)
        if let stdin {
            var buffer = context.channel.allocator.buffer(capacity: stdin.utf8.count)
            buffer.writeString(stdin)
            context.write(wrapOutboundOut(SSHChannelData(type: .channel, data: .byteBuffer(buffer))), promise: nil)
        }
        context.flush()
        // End of file on the command's stdin, so `cat` and `sudo -S` stop reading.
        context.close(mode: .output, promise: nil)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let message = unwrapInboundIn(data)
        guard case .byteBuffer(var bytes) = message.data, let chunk = bytes.readBytes(length: bytes.readableBytes) else { return }
        pending.append(contentsOf: chunk)
        while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
            emit(Array(pending[..<newline]))
            pending.removeSubrange(...newline)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        switch event {
        case let status as SSHChannelRequestEvent.ExitStatus:
            exitStatus = status.exitStatus
        case let signal as SSHChannelRequestEvent.ExitSignal:
            onLine("(the command was ended by signal \(signal.signalName))")
            exitStatus = 128
        case is ChannelEvent:
            // The server closed its side: nothing more will arrive on stdout.
            break
        case is ChannelFailureEvent:
            finish(.failure(SSHInstallError.disconnected("the server refused to run the command")))
        default:
            context.fireUserInboundEventTriggered(event)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        if !pending.isEmpty { emit(pending); pending = [] }
        if let exitStatus {
            finish(.success(exitStatus))
        } else {
            finish(.failure(SSHInstallError.disconnected("no exit status arrived")))
        }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        finish(.failure(error))
        context.close(promise: nil)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        finish(.failure(SSHInstallError.disconnected("the session channel closed")))
    }

    private func emit(_ bytes: [UInt8]) {
        var line = String(decoding: bytes, as: UTF8.self)
        if line.hasSuffix("\r") { line.removeLast() }
        onLine(line)
    }

    private func finish(_ result: Result<Int, any Error>) {
        guard let promise else { return }
        self.promise = nil
        promise.completeWith(result)
    }
}
