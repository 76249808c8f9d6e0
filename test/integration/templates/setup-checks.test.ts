import { describe, expect, it } from 'vitest';
import {
  BufferIO,
  Exporter,
  Filter,
  Importer,
  IsAlive,
  Observer,
  Processor,
  type RingBuffer,
} from '../../../src/index.js';
import { useTemplateWorkers } from './template-workers.js';

type Template = new (io: BufferIO) => unknown;

describe('template setup checks', () => {
  const { createBuffer } = useTemplateWorkers();

  function makeIO(wiring: { sources?: RingBuffer[]; sinks?: RingBuffer[]; observes?: RingBuffer[] }) {
    let readyCalls = 0;
    const io = new BufferIO({ name: 'w', ...wiring, onReady: () => readyCalls++ });
    return { io, readyCalls: () => readyCalls };
  }

  it.each<[string, Template, 'source' | 'sink' | 'none', string]>([
    [
      'Importer',
      Importer,
      'source',
      "worker 'w': Importer needs no sources, 1 sink, no observed buffers; got 1 sources (a), 0 sinks, 0 observes. Fix sources and sinks of Workers.w in the setup file.",
    ],
    [
      'Exporter',
      Exporter,
      'none',
      "worker 'w': Exporter needs 1 source, any number of sinks, no observed buffers; got 0 sources, 0 sinks, 0 observes. Fix sources of Workers.w in the setup file.",
    ],
    [
      'Filter',
      Filter,
      'source',
      "worker 'w': Filter needs 1 source, at least 1 sink, no observed buffers; got 1 sources (a), 0 sinks, 0 observes. Fix sinks of Workers.w in the setup file.",
    ],
    [
      'Processor',
      Processor,
      'sink',
      "worker 'w': Processor needs 1 source, at least 1 sink, no observed buffers; got 0 sources, 1 sinks (a), 0 observes. Fix sources of Workers.w in the setup file.",
    ],
    [
      'Observer',
      Observer,
      'source',
      "worker 'w': Observer needs no sources, no sinks, 1 observed buffer; got 1 sources (a), 0 sinks, 0 observes. Fix sources and observes of Workers.w in the setup file.",
    ],
    [
      'IsAlive',
      IsAlive,
      'sink',
      "worker 'w': IsAlive needs no sources, no sinks, 1 observed buffer; got 0 sources, 1 sinks (a), 0 observes. Fix sinks and observes of Workers.w in the setup file.",
    ],
  ])(
    '%s with the wrong buffers: WorkerSetupError naming the worker, what it needs and what it got',
    (_, Template, given, message) => {
      const a = createBuffer('a');
      const { io, readyCalls } = makeIO(
        given === 'source' ? { sources: [a] } : given === 'sink' ? { sinks: [a] } : {},
      );
      expect(() => new Template(io)).toThrow(
        expect.objectContaining({ name: 'WorkerSetupError', code: 'ERR_WORKER_SETUP', message }),
      );
      expect(readyCalls()).toBe(0);
    },
  );

  it.each([
    {
      sink: { dataLength: 4 },
      mismatch: 'data_length 4 instead of 8',
    },
    {
      sink: { fields: { seq: 'i4', x: 'f4' } },
      mismatch: 'data_dtype {seq: <i4, x: <f4} instead of {seq: <i4, x: <f8}',
    },
    {
      sink: { fields: { x: 'f8', seq: 'i4' } },
      mismatch: 'data_dtype {x: <f8, seq: <i4} instead of {seq: <i4, x: <f8}',
    },
  ])(
    'a sink unlike the source ($mismatch): WorkerSetupError naming the buffers and the difference',
    ({ sink, mismatch }) => {
      const source = createBuffer('raw');
      const good = createBuffer('good');
      const bad = createBuffer('bad', sink);
      for (const Template of [Filter, Exporter]) {
        const { io } = makeIO({ sources: [source], sinks: [good, bad] });
        expect(() => new Template(io)).toThrow(
          `worker 'w': ${Template.name} copies events unchanged, so its sink 'bad' must have the data_length and data_dtype of its source 'raw'; the sink has ${mismatch}. Make Buffers.bad match Buffers.raw in the setup file.`,
        );
      }
    },
  );

  it('a template that fits reports ready once', () => {
    const source = createBuffer('raw');
    const sink = createBuffer('out', { dataLength: 1, fields: { peak: 'f8' } });
    const { io, readyCalls } = makeIO({ sources: [source], sinks: [sink] });
    new Processor(io);
    expect(readyCalls()).toBe(1);
    io.shutdownSinks();
    io.closeSources();
  });

  it('an Importer reports ready when constructed and waits for go before it asks for the first event', () => {
    const raw = createBuffer('raw', { fields: { seq: 'i4' }, dataLength: 1 });
    const calls: string[] = [];
    const io = new BufferIO({
      name: 'w',
      sinks: [raw],
      onReady: () => calls.push('ready'),
      waitForGo: () => calls.push('go'),
    });
    const importer = new Importer(io);
    calls.push('constructed');
    importer.run(function* () {
      for (let seq = 0; seq < 3; seq++) {
        calls.push(`event ${seq}`);
        yield { seq };
      }
    });
    expect(calls).toEqual(['ready', 'constructed', 'go', 'event 0', 'event 1', 'event 2']);
    expect(raw.stats()).toMatchObject({ written: 3, ended: true });
  });

  it('Observer options are checked', () => {
    const raw = createBuffer('raw');
    const { io } = makeIO({ observes: [raw] });
    expect(() => new Observer(io, { interval: -1 })).toThrow(
      new RangeError('Observer options.interval must be a number of seconds >= 0, got -1'),
    );
  });
});
