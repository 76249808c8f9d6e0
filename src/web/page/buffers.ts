import { absorbSeconds } from '../../control/stats/absorb-seconds.js';
import { formatAge } from '../../control/stats/format-age.js';
import type { BufferSnapshot, RunSnapshot } from '../../control/stats/snapshot.js';
import { formatInteger, formatPercent, formatRate } from '../../ui/format.js';
import { el, table } from './dom.js';

/** root, paused, stopping, ended: what a buffer is, as small labels. */
function badges(buffer: BufferSnapshot): HTMLElement {
  return el(
    'span',
    { className: 'badges' },
    buffer.isRoot && el('span', { className: 'badge root' }, 'root'),
    buffer.paused && el('span', { className: 'badge paused' }, 'paused'),
    buffer.stopRequested && !buffer.ended && el('span', { className: 'badge stopping' }, 'stopping'),
    buffer.ended && el('span', { className: 'badge ended' }, 'ended'),
  );
}

/** Slots filled (waiting for a reader), in use, free, as one bar. */
function fillBar(buffer: BufferSnapshot): HTMLElement {
  // Set through the style object: the page's CSP refuses style attributes.
  const part = (className: string, fraction: number) => {
    const span = el('span', { className });
    span.style.width = `${(fraction * 100).toFixed(2)}%`;
    return span;
  };
  return el(
    'div',
    {
      className: 'fill',
      title: `${formatPercent(buffer.filled * 100)} filled, ${formatPercent(buffer.inUse * 100)} in use, ${formatPercent(buffer.free * 100)} free of ${buffer.slotCount} slots`,
    },
    part('filled', buffer.filled),
    part('in-use', buffer.inUse),
  );
}

function absorbText(buffer: BufferSnapshot): string {
  if (buffer.ended) return '–';
  const seconds = absorbSeconds(buffer);
  if (!Number.isFinite(seconds)) return 'no input';
  return `${seconds < 10 ? seconds.toFixed(2) : seconds.toFixed(0)} s`;
}

/** A count that should be zero: shown as a warning when it is not. */
function lost(value: number, className = 'warn'): HTMLElement {
  return el('span', { className: value > 0 ? className : 'zero' }, formatInteger(value));
}

/**
 * Per buffer: fill, rate, counts, how far its readers trail (lag, age of the events they take),
 * how long the free slots last, lost events.
 */
export function buffersTable(snapshot: RunSnapshot | undefined): HTMLElement {
  if (snapshot === undefined) return el('p', { className: 'empty' }, 'waiting for the first statistics');
  return table(
    [
      'buffer',
      'slots',
      'filled / free',
      'rate',
      'events',
      'read',
      'lag',
      'age p50',
      'age p99',
      'free slots last',
      'discarded',
      'overwritten',
      'redelivered',
      'dropped',
    ],
    snapshot.buffers.map((b) => [
      el('span', {}, el('span', { className: 'name' }, b.name), badges(b)),
      fillBar(b),
      `${formatPercent(b.filled * 100)} / ${formatPercent(b.free * 100)} of ${b.slotCount}`,
      formatRate(b.rate),
      formatInteger(b.events),
      formatInteger(b.read),
      // Half the slots waiting for a reader: the readers of this buffer are the bottleneck.
      el('span', { className: b.lag >= b.slotCount / 2 ? 'warn' : '' }, formatInteger(b.lag)),
      formatAge(b.ageP50),
      formatAge(b.ageP99),
      absorbText(b),
      lost(b.discarded),
      lost(b.overwritten),
      lost(b.redelivered),
      lost(b.dropped, 'error'),
    ]),
    'buffers',
  );
}

/** The root buffers' exact numbers, where events enter (as the TUI's root table). */
export function rootTable(snapshot: RunSnapshot | undefined, roots: readonly string[]): HTMLElement {
  return table(
    ['root buffer', 'events', 'rate', 'dead time', 'paused', 'ended'],
    roots.map((name) => {
      const b = snapshot?.buffers.find((buffer) => buffer.name === name);
      if (b === undefined) return [name, '–', '–', '–', '–', '–'];
      return [
        el('span', { className: 'name' }, name),
        formatInteger(b.events),
        formatRate(b.rate),
        formatPercent(b.deadTime * 100),
        b.paused ? el('span', { className: 'warn' }, 'yes') : 'no',
        b.ended ? 'yes' : 'no',
      ];
    }),
    'roots',
  );
}
