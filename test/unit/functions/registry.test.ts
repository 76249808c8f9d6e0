import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { computeLayout } from '../../../src/buffer/index.js';
import { MimoWriter } from '../../../src/functions/data/mimo-writer.js';
import { loadSetup } from '../../../src/control/setup/index.js';
import { readModuleExports } from '../../../src/control/setup/module-exports.js';
import { functionsMarkdown } from '../../../src/functions/describe/markdown.js';
import { describeFunction } from '../../../src/functions/describe/text.js';
import { listPrebuilt, prebuiltChecker, prebuiltModule } from '../../../src/functions/registry.js';
import { NATS_NODE_FLAGS } from '../../../src/nats/node-flags.js';
import { useSetupDirs } from '../control/setup/setup-dir.js';

const makeDir = useSetupDirs();

/** The .mimo files an example replays (a replay checks its file's header before the start). */
function writeReplayedFiles(dir: string, example: string): void {
  const setup = parse(example) as {
    Buffers: Record<string, { data_length: number; data_dtype: Record<string, string> }>;
    Workers: Record<string, { config?: { filename?: unknown }; sinks?: string[] }>;
  };
  for (const worker of Object.values(setup.Workers)) {
    const filename = worker.config?.filename;
    const sink = setup.Buffers[worker.sinks?.[0] ?? ''];
    if (typeof filename !== 'string' || !filename.endsWith('.mimo') || sink === undefined) continue;
    const layout = computeLayout({
      name: 'recorded',
      slotCount: 1,
      dataLength: sink.data_length,
      fields: sink.data_dtype,
    });
    MimoWriter.open(join(dir, filename), layout, { setupFile: 'setup.yaml', startTime: 0 }).close();
  }
}
const REPO = join(fileURLToPath(import.meta.url), '../../../..');

describe('the registry of prebuilt functions', () => {
  it('docs/functions.md is what the registry makes (else run `npm run docs:functions`)', () => {
    const written = readFileSync(join(REPO, 'docs/functions.md'), 'utf8');
    expect(written, 'docs/functions.md is out of date: run `npm run docs:functions`').toBe(
      functionsMarkdown(listPrebuilt()),
    );
  });

  it.each(listPrebuilt().map((d) => [d.name, d] as const))(
    '%s: its module exports the function, and its example validates',
    async (name, declaration) => {
      const target = prebuiltModule(name);
      expect(target).toBeDefined();
      // Under vitest the module is the .ts source beside the declaration; tsx resolves the .js name.
      const file = target?.file.replace(/\.js$/, '.ts') ?? '';
      expect((await readModuleExports([file])).get(file)).toMatchObject({
        exports: { [declaration.exportName]: 'function' },
      });
      const dir = makeDir({ 'setup.yaml': declaration.example });
      writeReplayedFiles(dir, declaration.example);
      const setup = loadSetup(join(dir, 'setup.yaml'), { prebuilt: prebuiltChecker });
      expect(setup.workers.some((w) => w.function === name)).toBe(true);
      expect(setup.warnings.filter((warning) => warning.includes('.config.'))).toEqual([]);
    },
  );

  it('starts the NATS functions with their V8 heap flags (src/nats/node-flags.ts)', () => {
    for (const name of ['exporters.nats', 'importers.nats'])
      expect(prebuiltModule(name)?.nodeFlags, name).toEqual(NATS_NODE_FLAGS);
    expect(prebuiltModule('misc.copy')?.nodeFlags).toBeUndefined();
  });

  it('prints an entry as the manual does: type, buffers, configs, example', () => {
    const copy = listPrebuilt().find((d) => d.name === 'misc.copy');
    expect(copy && describeFunction(copy)).toEqual([
      'misc.copy: copies every event of its source to each of its sinks',
      '',
      'Several workers that read one buffer share its events; to give each consumer every event, copy the',
      'buffer into one sink per consumer. Every event goes to every sink unchanged, metadata included.',
      '',
      'Type',
      '  Filter',
      '',
      'Buffers',
      '  sources   1',
      '  sinks     1 or more, each with the data_length and data_dtype of the source (events pass on unchanged)',
      '  observes  0',
      '',
      'Configs',
      '  none',
      '',
      'Example',
      '  Buffers:',
      '    pulses: {slot_count: 128, data_length: 1, data_dtype: {height: f4}}',
      '    pulses_for_csv: {slot_count: 128, data_length: 1, data_dtype: {height: f4}}',
      '    pulses_for_histogram: {slot_count: 128, data_length: 1, data_dtype: {height: f4}}',
      '  Workers:',
      '    copy:',
      '      function: misc.copy',
      '      sources: [pulses]',
      '      sinks: [pulses_for_csv, pulses_for_histogram]',
    ]);
  });
});
