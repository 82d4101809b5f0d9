/// Which pushed refs deploy. The app's deploy branch does; when it is `main`, `master` does too,
/// since many clients still push that name (as on Heroku). Other branches are only stored.
public enum DeployRef {
    public static let zeroSHA = String(repeating: "0", count: 40)

    public static func deploys(ref: String, deployBranch: String) -> Bool {
        guard ref.hasPrefix("refs/heads/") else { return false }
        let branch = String(ref.dropFirst("refs/heads/".count))
        return branch == deployBranch || (deployBranch == "main" && branch == "master")
    }

    /// A 40-hex object name other than the all-zero one git uses for "deleted".
    public static func isCommit(_ sha: String) -> Bool {
        sha.count == 40 && sha != zeroSHA && sha.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) }
    }
}
