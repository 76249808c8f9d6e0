import type { MsgHdrs } from '@nats-io/transport-node';

/** A message as a receiver handles it, from a JetStream consumer or a core subscription. */
export interface IncomingMessage {
  readonly data: Uint8Array;
  readonly headers: MsgHdrs | undefined;
  /** JetStream delivered it before (to a receiver that died or did not answer in time). */
  readonly isRedelivered: boolean;
}

/** Where a receiver's messages come from. */
export interface MessageSource<M extends IncomingMessage = IncomingMessage> {
  /**
   * The next message; 'idle' when none came for a while (a moment to see whether the run is
   * over, or a stop was requested); undefined once stopped.
   */
  next(): Promise<M | 'idle' | undefined>;
  /** The message's events are committed: the stream may forget it. */
  done(message: M): void;
  /**
   * The message was not (fully) committed: it goes to a receiver again (jetstream), or its
   * `uncommitted` events are counted as dropped (core).
   */
  giveBack(message: M, uncommitted: number): void;
  /** Stops taking messages and gives back those taken and not yet handled. */
  stop(): Promise<void>;
  /** The run of the oldest message waiting here, if any. */
  waitingRun(): number | undefined;
  /** Events the source dropped itself (core mode, a receiver too slow to keep up). */
  readonly droppedEvents: number;
}
