import Testing
import PaaSCore

@Suite("Validation")
struct ValidationTests {
    @Test("E-mail addresses are normalized or refused", arguments: [
        ("  Ada@Example.COM ", "ada@example.com"), ("a.b+tag@sub.example.test", "a.b+tag@sub.example.test"),
    ])
    func validEmail(raw: String, expected: String) throws {
        #expect(try EmailAddress.normalize(raw) == expected)
    }

    @Test("Bad e-mail addresses are refused", arguments: ["", "plain", "a@b", "a@@b.com", "a b@c.com", ".a@b.com", "a@-b.com", "a@b..com", "<a>@b.com"])
    func invalidEmail(raw: String) {
        #expect(throws: ValidationFailure.self) { try EmailAddress.normalize(raw) }
    }

    @Test("The password rule", arguments: [
        ("correct-horse-9", true), ("Tr0ub4dor&3x", true), ("short1!", false), ("abcdefghijk", false),
        ("12345678901", false), ("aaaaaaaaaa1", false), (String(repeating: "ab1", count: 25), false),
    ])
    func passwords(password: String, ok: Bool) {
        #expect(((try? PasswordPolicy.validate(password)) != nil) == ok)
    }

    @Test("A password may not contain the e-mail")
    func passwordWithEmail() {
        #expect(throws: ValidationFailure.self) { try PasswordPolicy.validate("me@example.com1", email: "me@example.com") }
    }

    @Test("Text fields are trimmed and bounded")
    func textFields() throws {
        #expect(try TextField.validate("  Acme  ", field: "n", label: "Name") == "Acme")
        #expect(throws: ValidationFailure.self) { try TextField.validate("   ", field: "n", label: "Name") }
        #expect(throws: ValidationFailure.self) { try TextField.validate("a\u{0}b", field: "n", label: "Name") }
        #expect(throws: ValidationFailure.self) { try TextField.validate(String(repeating: "x", count: 101), field: "n", label: "Name") }
    }

    @Test("Slugs", arguments: [("Acme Corp", "acme-corp"), ("  Über--Cool!! ", "ber-cool"), ("123", "123"), ("!!!", "")])
    func slugs(name: String, slug: String) {
        #expect(Slug.make(from: name) == slug)
    }
}

@Suite("Money")
struct MoneyTests {
    @Test("Formatting keeps sub-cent precision only where needed", arguments: [
        (Int64(0), "$0.00"), (1_230_000, "$1.23"), (6_849, "$0.006849"), (-5_000_000, "-$5.00"), (100_000_000, "$100.00"),
    ])
    func formatting(micros: Int64, text: String) {
        #expect(Money(micros: micros, currency: "USD").formatted == text)
    }

    @Test("Unknown currencies are written after the amount")
    func otherCurrency() {
        #expect(Money(micros: 1_500_000, currency: "CHF").formatted == "1.50 CHF")
    }

    @Test("Parsing typed amounts", arguments: [("12", Int64(12_000_000)), ("0.5", 500_000), ("0.006849", 6_849), ("1.2345678", nil), ("-1", nil), ("abc", nil), ("", nil)])
    func parsing(text: String, micros: Int64?) {
        #expect(Money.parse(text) == micros)
    }
}
