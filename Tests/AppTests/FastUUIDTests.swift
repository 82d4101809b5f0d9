import Foundation
import Testing
@testable import App

@Suite("Fast UUIDs")
struct FastUUIDTests {
    @Test("Version 4, RFC 4122 variant, and no repeats in 10,000")
    func shape() {
        var generator = FastUUID()
        let ids = (0..<10_000).map { _ in generator.next() } + (0..<100).map { _ in FastUUID.random() }
        #expect(Set(ids).count == ids.count)
        for id in ids.prefix(100) {
            let text = id.uuidString.lowercased()
            #expect(Array(text)[14] == "4")
            #expect("89ab".contains(Array(text)[19]))
            #expect(UUID(uuidString: text) == id)
        }
    }
}
