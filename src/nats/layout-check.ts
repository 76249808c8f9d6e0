import { JetStreamApiError } from '@nats-io/jetstream';
import { NatsError } from '../errors.js';
import { isLive, type Registry, type RegistryView } from './registry.js';
import { LAYOUT_KEY } from './registry-records.js';
import { describeWireLayout, type WireLayout } from './wire-layout.js';

const WRONG_LAST_SEQUENCE = 10071;

export interface LayoutCheck {
  readonly registry: Registry;
  readonly wire: WireLayout;
  readonly stream: string;
  /** The buffer on this side, for messages. */
  readonly bufferName: string;
  /** Messages the stream holds (0 in core mode): events of the old layout must not be misread. */
  readonly storedMessages: () => Promise<number>;
  readonly log: (line: string) => void;
}

/**
 * Makes sure the stream's registry names this side's layout: writes it when none is there, and
 * replaces another one only when nobody uses the stream and it holds nothing; else refuses with
 * a NatsError that names both layouts.
 */
export async function checkLayout(check: LayoutCheck, view: RegistryView): Promise<void> {
  const { registry, wire } = check;
  for (let attempt = 0; attempt < 3; attempt++) {
    const stored = view.layout;
    if (stored?.text === wire.text) return;
    try {
      if (stored === undefined) {
        await registry.kv.create(LAYOUT_KEY, wire.text);
        return;
      }
      const others = view.members.filter((member) => member.key !== registry.key && isLive(member, view));
      if (others.length > 0 || (await check.storedMessages()) > 0) throw refusal(check, stored.text);
      await registry.kv.update(LAYOUT_KEY, wire.text, stored.revision);
      check.log(
        `stream '${check.stream}' changes its layout from ${describeWireLayout(stored.text)} to ` +
          `${describeWireLayout(wire.text)} (nobody used the old one, and nothing of it was left)`,
      );
      return;
    } catch (error) {
      // Another process wrote the layout at the same moment: look again.
      if (!(error instanceof JetStreamApiError) || error.code !== WRONG_LAST_SEQUENCE) throw error;
      view = await registry.read();
    }
  }
  throw new NatsError(`stream '${check.stream}': its layout keeps changing under this process; try again`);
}

/** The error for a layout that differs from the stream's. */
export function refusal(
  check: Pick<LayoutCheck, 'stream' | 'bufferName' | 'wire'>,
  streamLayout: string,
): NatsError {
  return new NatsError(
    `stream '${check.stream}' carries events of ${describeWireLayout(streamLayout)}, but buffer ` +
      `'${check.bufferName}' here has ${describeWireLayout(check.wire.text)}: give the buffers on both ` +
      `hosts the same data_length and data_dtype, or use another stream`,
  );
}
