// A blocking pipe read that lasts about a millisecond at most, for a process that must also run
// its event loop (a network client): cheaper than a read in libuv's thread pool (which costs a
// hand-over to another thread and back each time, about 25 µs here), and, like every read of
// ours, straight into the mapped inbox, so a crash loses no token.
//
//   main thread                               wake thread (one per process, started on first use)
//   ───────────                               ───────────
//   state[SEQ] = n; block in read(fd)         every TICK_MS: SEQ still the n it saw a tick ago?
//                                             → write a WAKE token into the pipe (ends the read)
//   state[SEQ] = 0
//
// Any process that reads the pipe may take the WAKE token; readers and writers skip it. The
// thread sleeps for good when nothing blocked for a while, and is woken on the next block.
import { Worker } from 'node:worker_threads';
import { readTokens } from './token-pipe.js';

/** A wait ends after one to two ticks. */
const TICK_MS = 1;
/** Ticks without a blocked read before the thread sleeps until the next one. */
const IDLE_TICKS = 200;

const SEQ = 0;
const FD = 1;
const ASLEEP = 2;

const WAKE_SOURCE = `
const { workerData } = require('node:worker_threads');
const { writeSync } = require('node:fs');
const state = new Int32Array(workerData.state);
const tick = new Int32Array(new SharedArrayBuffer(4));
const wake = Buffer.alloc(4);
wake.writeUInt32LE(0xfffffffe);
let seen = 0;
let idle = 0;
for (;;) {
  if (idle >= ${IDLE_TICKS}) {
    Atomics.store(state, ${ASLEEP}, 1);
    Atomics.wait(state, ${SEQ}, 0);
    Atomics.store(state, ${ASLEEP}, 0);
    idle = 0;
  }
  Atomics.wait(tick, 0, 0, ${TICK_MS});
  const seq = Atomics.load(state, ${SEQ});
  if (seq === 0) { idle++; seen = 0; continue; }
  idle = 0;
  if (seq === seen) {
    try { writeSync(Atomics.load(state, ${FD}), wake); } catch {}
  }
  seen = seq;
}
`;

let state: Int32Array | undefined;
let sequence = 0;

function wakeState(): Int32Array {
  if (state === undefined) {
    const shared = new SharedArrayBuffer(12);
    state = new Int32Array(shared);
    new Worker(WAKE_SOURCE, {
      eval: true,
      workerData: { state: shared },
      stdout: false,
      stderr: false,
    }).unref();
  }
  return state;
}

/**
 * Reads up to `maxTokens` tokens from the blocking `fd` into `target` at `byteOffset`, blocking
 * for at most about two milliseconds: then a WAKE token (written to the pipe through
 * `wakeFd`, a non-blocking fd of the same pipe) ends the read. The caller skips WAKE tokens.
 */
export function readTokensWithin(
  fd: number,
  wakeFd: number,
  target: Buffer,
  byteOffset: number,
  maxTokens: number,
): number {
  const shared = wakeState();
  sequence = (sequence % 0x7fffffff) + 1;
  Atomics.store(shared, FD, wakeFd);
  Atomics.store(shared, SEQ, sequence);
  if (Atomics.load(shared, ASLEEP) === 1) Atomics.notify(shared, SEQ);
  try {
    return readTokens(fd, target, byteOffset, maxTokens);
  } finally {
    Atomics.store(shared, SEQ, 0);
  }
}
