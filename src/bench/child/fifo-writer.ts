// Reference probe, writer side: a bare FIFO token stream, no framework. Writes `events` 4-byte
// tokens (0, 1, 2, ...), one write each, then the end token.
// argv: <fifo> <events>
import { constants, closeSync, openSync, writeSync } from 'node:fs';
import {
  awaitGo,
  cpuSecondsSince,
  getCountArg,
  getStringArg,
  nowMs,
  sendReady,
  sendResult,
  startParentWatchdog,
} from './protocol.js';
import { FIFO_END_TOKEN } from './fifo-tokens.js';

startParentWatchdog();
const path = getStringArg(0, '<fifo>');
const events = getCountArg(1, '<events>');
// Read-write, as the buffers' FIFOs: opening never blocks and the reader never sees end of file.
const fd = openSync(path, constants.O_RDWR);
sendReady();
awaitGo();
const cpuStart = process.cpuUsage();
const firstWriteMs = writeTokens(fd, events);
const cpuSeconds = cpuSecondsSince(cpuStart);
closeSync(fd);
sendResult({ events, first_commit_ms: firstWriteMs, cpu_s: cpuSeconds });

/** The hot loop: one 4-byte write per token from one preallocated buffer. */
function writeTokens(target: number, count: number): number {
  const bytes = Buffer.alloc(4);
  const token = new Uint32Array(bytes.buffer, bytes.byteOffset, 1);
  let firstWriteMs = 0;
  for (let i = 0; i < count; i++) {
    token[0] = i;
    writeSync(target, bytes, 0, 4);
    if (i === 0) firstWriteMs = nowMs();
  }
  token[0] = FIFO_END_TOKEN;
  writeSync(target, bytes, 0, 4);
  return firstWriteMs;
}
