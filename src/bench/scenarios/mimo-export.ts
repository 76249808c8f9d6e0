import { statSync } from 'node:fs';
import { join } from 'node:path';
import { MimoReader } from '../../functions/data/mimo-reader.js';
import { BenchError } from '../bench-error.js';
import type { ChainOptions } from '../setup-run/chain.js';
import { checkStages, runChainWithPrebuiltExporter } from '../setup-run/prebuilt-exporter-chain.js';
import type { SetupRunResult } from '../setup-run/run-setup.js';
import type { RunContext, RunMeasurement, Scenario } from '../types.js';
import { makeChainA } from './a-chain.js';
import { makeChainB } from './b-chain-68k.js';

/**
 * Runs a chain with the prebuilt data.export as its exporter. A run is timed from the commit of
 * counter 0 (its timestamp in the file) to the file's last change (its mtime: the exporter writes
 * as soon as no further event waits); the file must hold every event once, in order, with every
 * field's first and last element equal to the counter.
 */
async function runChainWithExport(context: RunContext, chain: ChainOptions): Promise<RunMeasurement> {
  const exporter = { function: 'data.export', prebuilt: true, sources: ['filtered'] };
  return runChainWithPrebuiltExporter(context, chain, exporter, (result) =>
    measureExport(result, context.events),
  );
}

function measureExport(result: SetupRunResult, events: number): RunMeasurement {
  const problems: string[] = [];
  const extras = checkStages(result, events, problems);
  const file = join(result.runDir, 'filtered.mimo');
  const reader = MimoReader.open(file);
  try {
    if (reader.recordCount !== events)
      problems.push(`${file} holds ${reader.recordCount} events, expected ${events}`);
    const wrong = countWrongRecords(reader);
    if (wrong > 0) problems.push(`${file}: ${wrong} events out of order or with wrong values`);
    const seconds = statSync(file).mtimeMs / 1000 - reader.timestampOf(0);
    if (!(seconds > 0)) throw new BenchError(`${file} was last written ${seconds} s after the first commit`);
    const bytes = reader.recordCount * reader.header.record_size;
    extras['record_bytes'] = reader.header.record_size;
    extras['gb_per_s'] = bytes / seconds / 1e9;
    return { events, seconds, extras, problems };
  } finally {
    reader.close();
  }
}

/** Records whose counter is not their position, or whose fields' ends are not the counter. */
function countWrongRecords(reader: MimoReader): number {
  const record = new Uint8Array(reader.header.record_size);
  const counter = new BigInt64Array(record.buffer, 0, 1);
  const columns = reader.layout.fields.map(
    (field) => new field.dtype.ArrayType(record.buffer, field.offset, field.elements),
  );
  let wrong = 0;
  for (let k = 0; k < reader.recordCount; k++) {
    reader.copyRecord(k, record);
    const isRight =
      Number(counter[0]) === k &&
      columns.every((values) => Number(values[0]) === k && Number(values[values.length - 1]) === k);
    if (!isRight) wrong++;
  }
  return wrong;
}

/** MIMO: A's chain with data.export as its exporter, interleaved with A. */
export const chainWithExport: Scenario = {
  name: 'MIMO',
  title: 'A with data.export as its exporter, vs A',
  defaultEvents: 200_000,
  reference: 'A',
  constants: { target_ratio_to_reference: 0.9 },
  runOnce: (context) => runChainWithExport(context, makeChainA(context.events)),
};

/**
 * MIMO-B: B's chain (68 kB events) with data.export as its exporter, writing to tmpfs, interleaved
 * with one process that only writes such records (the machine's ceiling).
 */
export const chainBWithExport: Scenario = {
  name: 'MIMO-B',
  title: 'B (68 kB events) with data.export as its exporter, writing to /dev/shm',
  defaultEvents: 20_000,
  reference: 'ref-tmpfs-write-68k',
  constants: { target_gb_per_s: 1 },
  runOnce: (context) => runChainWithExport(context, makeChainB(context.events)),
};
