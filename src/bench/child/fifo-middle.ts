// Reference probe, middle of the 3-process chain: reads every token already waiting on one FIFO
// (up to 1024) in one read and writes them on to the next FIFO in one write, until the end token,
// which it passes on too. No framework: what the filter of chain A does at the least.
// argv: <in fifo> <out fifo> <events>
import { closeSync, constants, openSync, readSync, writeSync } from 'node:fs';
import { FIFO_END_TOKEN, FIFO_READ_TOKENS } from './fifo-tokens.js';
import {
  failChild,
  getCountArg,
  getStringArg,
  sendReady,
  sendResult,
  startParentWatchdog,
} from './protocol.js';
import { EventWindow } from './event-window.js';

startParentWatchdog();
const inPath = getStringArg(0, '<in fifo>');
const outPath = getStringArg(1, '<out fifo>');
const events = getCountArg(2, '<events>');
const inFd = openSync(inPath, constants.O_RDWR);
const outFd = openSync(outPath, constants.O_RDWR);
const eventWindow = new EventWindow();
sendReady();
eventWindow.open();
const forwarded = forwardTokens(inFd, outFd);
const figures = eventWindow.close();
closeSync(inFd);
closeSync(outFd);
if (forwarded !== events) failChild(`forwarded ${forwarded} tokens, expected ${events}`);
sendResult({ events: forwarded, ...figures });

/** The hot loop: one read and one write per batch, one preallocated buffer. */
function forwardTokens(source: number, target: number): number {
  const bytes = Buffer.alloc(FIFO_READ_TOKENS * 4);
  const tokens = new Uint32Array(bytes.buffer, bytes.byteOffset, FIFO_READ_TOKENS);
  let forwarded = 0;
  for (;;) {
    // Whole tokens in, whole tokens out: writes up to PIPE_BUF (4096 bytes) are atomic.
    const byteCount = readSync(source, bytes, 0, bytes.length, null);
    writeSync(target, bytes, 0, byteCount);
    const count = byteCount >>> 2;
    for (let k = 0; k < count; k++) {
      if (tokens[k] === FIFO_END_TOKEN) return forwarded;
      forwarded++;
    }
  }
}
