import Testing
import PaaSCore

@Suite("Internal addresses")
struct InternalAddressTests {
    @Test("Loopback, private, link-local, CGNAT, multicast and reserved IPv4 are internal; public ones are not", arguments: [
        ("127.0.0.1", true), ("10.1.2.3", true), ("172.16.0.1", true), ("172.31.255.255", true), ("192.168.1.1", true),
        ("169.254.169.254", true), ("100.64.0.1", true), ("0.0.0.0", true), ("224.0.0.1", true), ("255.255.255.255", true),
        ("198.18.0.1", true), ("192.0.2.10", true),
        ("172.32.0.1", false), ("8.8.8.8", false), ("140.82.112.3", false), ("100.128.0.1", false),
    ])
    func ipv4(address: String, isInternal: Bool) {
        #expect(InternalAddress.contains(address) == isInternal)
    }

    @Test("IPv6 loopback, unique local, link-local and forms embedding an internal IPv4 are internal", arguments: [
        ("::1", true), ("::", true), ("fd00::1", true), ("fe80::1%eth0", true), ("ff02::1", true), ("2001:db8::1", true),
        ("::ffff:127.0.0.1", true), ("::ffff:7f00:1", true), ("64:ff9b::10.0.0.1", true), ("2002:0a00:0001::1", true), ("[::1]", true),
        ("2606:4700::1111", false), ("::ffff:8.8.8.8", false), ("2a00:1450:4001:80b::200e", false),
    ])
    func ipv6(address: String, isInternal: Bool) {
        #expect(InternalAddress.contains(address) == isInternal)
    }

    @Test("Text that is not an address is treated as internal", arguments: ["", "localhost", "1.2.3", "1.2.3.256", "01.2.3.4", "1::2::3", "12345::"])
    func garbage(text: String) {
        #expect(InternalAddress.contains(text))
    }

    @Test("IPv6 text parses to its sixteen bytes")
    func parse() {
        #expect(InternalAddress.ipv6("::ffff:1.2.3.4") == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 1, 2, 3, 4])
        #expect(InternalAddress.ipv6("2001:db8::8:800:200c:417a")?.suffix(6) == [0x08, 0x00, 0x20, 0x0C, 0x41, 0x7A])
        #expect(InternalAddress.ipv6("1:2:3:4:5:6:7:8:9") == nil)
    }
}
