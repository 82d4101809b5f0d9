/// A container image a client asks to deploy as is: `registry:5000/team/app:1.2` or `name@sha256:…`.
public enum ImageReference {
    public static func validate(_ raw: String) throws(ValidationFailure) -> String {
        let image = raw.trimmingWhitespace()
        let rule = ValidationFailure(field: "image", message: "Give an image reference like \"registry.example.com/team/app:1.0\" (letters, digits and . _ - / : @ only).")
        guard (1...255).contains(image.count), !image.hasPrefix("-"), !image.hasPrefix("/"), !image.contains("//"),
              image.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "._-/:@".unicodeScalars.contains($0) })
        else { throw rule }
        return image
    }
}
