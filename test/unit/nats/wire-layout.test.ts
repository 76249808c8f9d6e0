import { describe, expect, it } from 'vitest';
import { computeLayout } from '../../../src/buffer/index.js';
import { describeWireLayout, wireLayoutOf } from '../../../src/nats/wire-layout.js';

describe('the wire layout of a buffer', () => {
  it('names data_length and dtype, and sends each slot up to the end of its last field', () => {
    const layout = computeLayout({
      name: 'raw',
      slotCount: 4,
      dataLength: 3,
      fields: { ch1: 'f4', flag: 'b1' },
    });
    const wire = wireLayoutOf(layout);
    expect(wire.text).toBe('{"data_length":3,"dtype":{"ch1":"<f4","flag":"|b1"}}');
    // 24 bytes of metadata, 12 of ch1, 4 of padding to the next 8, 3 of flag.
    expect(wire.eventBytes).toBe(43);
    expect(describeWireLayout(wire.text)).toBe('data_length 3, data_dtype {ch1: <f4, flag: |b1}');
  });

  it('shows text that is not a layout as it is', () => {
    expect(describeWireLayout('garbage')).toBe('"garbage"');
  });
});
