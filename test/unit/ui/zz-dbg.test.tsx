import { render } from 'ink-testing-library';
import { it } from 'vitest';
import { App } from '../../../src/ui/components/App.js';
import { FakeControl } from './fake-control.js';
import { runSnapshot } from './snapshots.js';

it('dbg', async () => {
  const control = new FakeControl(['raw'], ['source', 'filter', 'sink']);
  const v = render(<App control={control} />);
  control.pushSnapshot(runSnapshot(1_010));
  await new Promise((r) => setTimeout(r, 100));
  for (const k of ['3', '4', '5', 'p', 'p']) {
    v.stdin.write(k);
    await new Promise((r) => setTimeout(r, 100));
    console.log(k, '=>', (v.lastFrame() ?? '').split('\n')[1], '|', (v.lastFrame() ?? '').split('\n').at(-3));
  }
  console.log(control.calls);
});
