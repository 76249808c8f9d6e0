import { describe, expect, it } from 'vitest';
import {
  compareWithFloor,
  getFloorCost,
  getFrameworkCost,
} from '../../../src/bench/scenarios/b-framework-cost.js';
import type { RunMeasurement } from '../../../src/bench/types.js';

const chainRun: RunMeasurement = {
  events: 1000,
  seconds: 1,
  extras: {
    importer_cpu_us_per_event: 7,
    importer_runqueue_ms: 80,
    filter_cpu_us_per_event: 8,
    exporter_cpu_us_per_event: 5,
    events_per_s_second_half: 90_000,
  },
};

const probeRun = (extras: Record<string, number>): RunMeasurement => ({ events: 1000, seconds: 0.1, extras });

describe("getFrameworkCost: B's workers' CPU per event minus the probe's fill, copy and check", () => {
  it('subtracts the three phases from the sum of the workers, and gives the share of that sum', () => {
    const probe = probeRun({
      gb_per_s: 14,
      fill_cpu_us_per_event: 2.5,
      copy_cpu_us_per_event: 2,
      check_cpu_us_per_event: 0.5,
    });
    // (7 + 8 + 5) - (2.5 + 2 + 0.5) = 15 of 20
    expect(getFrameworkCost(chainRun, probe)).toEqual({ framework_us_per_event: 15, framework_share: 0.75 });
  });

  it('throws naming the phase the reference run lacks', () => {
    const probe = probeRun({ fill_cpu_us_per_event: 2.5, copy_cpu_us_per_event: 2 });
    expect(() => getFrameworkCost(chainRun, probe)).toThrow(
      "the reference's run has no 'check_cpu_us_per_event'",
    );
  });
});

describe("getFloorCost: the floor probe's three processes' CPU per event minus the same run's work alone", () => {
  const probe = probeRun({
    fill_cpu_us_per_event: 2.5,
    copy_cpu_us_per_event: 2,
    check_cpu_us_per_event: 0.5,
    floor_importer_cpu_us_per_event: 4,
    floor_filter_cpu_us_per_event: 3.5,
    floor_exporter_cpu_us_per_event: 0.5,
    floor_events_per_s: 150_000,
  });

  it('subtracts the three phases from the sum of the floor processes only', () => {
    // (4 + 3.5 + 0.5) - (2.5 + 2 + 0.5) = 3 of 8
    expect(getFloorCost(probe)).toEqual({ floor_us_per_event: 3, floor_share: 0.375 });
  });

  it("gives B's round both its framework cost and the floor of the same reference run", () => {
    expect(compareWithFloor(chainRun, probe)).toEqual({
      framework_us_per_event: 15,
      framework_share: 0.75,
      floor_us_per_event: 3,
      floor_share: 0.375,
    });
  });

  it('throws naming the floor process the reference run lacks', () => {
    const extras = Object.entries(probe.extras ?? {}).filter(([key]) => !key.startsWith('floor_filter'));
    expect(() => getFloorCost(probeRun(Object.fromEntries(extras)))).toThrow(
      "the reference's run has no 'floor_filter_cpu_us_per_event'",
    );
  });
});
