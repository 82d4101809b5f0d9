import Foundation
import PaaSCore

/// A webhook's settings as checked before anything is stored.
struct WebhookSource {
    let provider: WebhookProvider
    let cloneURL: String?
    let repository: String?
    let branch: String?

    static func validate(_ input: WebhookService.CreateInput) throws -> WebhookSource {
        guard let provider = WebhookProvider(rawValue: input.provider.trimmingCharacters(in: .whitespaces).lowercased()) else {
            throw AppError.invalid("provider", "Choose github, gitlab or generic.")
        }
        let url = input.repositoryUrl?.trimmingCharacters(in: .whitespaces).nilIfEmpty
        if let url {
            // Like buildpack URLs: https or http only, and the host is checked for internal addresses on every fetch.
            guard url.hasPrefix("https://") || url.hasPrefix("http://"), url.count <= 500, !url.contains(where: \.isWhitespace),
                  !url.contains("#"), URLComponents(string: url)?.host.map({ !$0.isEmpty }) == true else {
                throw AppError.invalid("repository_url", "The repository URL must be an https:// git clone URL, like https://github.com/you/app.git.")
            }
        } else if provider != .generic {
            throw AppError.invalid("repository_url", "\(provider.displayName) webhooks need the repository's https:// clone URL to fetch pushed commits from.")
        }
        let repository = input.repository?.trimmingCharacters(in: .whitespaces).nilIfEmpty
        if let repository {
            let allowed = repository.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._/-".unicodeScalars.contains($0)) }
            guard provider != .generic, repository.contains("/"), repository.count <= 200, allowed, !repository.hasPrefix("/"), !repository.hasSuffix("/") else {
                throw AppError.invalid("repository", "Give the repository as owner/name, as GitHub or GitLab shows it, or leave it empty.")
            }
        }
        let branch = input.branch?.trimmingCharacters(in: .whitespaces).nilIfEmpty
        if let branch, !GitBranchName.isValid(branch) { throw AppError.invalid("branch", GitBranchName.rule) }
        return WebhookSource(provider: provider, cloneURL: url, repository: repository, branch: branch)
    }
}
