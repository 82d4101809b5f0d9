/// A location as an admin describes it: a name, a URL-safe slug used in node labels, a country.
public struct LocationTerms: Equatable, Sendable {
    public var name: String
    public var slug: String
    public var country: String
    public var city: String?

    public static func validate(name rawName: String, slug rawSlug: String?, country rawCountry: String, city rawCity: String?) throws(ValidationFailure) -> LocationTerms {
        let name = try TextField.validate(rawName, field: "name", label: "Location name", max: 60)
        let slug = rawSlug.map { $0.trimmingWhitespace().lowercased() }.flatMap { $0.isEmpty ? nil : $0 } ?? Slug.make(from: name, maxLength: 32)
        guard Slug.isValid(slug, maxLength: 32) else {
            throw ValidationFailure(field: "slug", message: "The slug may use lowercase letters, digits and single dashes (at most 32), like \"fra-1\".")
        }
        let country = rawCountry.trimmingWhitespace().uppercased()
        guard country.count == 2, country.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) else {
            throw ValidationFailure(field: "country", message: "Give the country as a two-letter ISO code, like DE or US.")
        }
        var city: String?
        if let rawCity {
            let trimmed = try TextField.validate(rawCity, field: "city", label: "City", min: 0, max: 80)
            city = trimmed.isEmpty ? nil : trimmed
        }
        return LocationTerms(name: name, slug: slug, country: country, city: city)
    }
}
