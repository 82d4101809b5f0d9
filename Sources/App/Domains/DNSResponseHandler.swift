import NIOCore

/// Hands the first datagram from the resolver that answers our query id to the waiting lookup;
/// anything else (a late answer to an earlier try, a stranger's packet) is dropped.
final class DNSResponseHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>

    private let id: UInt16
    private let server: SocketAddress
    private let answer: EventLoopPromise<[UInt8]>

    init(id: UInt16, server: SocketAddress, answer: EventLoopPromise<[UInt8]>) {
        self.id = id
        self.server = server
        self.answer = answer
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        guard envelope.remoteAddress == server, envelope.data.readableBytes >= 2,
              let bytes = envelope.data.getBytes(at: envelope.data.readerIndex, length: envelope.data.readableBytes),
              UInt16(bytes[0]) << 8 | UInt16(bytes[1]) == id else { return }
        answer.succeed(bytes)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        answer.fail(error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        answer.fail(ChannelError.alreadyClosed)
        context.fireChannelInactive()
    }
}
