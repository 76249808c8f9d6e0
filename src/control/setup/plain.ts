import { stringify } from 'yaml';
import type { PlainBuffer, PlainSetup, PlainWorker, ResolvedSetup } from './types.js';
import { plainSupervision } from './validate-supervision.js';

/** The resolved setup in the setup file's own key names, with configs merged in. */
export function toPlainSetup(setup: Omit<ResolvedSetup, 'plain' | 'warnings'>): PlainSetup {
  const buffers: Record<string, PlainBuffer> = {};
  for (const buffer of setup.buffers) {
    buffers[buffer.name] = {
      slot_count: buffer.slotCount,
      data_length: buffer.dataLength,
      data_dtype: buffer.fields,
      overwrite: buffer.overwrite,
    };
  }
  const workers: Record<string, PlainWorker> = {};
  for (const worker of setup.workers) {
    workers[worker.name] = {
      ...(worker.file === undefined ? {} : { file: worker.file }),
      ...(worker.python === undefined ? {} : { python: worker.python }),
      function: worker.function,
      config: worker.config,
      number_of_processes: worker.numberOfProcesses,
      ...plainSupervision(worker.supervision),
      sources: worker.sources,
      sinks: worker.sinks,
      observes: worker.observes,
    };
  }
  return { Buffers: buffers, Workers: workers, target_directory: setup.targetDirectory };
}

/** The resolved setup as YAML, for a run directory's setup.yaml; it loads again as a setup. */
export function formatSetupYaml(setup: ResolvedSetup): string {
  // Workers that share a config object must not turn into YAML anchors and aliases.
  return stringify(setup.plain, { aliasDuplicateObjects: false });
}
