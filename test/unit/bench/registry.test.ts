import { describe, expect, it } from 'vitest';
import { findUnavailable, planGroups, SCENARIOS, selectScenarios } from '../../../src/bench/registry.js';
import type { Scenario } from '../../../src/bench/types.js';

function makeScenario(name: string, reference?: string): Scenario {
  return {
    name,
    title: name,
    defaultEvents: 1,
    ...(reference === undefined ? {} : { reference }),
    runOnce: () => Promise.resolve({ events: 1, seconds: 1 }),
  };
}

const a = makeScenario('A', 'ref-a');
const b = makeScenario('B');
const refA = makeScenario('ref-a');
const all = [a, b, refA];
const names = (groups: Scenario[][]) => groups.map((g) => g.map((s) => s.name));

describe('selectScenarios', () => {
  it('selects all for no names, by name case-insensitively, each once', () => {
    expect(selectScenarios([], all)).toEqual(all);
    expect(selectScenarios(['b', 'A', 'a'], all)).toEqual([b, a]);
  });

  it('names the choices of an unknown scenario', () => {
    expect(() => selectScenarios(['Z'], all)).toThrow("unknown scenario 'Z'; choose from: A, B, ref-a");
  });

  it('knows A to F, O, T, W, CSV, N, the Python chains and the reference probes, and every reference exists', () => {
    expect(SCENARIOS.map((s) => s.name)).toEqual(
      expect.arrayContaining([
        'A',
        'B',
        'C',
        'D',
        'E',
        'F',
        'O',
        'T',
        'W',
        'CSV',
        'N',
        'N-core',
        'N-68k',
        'N-68k-core',
        'ref-fifo-3proc',
        'ref-memcpy-68k',
        'ref-fifo-latency',
        'ref-nats-68k',
        'ref-nats-68k-core',
      ]),
    );
    expect(names(planGroups(SCENARIOS))).toEqual([
      ['A', 'ref-fifo-3proc', 'ref-fifo-3proc-batched'],
      ['B', 'ref-memcpy-68k'],
      ['C', 'ref-fifo-3proc', 'ref-fifo-3proc-batched'],
      ['D', 'ref-fifo-2proc', 'ref-fifo-2proc-batched'],
      ['E', 'A'],
      ['O', 'B'],
      ['F', 'ref-fifo-latency'],
      ['MIMO', 'A'],
      ['MIMO-B', 'ref-tmpfs-write-68k'],
      ['RP'],
      ['T', 'A'],
      ['W', 'A'],
      ['CSV', 'A'],
      ['N'],
      ['N-core'],
      ['N-68k', 'ref-nats-68k'],
      ['N-68k-core', 'ref-nats-68k-core'],
      ['peaks', 'ref-scipy-peaks'],
      ['A-py-filter', 'A'],
      ['A-py', 'A'],
      ['B-py', 'B'],
    ]);
  });

  it('knows D and its reference probe', () => {
    expect(SCENARIOS.map((s) => [s.name, s.reference])).toContainEqual(['D', 'ref-fifo-2proc']);
    expect(SCENARIOS.map((s) => s.name)).toContain('ref-fifo-2proc');
  });
});

describe('planGroups', () => {
  it('runs a scenario with its reference and not the reference again', () => {
    expect(names(planGroups(all, all))).toEqual([['A', 'ref-a'], ['B']]);
    expect(names(planGroups([refA, a], all))).toEqual([['A', 'ref-a']]);
  });

  it('runs a reference alone when only it is selected', () => {
    expect(names(planGroups([refA], all))).toEqual([['ref-a']]);
  });

  it('leaves out what cannot run here; a scenario whose reference cannot runs alone', () => {
    const missing = { ...refA, unavailable: () => 'no python3' };
    expect([...findUnavailable([a], [a, b, missing])]).toEqual([['ref-a', 'no python3']]);
    expect(names(planGroups([a, b], [a, b, missing], new Set(['ref-a'])))).toEqual([['A'], ['B']]);
    expect(names(planGroups([missing, b], [a, b, missing], new Set(['ref-a'])))).toEqual([['B']]);
  });

  it('runs a scenario with its reference and its batched reference, leaving out one that cannot run', () => {
    const c = { ...makeScenario('C', 'ref-a'), batchedReference: 'ref-b' };
    const refB = makeScenario('ref-b');
    expect(names(planGroups([c, refB], [c, refA, refB]))).toEqual([['C', 'ref-a', 'ref-b']]);
    expect(names(planGroups([c], [c, refA, refB], new Set(['ref-a'])))).toEqual([['C', 'ref-b']]);
    expect([...findUnavailable([c], [c, refA, { ...refB, unavailable: () => 'no' }])]).toEqual([
      ['ref-b', 'no'],
    ]);
  });

  it('refuses a reference that does not exist', () => {
    expect(() => planGroups([makeScenario('C', 'nope')], all)).toThrow(
      "scenario 'C' names an unknown reference 'nope'",
    );
  });
});
