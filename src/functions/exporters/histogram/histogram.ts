import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FieldArray } from '../../../buffer/index.js';
import { Exporter, type BufferIO } from '../../../templates/index.js';
import { readConfig } from '../../declaration/index.js';
import { exportFileError, writeFileAtomically } from '../../files/index.js';
import { Bins } from './bins.js';
import { histogramDirectory, infoCsv } from './files.js';
import { histogramDeclaration, type HistogramBins } from './histogram.declaration.js';
import { encodeInt64Npy, readInt64Npy } from './npy.js';
import { makeDirectory } from '../../../make-directory.js';

interface Channel {
  readonly name: string;
  readonly file: string;
  readonly bins: Bins;
}

/**
 * exporters.histogram: histograms of fields of its source (data_length 1) as .npy files, the
 * events passed on to its sinks. A restarted process goes on from the counts saved before.
 */
export function histogram(io: BufferIO): void {
  const config = readConfig(io, histogramDeclaration);
  // Made before the template reports ready: a directory that cannot be written stops the start.
  const source = io.sources[0]?.buffer.name;
  const channels = source === undefined ? [] : prepareChannels(io.runDir, source, config.bins);
  const save = (): void => {
    for (const channel of channels) writeFileAtomically(channel.file, encodeInt64Npy(channel.bins.counts));
  };
  const exporter = new Exporter(io);
  const intervalMs = config.update_interval * 1000;
  let lastSaveMs = performance.now();
  for (const [data] of exporter) {
    for (let i = 0; i < channels.length; i++) {
      const channel = channels[i] as Channel;
      channel.bins.add(Number((data[channel.name] as FieldArray)[0]));
    }
    const now = performance.now();
    if (now - lastSaveMs >= intervalMs) {
      save();
      lastSaveMs = now;
    }
  }
  save();
}

/** Makes the directory and info.csv, and each channel's bins with the counts saved before (a restart). */
function prepareChannels(runDir: string, source: string, bins: HistogramBins): Channel[] {
  const directory = join(runDir, histogramDirectory(source));
  try {
    makeDirectory(directory);
    // A process killed while it replaced a file left its temporary copy (writeFileAtomically).
    for (const entry of readdirSync(directory)) {
      if (/\.\d+\.tmp$/.test(entry)) rmSync(join(directory, entry), { force: true });
    }
  } catch (error) {
    throw exportFileError('make the directory', directory, error);
  }
  const channels = Object.entries(bins).map(([name, [min, max, n]]) => {
    const file = join(directory, `${name}.npy`);
    const channel = { name, file, bins: new Bins(min, max, n) };
    const saved = readInt64Npy(file, n - 1);
    if (saved !== undefined) channel.bins.counts.set(saved);
    else writeFileAtomically(file, encodeInt64Npy(channel.bins.counts));
    return channel;
  });
  writeFileAtomically(join(directory, 'info.csv'), infoCsv(bins));
  return channels;
}
