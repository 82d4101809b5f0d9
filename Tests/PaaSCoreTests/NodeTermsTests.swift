import Foundation
import Testing
import PaaSCore

@Suite("Node terms, tickets and lifecycle")
struct NodeTermsTests {
    @Test("A node form is normalised; defaults are port 22, root and the worker role")
    func valid() throws {
        let terms = try NodeTerms.validate(name: " fra-2 ", ipv4: "203.0.113.9", sshPort: nil, sshUser: nil, roles: ["ingress", "worker"])
        #expect(terms.name == "fra-2" && terms.ipv4 == "203.0.113.9" && terms.sshPort == 22 && terms.sshUser == "root")
        #expect(terms.roles == ["worker", "ingress"])
    }

    @Test("Bad input names its field", arguments: [
        ("", "1.2.3.4", 22, "root", ["worker"], "name"),
        ("n", "1.2.3", 22, "root", ["worker"], "ipv4"),
        ("n", "256.1.1.1", 22, "root", ["worker"], "ipv4"),
        ("n", "01.2.3.4", 22, "root", ["worker"], "ipv4"),
        ("n", "1.2.3.4", 0, "root", ["worker"], "ssh_port"),
        ("n", "1.2.3.4", 22, "root; rm", ["worker"], "ssh_user"),
        ("n", "1.2.3.4", 22, "root", ["manager"], "roles"),
        ("n", "1.2.3.4", 22, "root", [], "roles"),
    ])
    func invalid(name: String, ipv4: String, port: Int, user: String, roles: [String], field: String) {
        #expect(throws: ValidationFailure.self) { try NodeTerms.validate(name: name, ipv4: ipv4, sshPort: port, sshUser: user, roles: roles) }
        do {
            _ = try NodeTerms.validate(name: name, ipv4: ipv4, sshPort: port, sshUser: user, roles: roles)
        } catch {
            #expect(error.field == field)
        }
    }

    @Test("A password on several lines is refused; an empty one means no automatic install")
    func password() throws {
        #expect(try NodeTerms.validatePassword(nil) == nil)
        #expect(try NodeTerms.validatePassword("") == nil)
        #expect(try NodeTerms.validatePassword("s3cret pass") == "s3cret pass")
        #expect(throws: ValidationFailure.self) { try NodeTerms.validatePassword("a\nb") }
    }

    @Test("Tickets: unknown without an expiry, used wins over expired, open until the expiry")
    func tickets() {
        let now = Date(timeIntervalSince1970: 1_000_000)
        #expect(NodeTicket.check(expiresAt: nil, usedAt: nil, now: now) == .unknown)
        #expect(NodeTicket.check(expiresAt: now.addingTimeInterval(-1), usedAt: now, now: now) == .used)
        #expect(NodeTicket.check(expiresAt: now, usedAt: nil, now: now) == .expired)
        #expect(NodeTicket.check(expiresAt: now.addingTimeInterval(1), usedAt: nil, now: now) == nil)
        #expect(NodeTicket.Refusal.expired.message.contains("expired"))
    }

    @Test("Removal needs force while tasks run; drain progress counts moved tasks")
    func lifecycle() {
        #expect(NodeLifecycle.removalRefusal(status: "ready", runningTasks: 2, force: false)?.contains("2 tasks") == true)
        #expect(NodeLifecycle.removalRefusal(status: "ready", runningTasks: 2, force: true) == nil)
        #expect(NodeLifecycle.removalRefusal(status: "drained", runningTasks: 0, force: false) == nil)
        #expect(NodeLifecycle.removalRefusal(status: "removed", runningTasks: 0, force: true) != nil)
        #expect(NodeLifecycle.drainProgress(startTasks: 4, remaining: 1) == 75)
        #expect(NodeLifecycle.drainProgress(startTasks: 0, remaining: 0) == 100)
        #expect(NodeLifecycle.canInstall("pending") && !NodeLifecycle.canInstall("ready"))
        #expect(NodeLifecycle.canDrain("ready") && !NodeLifecycle.canDrain("pending"))
    }
}
