// Reference probe, writer side: a bare FIFO token stream, no framework. Writes `events` 4-byte
// tokens (0, 1, 2, ...), `batch` tokens per write (default 1: one write each), then the end token.
// argv: <fifo> <events> [batch]
import { constants, closeSync, openSync, writeSync } from 'node:fs';
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
import { EventWindow } from './event-window.js';
import { FIFO_END_TOKEN, FIFO_READ_TOKENS } from './fifo-tokens.js';

startParentWatchdog();
const path = getStringArg(0, '<fifo>');
const events = getCountArg(1, '<events>');
const batch = process.argv[4] === undefined ? 1 : getCountArg(2, '[batch]');
// Writes up to PIPE_BUF (4096 bytes) are atomic, so a reader always gets whole tokens.
if (batch > FIFO_READ_TOKENS) failChild(`[batch] must be at most ${FIFO_READ_TOKENS} tokens, got ${batch}`);
// Read-write, as the buffers' FIFOs: opening never blocks and the reader never sees end of file.
const fd = openSync(path, constants.O_RDWR);
const eventWindow = new EventWindow();
sendReady();
awaitGo();
eventWindow.open();
const firstWriteMs = writeTokens(fd, events);
const figures = eventWindow.close();
closeSync(fd);
sendResult({ events, first_commit_ms: firstWriteMs, ...figures });

/** The hot loop: one write per `batch` tokens from one preallocated buffer. */
function writeTokens(target: number, count: number): number {
  const bytes = Buffer.alloc(batch * 4);
  const tokens = new Uint32Array(bytes.buffer, bytes.byteOffset, batch);
  let firstWriteMs = 0;
  for (let i = 0; i < count;) {
    const n = Math.min(batch, count - i);
    for (let k = 0; k < n; k++) tokens[k] = i + k;
    writeSync(target, bytes, 0, n * 4);
    if (i === 0) firstWriteMs = nowMs();
    i += n;
  }
  tokens[0] = FIFO_END_TOKEN;
  writeSync(target, bytes, 0, 4);
  return firstWriteMs;
}
