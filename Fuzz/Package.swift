// swift-tools-version:6.1
// libFuzzer targets for conform (see scripts/fuzz and docs/reliability.md). Build with
//   swift build --package-path Fuzz -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
// Each target's `<Target>_main` hands control to libFuzzer (FuzzSupport's runLibFuzzer), because
// SwiftPM links an executable's entry point under that name.
import PackageDescription

let targets = ["FuzzCSV", "FuzzJSON", "FuzzStandard", "FuzzRuleExpression"]

let package = Package(
    name: "conform-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "conform", path: "..")],
    targets: [.target(name: "FuzzSupport")] + targets.map { name in
        .executableTarget(name: name, dependencies: [.product(name: "ConformKit", package: "conform"), "FuzzSupport"])
    },
    swiftLanguageModes: [.v6]
)
