// Reads back the numbers of a Vega chart in an SVG file (the pictures of a run): texts by their
// role, bars and lines by their geometry, and the y axis's pixel-to-value map from its tick labels.

/** A text of the picture with where it stands. */
export interface SvgText {
  readonly text: string;
  readonly x: number;
  readonly y: number;
}

function unescape(text: string): string {
  return text
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&amp;', '&');
}

/** The texts of every `<g class="mark-text role-<role>">` group (e.g. axis-title, legend-label, title-text). */
export function textsOf(svg: string, role: string): SvgText[] {
  const texts: SvgText[] = [];
  const group = new RegExp(`<g class="mark-text role-${role}(?: [^"]*)?"[^>]*>(.*?)</g>`, 'g');
  for (const [, inner] of svg.matchAll(group)) {
    for (const [, x, y, text] of (inner ?? '').matchAll(
      /<text[^>]*transform="translate\(([-\d.e]+),([-\d.e]+)\)[^"]*"[^>]*>([^<]*)<\/text>/g,
    ))
      texts.push({ text: unescape(text ?? ''), x: Number(x), y: Number(y) });
  }
  return texts;
}

/** The ticks of the y axis titled `title`: each label's value at its tick line's pixel row. */
export function yTicksOf(svg: string, title: string): { value: number; y: number }[] {
  const start = svg.indexOf(`aria-label="Y-axis titled '${title}'`);
  if (start < 0) throw new Error(`no y axis titled '${title}' in the picture`);
  const axis = svg.slice(start);
  const tickGroup = /<g class="mark-rule role-axis-tick"[^>]*>(.*?)<\/g>/.exec(axis)?.[1] ?? '';
  const rows = [...tickGroup.matchAll(/<line transform="translate\(([-\d.e]+),([-\d.e]+)\)"/g)].map((m) =>
    Number(m[2]),
  );
  const labels = textsOf(axis, 'axis-label').slice(0, rows.length);
  return labels.map((label, i) => ({
    value: Number(label.text.replaceAll(',', '').replace('−', '-')),
    y: rows[i] as number,
  }));
}

/** A value on a linear y axis from its pixel row, fitted through the first and last tick. */
export function valueAtY(ticks: readonly { value: number; y: number }[], y: number): number {
  const first = ticks[0];
  const last = ticks[ticks.length - 1];
  if (first === undefined || last === undefined || first.y === last.y)
    throw new Error('the axis has fewer than 2 ticks');
  return first.value + ((y - first.y) * (last.value - first.value)) / (last.y - first.y);
}

/** The rectangles of the picture's bars (rect marks), left to right. */
export function barsOf(
  svg: string,
): { x: number; top: number; width: number; height: number; label: string }[] {
  const bars = [];
  for (const [, label, d] of svg.matchAll(
    /<path aria-label="([^"]*)" role="graphics-symbol" aria-roledescription="rect mark" d="([^"]*)"/g,
  )) {
    const [x, top, width, height] = (/^M([-\d.e]+),([-\d.e]+)h([-\d.e]+)v([-\d.e]+)/.exec(d ?? '') ?? [])
      .slice(1)
      .map(Number);
    bars.push({
      x: x ?? NaN,
      top: top ?? NaN,
      width: width ?? NaN,
      height: height ?? NaN,
      label: unescape(label ?? ''),
    });
  }
  return bars.sort((a, b) => a.x - b.x);
}

/** The aria labels of the line marks (one per line: its first point) and the points of their paths. */
export function linesOf(svg: string): { label: string; points: [number, number][] }[] {
  const lines = [];
  for (const [, label, d] of svg.matchAll(
    /<path aria-label="([^"]*)" role="graphics-symbol" aria-roledescription="line mark" d="([^"]*)"/g,
  )) {
    const points = [...(d ?? '').matchAll(/[ML]([-\d.e]+),([-\d.e]+)/g)].map(
      ([, x, y]) => [Number(x), Number(y)] as [number, number],
    );
    lines.push({ label: unescape(label ?? ''), points });
  }
  return lines;
}

/** The parts of a grid's picture, one per panel (Vega-Lite names their groups concat_<i>_group). */
export function panelsOf(svg: string): string[] {
  const starts = [...svg.matchAll(/class="mark-group role-scope concat_(\d+)_group"/g)].map((m) => m.index);
  return starts.map((start, i) => svg.slice(start, starts[i + 1] ?? svg.length));
}
