/// URL-safe identifiers made from names: lowercase letters, digits and single dashes.
public enum Slug {
    public static func make(from name: String, maxLength: Int = 40) -> String {
        var result = ""
        var lastWasDash = false
        for scalar in name.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                result.unicodeScalars.append(scalar)
                lastWasDash = false
            } else if !lastWasDash && !result.isEmpty {
                result.append("-")
                lastWasDash = true
            }
            if result.count >= maxLength { break }
        }
        while result.hasSuffix("-") { result.removeLast() }
        return result
    }

    public static func isValid(_ value: String, maxLength: Int = 40) -> Bool {
        guard !value.isEmpty, value.count <= maxLength, !value.hasPrefix("-"), !value.hasSuffix("-"),
              !value.contains("--") else { return false }
        return value.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}
