/// The Dockerfile that turns a finished CNB build into the app image: the run image, the launch
/// layers and the app directory owned by the builder's user, the lifecycle's launcher as the
/// entrypoint, and one `/cnb/process/<type>` link per process type. Only COPY steps: no tenant code
/// runs while the image is assembled.
public enum CNBExport {
    public struct User: Equatable, Sendable {
        public var uid: Int
        public var gid: Int
        public init(uid: Int, gid: Int) { self.uid = uid; self.gid = gid }

        /// `CNB_USER_ID` and `CNB_GROUP_ID` from the builder image's environment; 1000 when unset,
        /// never root (the lifecycle refuses to build as root).
        public init(environment: [String]) {
            func number(_ key: String) -> Int? {
                environment.first { $0.hasPrefix(key + "=") }.flatMap { Int($0.dropFirst(key.count + 1)) }.flatMap { $0 > 0 ? $0 : nil }
            }
            self.init(uid: number("CNB_USER_ID") ?? 1000, gid: number("CNB_GROUP_ID") ?? 1000)
        }
    }

    public static func dockerfile(runImage: String, user: User, launchLayers: [String], platformAPI: String) -> String {
        let owner = "--chown=\(user.uid):\(user.gid)"
        var lines = ["FROM \(runImage)", "COPY \(owner) layers/config /layers/config"]
        for layer in launchLayers { lines.append("COPY \(owner) \(layer) /\(layer)") }
        lines += [
            "COPY \(owner) workspace /workspace",
            "COPY launcher /cnb/lifecycle/launcher",
            "COPY process /cnb/process",
            "USER \(user.uid):\(user.gid)",
            "WORKDIR /workspace",
            "ENV CNB_APP_DIR=/workspace CNB_LAYERS_DIR=/layers CNB_PLATFORM_API=\(platformAPI)",
            "ENTRYPOINT [\"/cnb/lifecycle/launcher\"]",
        ]
        return lines.joined(separator: "\n") + "\n"
    }
}
