// Reference probe, one of three processes: B's per-event work (b-workload-steps.ts) across three
// processes with no framework. Two rings of `slots` slots in one shared file (raw at offset 0,
// filtered after it); per ring a FIFO of filled-slot tokens (event numbers) and one of free ones.
// importer: fills slot i of raw, writes its token (every `batch` events, and before it waits for
// a free slot). filter: reads every token waiting, copies each event into the same slot of
// filtered, then writes the tokens on and back in one write each. exporter: reads every token
// waiting, checks each event, writes the tokens back in one write. Each opens its event window at
// its first event, as B's workers do.
// argv: importer <file> <f4 per field> <fields> <slots> <events> <batch> <raw filled> <raw free>
//       filter   <file> <f4 per field> <fields> <slots> <events> <raw filled> <raw free> <filtered filled> <filtered free>
//       exporter <file> <f4 per field> <fields> <slots> <events> <filtered filled> <filtered free>
import { closeSync, openSync } from 'node:fs';
import { mapShared } from '../../buffer/shared-map.js';
import { closeFd, openFifo, readTokens, writeTokens } from '../../buffer/token-pipe.js';
import {
  copyEvent,
  EventCheck,
  fillEvent,
  getBFieldNames,
  getBLayout,
  makeRing,
} from './b-workload-steps.js';
import type { BSlot } from './b-workload-steps.js';
import { EventWindow } from './event-window.js';
import { FIFO_END_TOKEN, FIFO_READ_TOKENS } from './fifo-tokens.js';
import {
  awaitGo,
  failChild,
  getCountArg,
  getStringArg,
  nowMs,
  sendReady,
  sendResult,
  startParentWatchdog,
} from './protocol.js';

startParentWatchdog();
const role = getStringArg(0, '<role>');
const file = getStringArg(1, '<file>');
const length = getCountArg(2, '<f4 per field>');
const fieldCount = getCountArg(3, '<fields>');
const slots = getCountArg(4, '<slots>');
const events = getCountArg(5, '<events>');
const names = getBFieldNames(fieldCount);
const layout = getBLayout(length, fieldCount, slots);
const ringBytes = layout.slotSize * slots;
const fd = openSync(file, 'r+');
const map = mapShared(fd, 2 * ringBytes);
closeSync(fd);
const raw = makeRing(layout, map.buffer, map.byteOffset);
const filtered = makeRing(layout, map.buffer, map.byteOffset + ringBytes);

/** One FIFO of tokens, opened read-write as the buffers' FIFOs (never blocks on open, no end of file). */
class TokenPipe {
  readonly #fd: number;
  readonly #bytes = Buffer.alloc(FIFO_READ_TOKENS * 4);
  /** The tokens of the last read, or those to write. */
  readonly tokens = new Uint32Array(this.#bytes.buffer, this.#bytes.byteOffset, FIFO_READ_TOKENS);

  constructor(path: string) {
    this.#fd = openFifo(path);
  }

  /** Waits for tokens and reads every one waiting (whole tokens: writes up to PIPE_BUF are atomic). */
  read(): number {
    return readTokens(this.#fd, this.#bytes, 0, FIFO_READ_TOKENS);
  }

  /** Writes the first `count` of `tokens` in one write. */
  write(count: number): void {
    if (count > 0) writeTokens(this.#fd, this.#bytes, 0, count);
  }

  close(): void {
    closeFd(this.#fd);
  }
}

const eventWindow = new EventWindow();
if (role === 'importer') runImporter();
else if (role === 'filter') runFilter();
else if (role === 'exporter') runExporter();
else failChild(`<role> must be importer, filter or exporter, got ${role}`);

function runImporter(): void {
  const batch = getCountArg(6, '<batch>');
  if (batch > FIFO_READ_TOKENS) failChild(`<batch> must be at most ${FIFO_READ_TOKENS}, got ${batch}`);
  const filled = new TokenPipe(getStringArg(7, '<raw filled>'));
  const free = new TokenPipe(getStringArg(8, '<raw free>'));
  sendReady();
  awaitGo();
  eventWindow.open();
  const firstCommitMs = nowMs();
  let freed = 0;
  let pending = 0;
  for (let i = 0; i < events; i++) {
    if (i - freed >= slots) {
      filled.write(pending);
      pending = 0;
      while (i - freed >= slots) freed += free.read();
    }
    fillEvent(raw[i % slots] as BSlot, names, i);
    filled.tokens[pending++] = i;
    if (pending === batch) {
      filled.write(pending);
      pending = 0;
    }
  }
  filled.tokens[pending++] = FIFO_END_TOKEN;
  filled.write(pending);
  const figures = eventWindow.close();
  filled.close();
  free.close();
  sendResult({ events, first_commit_ms: firstCommitMs, ...figures });
}

function runFilter(): void {
  const rawFilled = new TokenPipe(getStringArg(6, '<raw filled>'));
  const rawFree = new TokenPipe(getStringArg(7, '<raw free>'));
  const filteredFilled = new TokenPipe(getStringArg(8, '<filtered filled>'));
  const filteredFree = new TokenPipe(getStringArg(9, '<filtered free>'));
  sendReady();
  let copied = 0;
  let freed = 0;
  let isEnded = false;
  while (!isEnded) {
    const count = rawFilled.read();
    eventWindow.open();
    let pending = 0;
    let done = 0;
    for (; done < count; done++) {
      const token = rawFilled.tokens[done] as number;
      if (token === FIFO_END_TOKEN) {
        isEnded = true;
        break;
      }
      if (copied - freed >= slots) {
        filteredFilled.write(pending);
        pending = 0;
        while (copied - freed >= slots) freed += filteredFree.read();
      }
      copyEvent(raw[token % slots] as BSlot, filtered[token % slots] as BSlot);
      filteredFilled.tokens[pending++] = token;
      rawFree.tokens[done] = token;
      copied++;
    }
    if (isEnded) filteredFilled.tokens[pending++] = FIFO_END_TOKEN;
    filteredFilled.write(pending);
    rawFree.write(done);
  }
  const figures = eventWindow.close();
  for (const pipe of [rawFilled, rawFree, filteredFilled, filteredFree]) pipe.close();
  if (copied !== events) failChild(`copied ${copied} events, expected ${events}`);
  sendResult({ events: copied, ...figures });
}

function runExporter(): void {
  const filled = new TokenPipe(getStringArg(6, '<filtered filled>'));
  const free = new TokenPipe(getStringArg(7, '<filtered free>'));
  const eventCheck = new EventCheck(names, events);
  sendReady();
  let isEnded = false;
  while (!isEnded) {
    const count = filled.read();
    eventWindow.open();
    let done = 0;
    for (; done < count; done++) {
      const token = filled.tokens[done] as number;
      if (token === FIFO_END_TOKEN) {
        isEnded = true;
        break;
      }
      eventCheck.check(filtered[token % slots] as BSlot, token);
      free.tokens[done] = token;
    }
    free.write(done);
  }
  const figures = eventWindow.close();
  filled.close();
  free.close();
  if (eventCheck.received !== events || eventCheck.faults !== 0) {
    failChild(
      `received ${eventCheck.received} of ${events} events; duplicated ${eventCheck.duplicates}, out of range ${eventCheck.outOfRange}, altered ${eventCheck.wrongValues}, out of order ${eventCheck.outOfOrder}`,
    );
  }
  sendResult({
    events: eventCheck.received,
    last_received_ms: performance.timeOrigin + eventCheck.lastReceivedMs,
    ...figures,
  });
}
