// Reference probe, reader side: reads every token already waiting (up to 1024) in one read until
// the end token, checks that token i arrives as the i-th, and records when the last one arrived.
// argv: <fifo> <events>
import { closeSync, constants, openSync, readSync } from 'node:fs';
import { FIFO_END_TOKEN, FIFO_READ_TOKENS } from './fifo-tokens.js';
import {
  failChild,
  getCountArg,
  getStringArg,
  nowMs,
  sendReady,
  sendResult,
  startParentWatchdog,
} from './protocol.js';
import { EventWindow } from './event-window.js';

startParentWatchdog();
const path = getStringArg(0, '<fifo>');
const events = getCountArg(1, '<events>');
const fd = openSync(path, constants.O_RDWR);
const eventWindow = new EventWindow();
sendReady();
eventWindow.open();
const { received, lastReceivedMs } = readTokens(fd, events);
const figures = eventWindow.close();
closeSync(fd);
if (received !== events) failChild(`received ${received} tokens, expected ${events}`);
sendResult({
  events: received,
  last_received_ms: lastReceivedMs,
  ...figures,
});

/** The hot loop: batched reads into one preallocated buffer, no allocation per token. */
function readTokens(source: number, expected: number) {
  const bytes = Buffer.alloc(FIFO_READ_TOKENS * 4);
  const tokens = new Uint32Array(bytes.buffer, bytes.byteOffset, FIFO_READ_TOKENS);
  let received = 0;
  let lastReceivedMs = 0;
  let isEnded = false;
  while (!isEnded) {
    // Writes are whole 4-byte tokens and pipes keep them whole, so a read returns whole tokens.
    const count = readSync(source, bytes, 0, bytes.length, null) >>> 2;
    for (let k = 0; k < count; k++) {
      const token = tokens[k] as number;
      if (token === FIFO_END_TOKEN) {
        isEnded = true;
        break;
      }
      if (token !== received)
        failChild(`token number ${received} arrived as ${token} (lost, duplicated or reordered)`);
      received++;
    }
    if (received === expected && lastReceivedMs === 0) lastReceivedMs = nowMs();
  }
  return { received, lastReceivedMs };
}
