/// Which pushed refs deploy. The app's deploy branch does; when it is `main`, `master` does too,
/// since many clients still push that name (as on Heroku). Other branches are only stored.
public enum DeployRef {
    public static let zeroSHA = String(repeating: "0", count: 40)

    /// The refs a push to which deploys, as the pre-receive hook is told them.
    public static func refs(deployBranch: String) -> [String] {
        ["refs/heads/\(deployBranch)"] + (deployBranch == "main" ? ["refs/heads/master"] : [])
    }

    public static func deploys(ref: String, deployBranch: String) -> Bool {
        refs(deployBranch: deployBranch).contains(ref)
    }

    /// A 40-hex object name other than the all-zero one git uses for "deleted".
    public static func isCommit(_ sha: String) -> Bool {
        sha.count == 40 && sha != zeroSHA && sha.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) }
    }
}
