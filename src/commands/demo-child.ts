// One side of `mimocorb2 demo`: a writer or a reader process on an existing buffer.
import { RingBuffer, Reader, Writer } from '../buffer/index.js';

const [role, path, count] = process.argv.slice(2);
const buffer = RingBuffer.open(path as string);
if (role === 'writer') {
  const writer = new Writer(buffer);
  const events = Number(count);
  for (let i = 0; i < events; i++) {
    const slot = writer.acquire();
    if (slot === null) break;
    (slot.data['value'] as Float64Array)[0] = i;
    slot.metadata.set3(writer.nextCounter(), performance.timeOrigin / 1000 + performance.now() / 1000, 0);
    writer.commit();
  }
  writer.close();
} else {
  const reader = new Reader(buffer);
  let events = 0;
  let first = 0;
  let sum = 0;
  for (let slot = reader.next(); slot !== null; slot = reader.next()) {
    if (events === 0) first = performance.now();
    events++;
    sum += (slot.data['value'] as Float64Array)[0] as number;
  }
  const seconds = (performance.now() - first) / 1000;
  process.stdout.write(JSON.stringify({ events, seconds, sum }) + '\n');
}
buffer.close();
