import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getOutcome, getResultNumber } from '../child-result.js';
import { getChildScript, getRepositoryScript } from '../child-scripts.js';
import { makeMuonWaveforms, MUON_WAVEFORM_SAMPLES } from '../peaks/muon-waveforms.js';
import type { RunContext, RunMeasurement, Scenario } from '../types.js';

/** What the muon example's analysis asks of each waveform (mV and samples). */
const OPTIONS = { prominence: 35, width: 10 };
const PYTHON = '/usr/bin/python3';
const OPTIONS_TEXT = JSON.stringify(OPTIONS);

/** Writes the same seeded waveforms for both sides into a scratch file; returns its path. */
function writeWaveforms(context: RunContext): string {
  const path = join(context.makeScratchDir().path, 'waveforms.f32');
  const waveforms = makeMuonWaveforms(context.events);
  writeFileSync(path, new Uint8Array(waveforms.buffer, waveforms.byteOffset, waveforms.byteLength));
  return path;
}

async function runProbe(
  context: RunContext,
  name: string,
  script: string,
  program?: string,
): Promise<RunMeasurement> {
  const file = writeWaveforms(context);
  const outcomes = await context.runChildren([
    {
      name,
      script,
      ...(program === undefined ? {} : { program }),
      args: [file, String(MUON_WAVEFORM_SAMPLES), OPTIONS_TEXT],
    },
  ]);
  const probe = getOutcome(outcomes, name);
  const events = getResultNumber(probe, 'events');
  const seconds = getResultNumber(probe, 'seconds');
  return {
    events,
    seconds,
    extras: {
      us_per_waveform: (seconds / events) * 1e6,
      // CPU time moves less than wall time on a loaded machine.
      cpu_us_per_waveform: (getResultNumber(probe, 'cpu_s') / events) * 1e6,
      peaks_found: getResultNumber(probe, 'peaks_found'),
    },
  };
}

/**
 * findPeaks on 4250-sample muon-like waveforms (noise plus 1 to 3 exponential pulses, float32 as
 * in a buffer) with prominence and width, as the muon example analyses them; its events are
 * waveforms. Interleaved with scipy on the same waveforms: the ratio is the speed-up.
 */
export const peaks: Scenario = {
  name: 'peaks',
  title: `findPeaks(${OPTIONS_TEXT}) on ${MUON_WAVEFORM_SAMPLES}-sample muon-like waveforms`,
  defaultEvents: 2000,
  reference: 'ref-scipy-peaks',
  runOnce: (context) => runProbe(context, 'find-peaks', getChildScript('find-peaks')),
};

/** The reference of `peaks`: scipy.signal.find_peaks on the same waveforms, timed inside python. */
export const scipyPeaks: Scenario = {
  name: 'ref-scipy-peaks',
  title: `reference: scipy.signal.find_peaks with the same options and waveforms (${PYTHON})`,
  defaultEvents: 2000,
  unavailable: () =>
    spawnSync(PYTHON, ['-c', 'import scipy.signal'], { stdio: 'ignore' }).status === 0
      ? undefined
      : `${PYTHON} has no scipy (apt-get install python3-scipy)`,
  runOnce: (context) => runProbe(context, 'scipy', getRepositoryScript('bench-scipy-peaks.py'), PYTHON),
};
