import Metrics
import Testing

@testable import CLI

// capacity.json and junit.xml as the search wrote them before their writers changed, byte for byte: scripts
// read these files, so their layout (sorted keys, integers as integers, three decimals) is kept.

private let settings = CapacitySearchSettings(
    csms: "ws://127.0.0.1:9/ocpp", profile: "Profiles/idle.json", step: 400, maxStations: 1_600,
    resolution: .share(0.05), holdSeconds: 6, warmUpSeconds: 1.5, speed: 2.5, seed: 7,
    slo: ["p50(*) < 100ms", "connected <= 700"], fresh: false, ramp: 250, loops: 2)

/// A search that passed at 400 stations, failed at 800 with its fleet saturated and its send queue
/// shrinking, then could not run 600.
private let summary: CapacitySummary = {
    let passed = CapacityStep(
        stations: 400,
        slo: [
            SLOResult(expression: "p50(*) < 100ms", ok: true, value: 2.000_4, unit: "ms", detail: ""),
            SLOResult(expression: "connected <= 700", ok: true, value: 400, unit: "", detail: ""),
        ],
        outcome: .passed, reportFolder: "stations-0400",
        figures: CapacityFigures(
            seconds: 4.5, messagesPerSecond: 19_999.876_54, latencyP50Micros: 2_000, latencyP99Micros: 4_321, errors: 3,
            health: FleetHealth(
                lagP50Micros: 1_234, lagP99Micros: 9_876, cpuShare: 0.123_456_7, demandShare: 0.42, loops: 2)),
        phase: .grow, start: .fresh)
    let failed = CapacityStep(
        stations: 800,
        slo: [
            SLOResult(expression: "p50(*) < 100ms", ok: false, value: 600, unit: "ms", detail: ""),
            SLOResult(expression: "connected <= 700", ok: false, value: nil, unit: "", detail: ""),
        ],
        outcome: .failed, reportFolder: "stations-0800",
        figures: CapacityFigures(
            seconds: 4.5, messagesPerSecond: 41_000, latencyP50Micros: 600_000, latencyP99Micros: 1_200_000, errors: 0,
            health: FleetHealth(
                lagP50Micros: 200_000, lagP99Micros: 400_000, cpuShare: 0.97, demandShare: nil, loops: 2,
                sendQueueBytes: 3 << 19, sendQueueGrowth: -4_096, backedUpLinks: 12)),
        phase: .grow, start: .grown)
    let error = CapacityStep(
        stations: 600, slo: [], outcome: .error("too many open files"), reportFolder: nil, phase: .bisect,
        start: .shrunk)
    return CapacitySummary(steps: [passed, failed, error], interrupted: false)
}()

@Test func capacityJSONKeepsItsLayout() {
    #expect(summary.json(search: settings) == #"""
    {
      "capacity_stations": null,
      "ended_by": "error",
      "fleet_saturated_msgs_per_s": 41000,
      "largest_passed_stations": 400,
      "limited_by": "fleet",
      "search": {
        "csms": "ws://127.0.0.1:9/ocpp",
        "fleet": "growing",
        "hold_s": 6,
        "loops": 2,
        "max_stations": 1600,
        "profile": "Profiles/idle.json",
        "ramp_per_s": 250,
        "resolution_share": 0.05,
        "seed": 7,
        "slo": [
          "p50(*) < 100ms",
          "connected <= 700"
        ],
        "speed": 2.5,
        "step": 400,
        "warm_up_s": 1.5
      },
      "smallest_failed_stations": 800,
      "steps": [
        {
          "errors": 3,
          "fleet": "fresh",
          "fleet_health": {
            "cpu_share": 0.123,
            "demand_share": 0.42,
            "lag_p50_ms": 1.234,
            "lag_p99_ms": 9.876,
            "loops": 2,
            "saturated": false,
            "send_queue_bytes": 0,
            "send_queue_growth_bytes": 0,
            "send_queue_links": 0
          },
          "latency_ms": {
            "p50": 2,
            "p99": 4.321
          },
          "msgs_per_s": 19999.877,
          "phase": "grow",
          "report": "stations-0400",
          "result": "pass",
          "slo": [
            {
              "expr": "p50(*) < 100ms",
              "ok": true,
              "unit": "ms",
              "value": 2
            },
            {
              "expr": "connected <= 700",
              "ok": true,
              "unit": "",
              "value": 400
            }
          ],
          "stations": 400,
          "window_s": 4.5
        },
        {
          "errors": 0,
          "fleet": "grown",
          "fleet_health": {
            "cpu_share": 0.97,
            "demand_share": null,
            "lag_p50_ms": 200,
            "lag_p99_ms": 400,
            "loops": 2,
            "saturated": true,
            "send_queue_bytes": 1572864,
            "send_queue_growth_bytes": -4096,
            "send_queue_links": 12
          },
          "latency_ms": {
            "p50": 600,
            "p99": 1200
          },
          "msgs_per_s": 41000,
          "phase": "grow",
          "report": "stations-0800",
          "result": "fail",
          "slo": [
            {
              "expr": "p50(*) < 100ms",
              "ok": false,
              "unit": "ms",
              "value": 600
            },
            {
              "expr": "connected <= 700",
              "ok": false,
              "unit": "",
              "value": null
            }
          ],
          "stations": 800,
          "window_s": 4.5
        },
        {
          "detail": "too many open files",
          "fleet": "shrunk",
          "phase": "bisect",
          "result": "error",
          "slo": [],
          "stations": 600
        }
      ],
      "verdict": "capacity: unknown: the fleet saturated at 41000 msgs/s (800 stations; its timers 200ms late at the median, CPU 97% of its 2 loops): add processes or machines; the CSMS met every SLO up to 400 stations"
    }

    """#)
}

@Test func capacityJSONOfASearchInterruptedBeforeItsFirstStepIsAllNulls() {
    // A fresh fleet each step, the knee narrowed down to a number of stations, no ramp or loops given.
    let fresh = CapacitySearchSettings(
        csms: "ws://127.0.0.1:9/ocpp", profile: "smoke", step: 5, maxStations: 25, resolution: .stations(2),
        holdSeconds: 3, warmUpSeconds: 0.75, speed: 1, seed: 42, slo: ["errors == 0"], fresh: true, ramp: nil,
        loops: nil)
    #expect(CapacitySummary(steps: [], interrupted: true).json(search: fresh) == #"""
    {
      "capacity_stations": null,
      "ended_by": "interrupted",
      "largest_passed_stations": null,
      "limited_by": null,
      "search": {
        "csms": "ws://127.0.0.1:9/ocpp",
        "fleet": "fresh",
        "hold_s": 3,
        "max_stations": 25,
        "profile": "smoke",
        "resolution_stations": 2,
        "seed": 42,
        "slo": [
          "errors == 0"
        ],
        "speed": 1,
        "step": 5,
        "warm_up_s": 0.75
      },
      "smallest_failed_stations": null,
      "steps": [],
      "verdict": "capacity: unknown (interrupted before the first step was judged)"
    }

    """#)
}

@Test func capacityJUnitStatesEverySettingAsAProperty() {
    #expect(CapacityJUnit.render(summary, search: settings).contains(#"""
          <property name="csms" value="ws://127.0.0.1:9/ocpp"/>
          <property name="fleet" value="growing"/>
          <property name="hold_s" value="6.0"/>
          <property name="loops" value="2"/>
          <property name="max_stations" value="1600"/>
          <property name="profile" value="Profiles/idle.json"/>
          <property name="ramp_per_s" value="250.0"/>
          <property name="resolution_share" value="0.05"/>
          <property name="seed" value="7"/>
          <property name="slo" value="p50(*) &lt; 100ms, connected &lt;= 700"/>
          <property name="speed" value="2.5"/>
          <property name="step" value="400"/>
          <property name="warm_up_s" value="1.5"/>

    """#))
}
