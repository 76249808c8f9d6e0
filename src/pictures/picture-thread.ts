// The thread that draws a run's pictures (src/pictures/picture-painter.ts starts it): it loads
// Vega and compiles its drawing code while the run goes on, so that at the end only the drawing
// is left, and it never blocks control's own thread (the TUI, the supervision).
import { parentPort } from 'node:worker_threads';
import type { DisplayContent } from '../display/index.js';
import { renderDisplaySvg } from './render-svg.js';
import { savePictures, type PictureRequest } from './save-pictures.js';

const WARM_UP: readonly DisplayContent[] = [
  { kind: 'histogram', edges: [0, 1, 2], series: [{ name: 'a', counts: [1, 2] }] },
  { kind: 'histogram', style: 'step', logY: true, edges: [0, 1, 2], series: [{ name: 'a', counts: [1, 2] }] },
  { kind: 'lines', series: [{ name: 'a', y: [1, 2, 1] }], horizontalLines: [{ y: 1.5, name: 'h' }] },
  { kind: 'text', lines: ['a'] },
];

const port = parentPort;
if (port === null) throw new Error('picture-thread.js runs as a worker thread of control');
const warmedUp = (async () => {
  for (const content of WARM_UP) await renderDisplaySvg(content, 'warm-up');
})().catch(() => undefined);

port.on('message', (request: PictureRequest) => {
  void warmedUp.then(async () => port.postMessage(await savePictures(request.frames, request.directory)));
});
