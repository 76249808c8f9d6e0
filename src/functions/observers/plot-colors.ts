// Colours as a matplotlib user writes them (the original's `colors` went to matplotlib), as the
// `#rrggbb` a display takes: CSS names and hex through d3-color, plus matplotlib's own short forms.
import { color as parseCssColor } from 'd3-color';

const TAB10 = {
  'tab:blue': '#1f77b4',
  'tab:orange': '#ff7f0e',
  'tab:green': '#2ca02c',
  'tab:red': '#d62728',
  'tab:purple': '#9467bd',
  'tab:brown': '#8c564b',
  'tab:pink': '#e377c2',
  'tab:gray': '#7f7f7f',
  'tab:olive': '#bcbd22',
  'tab:cyan': '#17becf',
} as const;

const MATPLOTLIB_COLORS: Readonly<Record<string, string>> = {
  ...TAB10,
  'tab:grey': TAB10['tab:gray'],
  // The default property cycle: C0 is the first series' colour.
  ...Object.fromEntries(Object.values(TAB10).map((hex, i) => [`C${i}`, hex])),
  b: '#0000ff',
  g: '#008000',
  r: '#ff0000',
  c: '#00bfbf',
  m: '#bf00bf',
  y: '#bfbf00',
  k: '#000000',
  w: '#ffffff',
};

/** matplotlib's grey levels: a string of a number from 0 (black) to 1 (white). */
const GREY_LEVEL = /^(0(\.\d*)?|1(\.0*)?|\.\d+)$/;

/** What `colors` accepts, for the docs and the config check. */
export const PLOT_COLOR_TEXT =
  "a colour: a CSS name ('red', 'darkorange'), '#rrggbb', 'C0' to 'C9', 'tab:blue', one of b g r c m y k w, or a grey level '0.5'";

/** The colour as `#rrggbb`, or undefined when it is none of the forms PLOT_COLOR_TEXT lists. */
export function toHexColor(spec: string): string | undefined {
  const own = MATPLOTLIB_COLORS[spec];
  if (own !== undefined) return own;
  if (GREY_LEVEL.test(spec)) {
    const level = Math.round(Number(spec) * 255);
    return `#${level.toString(16).padStart(2, '0').repeat(3)}`;
  }
  const parsed = parseCssColor(spec.toLowerCase());
  return parsed === null || !parsed.displayable() ? undefined : parsed.formatHex();
}
