import Fluent

/// Webhooks learn where to fetch from and on whose behalf they deploy.
enum Migrations008 {
    static let all: [any Migration] = [
        AddWebhookSource(),
    ]
}
