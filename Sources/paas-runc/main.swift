#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import PaaSCore

// The build engine's default OCI runtime: confines the spec of a Dockerfile's RUN step (see
// `BuildSandbox`) and then is runc, with the same arguments. Every other container on the engine
// passes through untouched. A build step whose spec cannot be confined does not start.

/// runc's global flags that take a value; the subcommand is the first argument after them.
let valueFlags: Set<String> = ["--root", "--log", "--log-format", "--criu", "--rootless"]

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("paas-runc: \(message)\n".utf8))
    exit(1)
}

func subcommand(_ arguments: [String]) -> (name: String, rest: [String])? {
    var index = 0
    while index < arguments.count {
        let argument = arguments[index]
        if !argument.hasPrefix("-") { return (argument, Array(arguments[(index + 1)...])) }
        index += valueFlags.contains(argument) ? 2 : 1
    }
    return nil
}

func bundle(_ rest: [String]) -> String {
    for (index, argument) in rest.enumerated() {
        if argument == "--bundle" || argument == "-b", index + 1 < rest.count { return rest[index + 1] }
        for prefix in ["--bundle=", "-b="] where argument.hasPrefix(prefix) { return String(argument.dropFirst(prefix.count)) }
    }
    return FileManager.default.currentDirectoryPath
}

func confine(bundle: String) {
    let path = bundle + "/config.json"
    guard let spec = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
    do {
        guard let confined = try BuildSandbox.confine(spec: spec) else { return }
        try confined.write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch let error as BuildSandbox.SpecError {
        fail(error.message)
    } catch {
        fail("cannot write \(path): \(error)")
    }
}

let arguments = Array(CommandLine.arguments.dropFirst())
if let command = subcommand(arguments), command.name == "create" || command.name == "run" {
    confine(bundle: bundle(command.rest))
}
let candidates = ["/usr/sbin/runc", "/usr/bin/runc", "/usr/local/sbin/runc", "/usr/local/bin/runc"]
guard let runc = candidates.first(where: { access($0, X_OK) == 0 }) else { fail("runc is not installed (looked in \(candidates.joined(separator: ", ")))") }
var argv: [UnsafeMutablePointer<CChar>?] = ([runc] + arguments).map { strdup($0) } + [nil]
execv(runc, &argv)
fail("cannot run \(runc): \(String(cString: strerror(errno)))")
