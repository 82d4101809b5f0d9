import Foundation

/// Random (version 4) UUIDs for rows written in bulk. Foundation's `UUID()` opens /dev/urandom
/// for every id on Linux, and even the system generator costs a syscall per 8 bytes; an hourly
/// billing run makes one id per record. A xoshiro256** stream seeded from the system generator
/// gives ids as unpredictable to anyone outside the process, at memory speed.
struct FastUUID {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    init() {
        var system = SystemRandomNumberGenerator()
        state = (system.next(), system.next(), system.next(), system.next() | 1)
    }

    static func random() -> UUID {
        var generator = FastUUID()
        return generator.next()
    }

    mutating func next() -> UUID {
        var high = nextWord()
        var low = nextWord()
        high = (high & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000   // version 4
        low = (low & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000     // RFC 4122 variant
        return withUnsafeBytes(of: (high.bigEndian, low.bigEndian)) { $0.load(as: UUID.self) }
    }

    private mutating func nextWord() -> UInt64 {
        let result = rotate(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotate(state.3, 45)
        return result
    }

    private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
