import Fluent
import PaaSCore
import Vapor

/// `paas admin:create --email a@b.c [--password …] [--name …]`: makes a platform administrator,
/// or promotes an existing user. Without --password a strong one is generated and printed.
struct AdminCreateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "email", help: "The administrator's e-mail address.")
        var email: String?
        @Option(name: "password", help: "A password; generated and printed when omitted.")
        var password: String?
        @Option(name: "name", help: "The administrator's name.")
        var name: String?
    }

    var help: String { "Creates a platform administrator, or promotes an existing user." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let email = signature.email else {
            context.console.error("Give the e-mail address with --email.")
            throw AppError.invalid("email", "--email is required.")
        }
        let password = signature.password ?? (SecureToken.random(bytes: 15) + "9")
        try await FirstAdmin.create(context.application, email: email, password: password, name: signature.name ?? "Platform administrator")
        context.console.print("Administrator ready: \(email.lowercased())")
        if signature.password == nil { context.console.print("Password (shown once): \(password)") }
    }
}
