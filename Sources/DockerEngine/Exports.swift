// The spec types are pure data shared with PaaSCore; users of the client see them as before.
@_exported import DockerModels
