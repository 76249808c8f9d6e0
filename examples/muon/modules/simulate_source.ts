// The muon example's source: simulated oscilloscope traces of cosmic muons (see muon-events.ts),
// at a random (Poisson) or fixed rate, reproducible with a seed.
import { Importer, Pacer, SeededRandom, WorkerSetupError, type BufferIO } from 'mimocorb2';
import { readBoolean, readNumber, readNumberList } from './config-values.js';
import { MuonEventSimulator, type MuonSourceParameters } from './muon-events.js';

/**
 * Importer: `eventcount` simulated muon events (−1: endless), one every `sleeptime` seconds on
 * average (exponential gaps with `random: true`, else fixed ones). `seed` makes a run repeatable;
 * without it a fresh seed is drawn and logged.
 */
export function simulate_source(io: BufferIO): void {
  const sink = io.sinks[0];
  if (sink === undefined) throw new WorkerSetupError(`worker '${io.name}': simulate_source needs one sink`);
  const { dataLength, fields } = sink.buffer.layout;
  const parameters = readParameters(io, dataLength);
  const eventcount = readNumber(io, 'eventcount', { default: 1000, min: -1, integer: true });
  const sleeptimeS = readNumber(io, 'sleeptime', { default: 0.1, min: 0 });
  const isRandom = readBoolean(io, 'random', false);
  const seed = readNumber(io, 'seed', {
    default: SeededRandom.freshSeed(),
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
    integer: true,
  });
  // Several source processes draw different events from one seed.
  const random = new SeededRandom((seed + io.processIndex * 0x9e3779b9) % (Number.MAX_SAFE_INTEGER + 1));
  const simulator = new MuonEventSimulator(parameters, random);
  const pacer = new Pacer();
  const names = fields.map((field) => field.name);
  console.log(`seed ${seed} (config key 'seed' repeats this run: --set ${io.name}.seed=${seed})`);

  let events = 0;
  let stopped = 0;
  let up = 0;
  let down = 0;
  let late = 0;
  new Importer(io).runInPlace((data) => {
    if (eventcount !== -1 && events >= eventcount) return false;
    pacer.wait(isRandom ? random.exponential(sleeptimeS) : sleeptimeS);
    const event = simulator.simulate(names.map((name) => data[name] as Float32Array));
    events++;
    if (event.kind === 'stopped') {
      stopped++;
      if (!event.isInWindow) late++;
      else if (event.isUp) up++;
      else down++;
    }
    return true;
  });
  console.log(
    `simulated ${events} events: ${stopped} stopped muons, ${up} decays up and ${down} down in the ` +
      `waveform window, ${late} later`,
  );
}

function readParameters(io: BufferIO, dataLength: number): MuonSourceParameters {
  const analogueOffsetMv = readNumber(io, 'analogue_offset') * 1000;
  const pulseWindow = readNumber(io, 'pulseWindow', { default: 100, min: 4, integer: true });
  const preTriggerSamples = readNumber(io, 'pre_trigger_samples', {
    min: 0,
    max: dataLength - pulseWindow,
    integer: true,
  });
  const pulseHeightsMv = readNumberList(io, 'pulseHeight', 250);
  const spread: unknown = io.get('pulseSpread', null);
  const pulseSpreadMv = spread === null ? undefined : readNumber(io, 'pulseSpread', { min: 0 });
  const triggerHeightMv = readNumber(io, 'trigger_level', { default: analogueOffsetMv }) - analogueOffsetMv;
  const reachable = Math.max(...pulseHeightsMv.map((h) => h + 5 * (pulseSpreadMv ?? 0.3 * h)));
  if (triggerHeightMv > reachable) {
    throw new WorkerSetupError(
      `worker '${io.name}': config key 'trigger_level': ${triggerHeightMv} mV above the baseline ` +
        `(analogue_offset) is out of reach of pulses of ${pulseHeightsMv.join(', ')} mV`,
    );
  }
  return {
    baselineMv: analogueOffsetMv,
    triggerHeightMv,
    sampleTimeNs: readNumber(io, 'sample_time_ns', { min: Number.MIN_VALUE }),
    preTriggerSamples,
    pulseWindow,
    pulseHeightsMv,
    pulseSpreadMv,
    detectorEfficiency: readNumber(io, 'prbIteraction', { default: 0.95, min: 0, max: 1 }),
    stoppingProbability: readNumber(io, 'prb2ndPulse', { default: 0.1, min: 0, max: 1 }),
  };
}
