// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Paragraph",
    products: [
        .library(name: "ParagraphCore", targets: ["ParagraphCore"]),
        .executable(name: "paragraph", targets: ["paragraph"]),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"]), .brew(["cmark-gfm"])]
        ),
        .systemLibrary(
            name: "CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"]), .brew(["curl"])]
        ),
        .systemLibrary(
            name: "CSodium",
            pkgConfig: "libsodium",
            providers: [.apt(["libsodium-dev"]), .brew(["libsodium"])]
        ),
        .target(
            name: "ParagraphCore",
            dependencies: ["CCmarkGFM", "CYAML", "CCurl", "CSodium"]
        ),
        .executableTarget(
            name: "paragraph",
            dependencies: ["ParagraphCore"]
        ),
        .testTarget(
            name: "ParagraphCoreTests",
            dependencies: ["ParagraphCore"],
            resources: [.copy("Fixtures")]
        ),
    ]
)
