import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DisplayPublisher,
  DisplayReader,
  displayFileName,
  type DisplayContent,
} from '../../../src/display/index.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mimocorb2-display-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const identity = { worker: 'scope', processIndex: 0, name: 'traces' };
const text = (line: string): DisplayContent => ({ kind: 'text', lines: [line] });
const readFile = () =>
  JSON.parse(readFileSync(join(dir, displayFileName('scope', 0, 'traces')), 'utf8')) as unknown;

/** Publishes `content` until the rate lets it through (the interval passes), with a deadline. */
function publishWhenAllowed(display: DisplayPublisher, content: DisplayContent): void {
  const deadline = performance.now() + 5000;
  while (!display.publish(content))
    if (performance.now() > deadline) throw new Error('the publisher refused for 5 s at 10 Hz');
}

describe('DisplayPublisher', () => {
  it('writes a whole frame at once, then at most maxRateHz frames a second, the newest winning', () => {
    const display = new DisplayPublisher(dir, identity, { maxRateHz: 1 / 60 });
    expect(display.publish(text('first'))).toBe(true);
    expect(readFile()).toMatchObject({
      ...identity,
      sequence: 1,
      content: { kind: 'text', lines: ['first'] },
    });
    expect(display.publish(text('second'))).toBe(false);
    expect(display.publish(text('third'))).toBe(false);
    expect(readFile()).toMatchObject({ sequence: 1 });
    display.flush();
    expect(readFile()).toMatchObject({ sequence: 2, content: { lines: ['third'] } });
    display.flush();
    expect(display.sequence).toBe(2);
    expect(readdirSync(dir)).toEqual([displayFileName('scope', 0, 'traces')]);
  });

  it('writes again once the interval has passed', () => {
    const display = new DisplayPublisher(dir, identity, { maxRateHz: 10 });
    display.publish(text('a'));
    publishWhenAllowed(display, text('b'));
    expect(readFile()).toMatchObject({ sequence: 2, content: { lines: ['b'] } });
  });

  it('stores typed arrays as plain arrays', () => {
    new DisplayPublisher(dir, identity).publish({
      kind: 'lines',
      series: [{ name: 'ch1', y: new Float32Array([0.5, 1.5]) }],
    });
    expect(readFile()).toMatchObject({ content: { series: [{ name: 'ch1', y: [0.5, 1.5] }] } });
  });

  it('throws for content that is not a display, naming the worker, the display and the key', () => {
    const display = new DisplayPublisher(dir, identity);
    expect(() => display.publish({ kind: 'text', lines: 'x' } as unknown as DisplayContent)).toThrow(
      "display 'traces' of worker 'scope': lines: expected an array of strings, got string",
    );
  });

  it('refuses a rate above 10 a second and an empty name', () => {
    expect(() => new DisplayPublisher(dir, identity, { maxRateHz: 50 })).toThrow(
      "display 'traces' of worker 'scope': maxRateHz must be between 1/60 and 10, got 50",
    );
    expect(() => new DisplayPublisher(dir, { ...identity, name: '' })).toThrow(
      "worker 'scope': a display needs a name, got ''",
    );
  });

  it('never throws when its directory is gone (the run ended), and says so once', () => {
    const messages: string[] = [];
    const display = new DisplayPublisher(join(dir, 'gone'), identity, { maxRateHz: 10 }, (m) =>
      messages.push(m),
    );
    display.publish(text('a'));
    publishWhenAllowed(display, text('b'));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^display 'traces' could not be written \(ENOENT/);
  });

  it('without a directory (no control) checks and counts frames but writes nothing', () => {
    const display = new DisplayPublisher(undefined, identity);
    expect(display.publish(text('a'))).toBe(true);
    expect(display.sequence).toBe(1);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('DisplayReader', () => {
  it('reads the frames that changed since its last look, and nothing once the directory is gone', () => {
    const reader = new DisplayReader(dir);
    expect(reader.read()).toEqual([]);
    const traces = new DisplayPublisher(dir, identity, { maxRateHz: 10 });
    const counts = new DisplayPublisher(dir, { ...identity, processIndex: 1, name: 'counts.v2' });
    traces.publish(text('a'));
    counts.publish({ kind: 'histogram', edges: [0, 1], series: [{ name: 'n', counts: [7] }] });
    const first = reader.read();
    expect(first.map((f) => [f.worker, f.processIndex, f.name, f.sequence]).sort()).toEqual([
      ['scope', 0, 'traces', 1],
      ['scope', 1, 'counts.v2', 1],
    ]);
    expect(reader.read()).toEqual([]);
    publishWhenAllowed(traces, text('b'));
    expect(reader.read()).toMatchObject([{ name: 'traces', sequence: 2, content: { lines: ['b'] } }]);
    rmSync(dir, { recursive: true });
    expect(reader.read()).toEqual([]);
  });
});
