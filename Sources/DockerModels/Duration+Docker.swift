extension Duration {
    /// Docker specs count time in integer nanoseconds.
    public var dockerNanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
