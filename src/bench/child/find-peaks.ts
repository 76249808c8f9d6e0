// The peaks scenario's probe: findPeaks over muon-like waveforms read from a file of float32
// samples (the scipy side, scripts/bench-scipy-peaks.py, reads the same file).
// argv: <waveform file> <samples per waveform> <options as JSON>
import { readFileSync } from 'node:fs';
import { findPeaks, type FindPeaksOptions } from '../../peaks/index.js';
import {
  cpuSecondsSince,
  failChild,
  getCountArg,
  getStringArg,
  nowMs,
  sendReady,
  sendResult,
  startParentWatchdog,
} from './protocol.js';

startParentWatchdog();
const file = getStringArg(0, '<waveform file>');
const samples = getCountArg(1, '<samples per waveform>');
const options = JSON.parse(getStringArg(2, '<options as JSON>')) as FindPeaksOptions;
const bytes = readFileSync(file);
const all = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
if (all.length % samples !== 0) failChild(`${file} does not hold whole waveforms of ${samples} samples`);
// One view per waveform, made before timing: a worker gets its slot's views made once, too.
const waveforms = Array.from({ length: all.length / samples }, (_, w) =>
  all.subarray(w * samples, (w + 1) * samples),
);

function findAll(count: number): number {
  let found = 0;
  for (let w = 0; w < count; w++) found += findPeaks(waveforms[w] as Float32Array, options).peaks.length;
  return found;
}

findAll(Math.min(waveforms.length, 300)); // warm-up: the loops are compiled before timing
sendReady();
const cpuStart = process.cpuUsage();
const start = nowMs();
const found = findAll(waveforms.length);
const seconds = (nowMs() - start) / 1000;
sendResult({ events: waveforms.length, seconds, cpu_s: cpuSecondsSince(cpuStart), peaks_found: found });
