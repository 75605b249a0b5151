// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "conform",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "conform", targets: ["conform"]),
        .library(name: "ConformKit", targets: ["ConformKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // The CasePaths trait pulls in swift-syntax macros; the row-rule grammar does not need it.
        .package(url: "https://github.com/pointfreeco/swift-parsing", from: "0.15.2", traits: []),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // Inline C helpers (a prefetch hint) that Swift has no spelling for.
        .target(name: "CConformSupport"),
        .target(
            name: "ConformKit",
            dependencies: [
                "CConformSupport",
                "CPCRE2",
                "CZlib",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Parsing", package: "swift-parsing"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            swiftSettings: [
                // The hot loop mutates class state per cell; dynamic exclusivity checks cost ~30% there
                // (measured with perf). Static checks still apply.
                .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
            ]
        ),
        .executableTarget(
            name: "conform",
            dependencies: [
                "ConformKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "ConformKitTests",
            dependencies: ["ConformKit"],
            exclude: ["Renderers/Expected"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
