// swift-tools-version:6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

let package = Package(
    name: "fengqiao",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "fengqiao", targets: ["fengqiao"])
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.13.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/vapor/async-kit.git", from: "1.22.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-openapi-runtime.git", from: "1.13.4"),
        .package(url: "https://github.com/hummingbird-project/swift-openapi-hummingbird.git", from: "2.1.0"),
        .package(url: "https://github.com/mattpolzin/OpenAPIKit.git", from: "6.4.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", exact: "0.9.20"),
    ],
    targets: [
        .target(
            name: "FengqiaoCore",
            swiftSettings: strict
        ),
        // The QR encoder (no mirrored package does it): pure Swift, no dependencies.
        .target(
            name: "QRCode",
            swiftSettings: strict
        ),
        .target(
            name: "FengqiaoStore",
            dependencies: [
                "FengqiaoCore",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "AsyncKit", package: "async-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        // The API contract: openapi.yaml, and the code scripts/generate.sh generates from it (committed, never edited).
        .target(
            name: "FengqiaoAPI",
            dependencies: [
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime")
            ],
            exclude: ["openapi.yaml", "openapi-generator-config.yaml", "Generated/contract.sha256"],
            swiftSettings: strict
        ),
        .target(
            name: "FengqiaoServer",
            dependencies: [
                "FengqiaoCore",
                "FengqiaoStore",
                "FengqiaoAPI",
                "QRCode",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Plot", package: "Plot"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: strict
        ),
        // The demo county and its cases, their generator, the seeder and the bench floor, and what production
        // refuses of them: nothing in Core, Store or Server depends on it.
        .target(
            name: "FengqiaoDemo",
            dependencies: [
                "FengqiaoCore",
                "FengqiaoStore",
                "FengqiaoServer",
                .product(name: "SQLKit", package: "sql-kit"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "fengqiao",
            dependencies: [
                "FengqiaoCore",
                "FengqiaoStore",
                "FengqiaoServer",
                "FengqiaoDemo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        // The one set-up of a test database (SQLite file or PostgreSQL schema) for every test target.
        .target(
            name: "FengqiaoTestSupport",
            dependencies: ["FengqiaoStore"],
            path: "Tests/FengqiaoTestSupport",
            swiftSettings: strict
        ),
        .testTarget(
            name: "FengqiaoCoreTests",
            dependencies: ["FengqiaoCore"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "QRCodeTests",
            dependencies: ["QRCode"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "FengqiaoStoreTests",
            dependencies: ["FengqiaoCore", "FengqiaoStore", "FengqiaoTestSupport", "FengqiaoDemo"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "FengqiaoDemoTests",
            dependencies: [
                "FengqiaoCore", "FengqiaoStore", "FengqiaoServer", "FengqiaoDemo", "FengqiaoTestSupport",
            ],
            swiftSettings: strict
        ),
        .testTarget(
            name: "FengqiaoServerTests",
            dependencies: [
                "FengqiaoCore",
                "FengqiaoStore",
                "FengqiaoServer",
                "FengqiaoDemo",
                "FengqiaoTestSupport",
                "FengqiaoAPI",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
            ],
            exclude: ["Snapshots"],
            swiftSettings: strict
        ),
    ],
    swiftLanguageModes: [.v6]
)
