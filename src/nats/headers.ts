import { headers, type MsgHdrs } from '@nats-io/transport-node';

/** The run of the sender (its registry id): a receiver never mixes runs. */
export const RUN_HEADER = 'Mimocorb-Run';
/** The wire layout of the events in the message (wire-layout.ts). */
export const LAYOUT_HEADER = 'Mimocorb-Layout';

/** The headers every message carries. */
export function messageHeaders(run: number, layoutText: string): MsgHdrs {
  const h = headers();
  h.set(RUN_HEADER, String(run));
  h.set(LAYOUT_HEADER, layoutText);
  return h;
}

/** The run a message belongs to, or NaN when it carries none (not sent by mimocorb2). */
export function runOf(h: MsgHdrs | undefined): number {
  const value = h?.get(RUN_HEADER);
  return value === undefined || value === '' ? Number.NaN : Number(value);
}
