// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "paas",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "paas", targets: ["paas"]),
        .executable(name: "paas-runc", targets: ["paas-runc"]),
        .library(name: "PaaSCore", targets: ["PaaSCore"]),
        .library(name: "DockerEngine", targets: ["DockerEngine"]),
        .library(name: "DockerModels", targets: ["DockerModels"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.115.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.12.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.8.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.10.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.1.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.25.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.29.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "5.0.1"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-nio-ssh.git", from: "0.15.1"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.3.0"),
    ],
    targets: [
        // Swarm spec types as plain Codable data: PaaSCore builds them without any I/O.
        .target(name: "DockerModels"),
        .target(name: "PaaSCore", dependencies: ["DockerModels"]),
        .target(
            name: "DockerEngine",
            dependencies: [
                "DockerModels",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .target(
            name: "App",
            dependencies: [
                "PaaSCore",
                "DockerEngine",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "NIOSSH", package: "swift-nio-ssh"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            resources: [.copy("Resources")]
        ),
        .executableTarget(
            name: "paas",
            dependencies: ["App"]
        ),
        // The build engine's default OCI runtime: Foundation and PaaSCore only, so it starts fast.
        .executableTarget(name: "paas-runc", dependencies: ["PaaSCore"]),
        .testTarget(name: "PaaSCoreTests", dependencies: ["PaaSCore", "DockerModels", "PaaSTestSupport"]),
        // What the test targets share: the check for a usable Docker engine.
        .target(name: "PaaSTestSupport", dependencies: ["DockerEngine"], path: "Tests/PaaSTestSupport"),
        .testTarget(name: "DockerEngineTests", dependencies: ["DockerEngine", "PaaSTestSupport"]),
        .testTarget(
            name: "AppTests",
            dependencies: [
                "App",
                "PaaSTestSupport",
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
