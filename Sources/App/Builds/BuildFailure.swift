import DockerEngine
import Foundation
import PaaSCore

/// How a build failure reads in git output, on the page and in the API.
enum BuildFailure {
    static func message(_ error: any Error) -> String {
        switch error {
        case let error as AppError: return error.message
        case let error as DockerfileBuilder.Failed: return error.message
        case let error as HerokuBuildpackBuilder.Failed: return error.message
        case let error as CNBBuilder.Failed: return error.message
        case let error as BuildpackFetcher.Failed: return error.message
        case let error as BuildInfrastructureFault: return error.message
        case let error as ValidationFailure: return error.message
        case let error as DockerError: return AppError.from(error).message
        case is CancellationError: return "The build was stopped."
        default: return "The build failed: \(error)"
        }
    }

    static func isInfrastructure(_ error: any Error) -> Bool {
        if error is BuildInfrastructureFault { return true }
        if let docker = error as? DockerError { return docker.isUnreachable }
        return false
    }
}

extension BuildStrategy {
    var displayName: String {
        switch self {
        case .dockerfile: "Dockerfile"
        case .heroku: "Heroku buildpack"
        case .cnb: "Cloud Native Buildpacks"
        }
    }
}
