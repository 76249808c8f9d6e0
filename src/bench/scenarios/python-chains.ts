import { runChain } from '../setup-run/chain.js';
import { WorkerFunction } from '../setup-run/worker-module.js';
import type { RunContext, RunMeasurement, Scenario } from '../types.js';
import { makeChainA } from './a-chain.js';
import { makeChainB } from './b-chain-68k.js';
import { pythonRuntimeUnavailable } from './python-runtime.js';

// A and B with workers of the Python runtime (python/mimocorb2), each interleaved with its
// all-TypeScript twin. The figures name the CPU µs per event of each worker and, for the Python
// ones, the libatomic calls per event.

export const chainAPythonFilter: Scenario = {
  name: 'A-py-filter',
  title: 'A with a Python filter: TypeScript importer -> Python filter -> TypeScript exporter',
  defaultEvents: 50_000,
  reference: 'A',
  constants: { python_original_events_per_s: 18_900, target_events_per_s: 1.8 * 18_900 },
  unavailable: pythonRuntimeUnavailable,
  runOnce: async (context: RunContext): Promise<RunMeasurement> =>
    (await runChain(context, { ...makeChainA(context.events), python: ['filter'] })).measurement,
};

export const chainAPython: Scenario = {
  name: 'A-py',
  title: 'A all in Python: Python importer -> Python filter -> Python exporter, 128 slots x 1 f8',
  defaultEvents: 50_000,
  reference: 'A',
  constants: { python_original_events_per_s: 18_900, target_events_per_s: 1.3 * 18_900 },
  unavailable: pythonRuntimeUnavailable,
  runOnce: async (context: RunContext): Promise<RunMeasurement> =>
    (await runChain(context, { ...makeChainA(context.events), python: ['importer', 'filter', 'exporter'] }))
      .measurement,
};

export const chainBPython: Scenario = {
  name: 'B-py',
  title: 'B all in Python (68 kB events as packed numpy copies): importer -> filter -> exporter',
  defaultEvents: 10_000,
  reference: 'B',
  constants: { python_original_events_per_s: 5_700, target_events_per_s: 5_700 },
  unavailable: pythonRuntimeUnavailable,
  runOnce: async (context: RunContext): Promise<RunMeasurement> =>
    (
      await runChain(context, {
        ...makeChainB(context.events),
        importer: { function: WorkerFunction.importer },
        python: ['importer', 'filter', 'exporter'],
      })
    ).measurement,
};
