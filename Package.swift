// swift-tools-version:6.0
import PackageDescription

// Every target gets the same strict settings, as swift-log does.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "ocpp-fleet",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ocpp-fleet", targets: ["ocpp-fleet"]),
        .library(name: "Fleet", targets: ["Fleet"]),
    ],
    targets: [
        // What Glibc's overlay does not expose: epoll, eventfd, timerfd, accept4.
        .target(name: "CSystem"),
        // TLS for wss:// from the system's OpenSSL (libssl3, headers from libssl-dev).
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"])]
        ),

        // The bottom layer, one of each thing several layers need: the seeded generator, the UTF-8
        // validator, the write(2) loop and its typed error, the clocks, the shard of a fleet. Glibc only.
        .target(name: "Basics", dependencies: ["CSystem"], swiftSettings: strict),
        // The one JSON reader and writer, below everything that reads or writes JSON.
        .target(name: "JSON", dependencies: ["Basics"], swiftSettings: strict),
        .target(name: "OCPP", dependencies: ["JSON"], swiftSettings: strict),
        .target(name: "WebSocket", dependencies: ["Basics"], swiftSettings: strict),
        .target(name: "Net", dependencies: ["Basics", "CSystem", "COpenSSL", "WebSocket"], swiftSettings: strict),
        .target(name: "Station", dependencies: ["Basics", "OCPP"], swiftSettings: strict),
        .target(name: "Metrics", dependencies: ["Basics", "JSON"], swiftSettings: strict),
        .target(name: "CSMS", dependencies: ["Basics", "OCPP", "Net", "WebSocket"], swiftSettings: strict),
        .target(
            name: "Fleet",
            dependencies: ["Basics", "JSON", "OCPP", "Station", "CSMS", "Metrics", "Net"],
            // `Profile/Shipped` links to the repository's `Profiles/`: the build puts their bytes in the binary.
            resources: [.embedInCode("Profile/Shipped")],
            swiftSettings: strict
        ),
        .target(
            name: "CLI", dependencies: ["Basics", "Fleet", "JSON", "Metrics", "CSMS", "Net", "OCPP"],
            swiftSettings: strict),
        .executableTarget(name: "ocpp-fleet", dependencies: ["CLI"], swiftSettings: strict),

        .executableTarget(
            name: "bench-ocpp", dependencies: ["OCPP", "Station"], path: "Benchmarks/OCPP", swiftSettings: strict),
        .executableTarget(
            name: "bench-net", dependencies: ["Net", "WebSocket"], path: "Benchmarks/Net",
            swiftSettings: strict),
        .executableTarget(
            name: "bench-csms", dependencies: ["CSMS", "OCPP"], path: "Benchmarks/CSMS", swiftSettings: strict),
        .executableTarget(
            name: "bench-simulate", dependencies: ["Fleet"], path: "Benchmarks/Simulate",
            swiftSettings: strict),

        // Shared by the test targets: finding the package root and the Python peers in .venv/.
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: strict),
        .testTarget(name: "BasicsTests", dependencies: ["Basics", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "JSONTests", dependencies: ["JSON"], swiftSettings: strict),
        .testTarget(
            name: "OCPPTests", dependencies: ["OCPP", "TestSupport"], exclude: ["Peers"], swiftSettings: strict),
        .testTarget(name: "WebSocketTests", dependencies: ["WebSocket", "Basics"], swiftSettings: strict),
        .testTarget(
            name: "NetTests", dependencies: ["Net", "Basics", "TestSupport"], exclude: ["Peers", "TLS/Peers"],
            swiftSettings: strict),
        .testTarget(
            name: "StationTests", dependencies: ["Station", "TestSupport"], exclude: ["Peers"], swiftSettings: strict),
        .testTarget(
            name: "MetricsTests", dependencies: ["Metrics", "Basics", "TestSupport"], exclude: ["Peers"], swiftSettings: strict),
        .testTarget(
            name: "CSMSTests", dependencies: ["CSMS", "TestSupport"], exclude: ["Peers"], swiftSettings: strict),
        .testTarget(
            name: "FleetTests", dependencies: ["Fleet", "Basics", "TestSupport"], exclude: ["Peers"], swiftSettings: strict),
        .testTarget(
            name: "CLITests", dependencies: ["CLI", "Basics", "TestSupport"], exclude: ["Peers"], swiftSettings: strict),
    ]
)
