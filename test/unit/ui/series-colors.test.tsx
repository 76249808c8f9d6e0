// A series' own colour (e.g. an oscilloscope's `colors`) reaches the terminal: its curve and its
// legend mark; the others keep the palette's.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LinesDisplay } from '../../../src/display/index.js';

import type * as InkTesting from 'ink-testing-library';
import type * as LinesViewModule from '../../../src/ui/components/LinesView.js';

let testing: typeof InkTesting;
let LinesView: (typeof LinesViewModule)['LinesView'];

// Without a terminal chalk writes no colours; it reads FORCE_COLOR when it is first imported.
beforeAll(async () => {
  vi.stubEnv('FORCE_COLOR', '3');
  testing = await import('ink-testing-library');
  ({ LinesView } = await import('../../../src/ui/components/LinesView.js'));
});
afterEach(() => {
  testing.cleanup();
});

// #ff0000 in true colour, or as bright red where chalk keeps to 16 colours; the palette's second is magenta (35).
// eslint-disable-next-line no-control-regex -- the escape that starts a terminal colour
const RED = /\u001b\[(?:38;2;255;0;0|91)m/;

describe('series colours in the terminal', () => {
  it('draws a series with its own colour, curve and legend mark', () => {
    const content: LinesDisplay = {
      kind: 'lines',
      series: [
        { name: 'chA', y: [0, 1, 0, 1], color: '#ff0000' },
        { name: 'chB', y: [1, 0, 1, 0] },
      ],
    };
    const frame = testing.render(<LinesView content={content} width={40} height={10} />).lastFrame() ?? '';
    const legend = frame.split('\n').at(-1) ?? '';
    expect(legend).toMatch(new RegExp(`^${RED.source}■\\u001b\\[39m chA +\\u001b\\[35m■\\u001b\\[39m chB$`));
    expect(frame.split('\n').slice(0, -2).join('\n')).toMatch(RED);
  });
});
