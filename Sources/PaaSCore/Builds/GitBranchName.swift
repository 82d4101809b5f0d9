/// A branch name as the platform accepts it from a client: a subset of git's rules small enough to
/// pass through refspecs, URLs and shell-free arguments without quoting.
public enum GitBranchName {
    public static func isValid(_ branch: String) -> Bool {
        guard (1...100).contains(branch.count), !branch.hasPrefix("-"), !branch.hasPrefix("/"), !branch.hasSuffix("/"),
              !branch.contains(".."), !branch.contains("//"), !branch.hasSuffix(".lock"), !branch.hasSuffix(".") else { return false }
        return branch.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "._/-".unicodeScalars.contains($0)
        }
    }

    public static let rule = "Give a plain git branch name, like main or release/1.2."
}
