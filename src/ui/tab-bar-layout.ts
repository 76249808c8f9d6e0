// Fits the tab titles into one row: inactive titles are shortened first, then only the tabs
// around the active one are shown, with ‹ › marking that more are to either side.

/** Inactive titles longer than this are cut when the row is too narrow. */
const SHORT_TITLE_LENGTH = 14;

export interface TabBarLayout {
  /** The shown tabs: their index and their text (number key and title). */
  readonly labels: readonly { readonly index: number; readonly text: string }[];
  readonly hasMoreLeft: boolean;
  readonly hasMoreRight: boolean;
}

function shorten(title: string, length: number): string {
  return title.length <= length ? title : `${title.slice(0, length - 1)}…`;
}

// Tabs past the ninth have no number key.
const labelOf = (title: string, index: number) => ` ${index < 9 ? `${index + 1} ` : ''}${title} `;

/** Width of labels side by side with one separator between. */
const rowWidth = (texts: readonly string[]) =>
  texts.reduce((sum, text) => sum + text.length, 0) + Math.max(0, texts.length - 1);

/** The tabs to show in a row `width` columns wide; the active one is always among them. */
export function layoutTabBar(titles: readonly string[], active: number, width: number): TabBarLayout {
  const full = titles.map(labelOf);
  if (rowWidth(full) <= width)
    return { labels: full.map((text, index) => ({ index, text })), hasMoreLeft: false, hasMoreRight: false };
  const texts = titles.map((title, index) =>
    index === active ? (full[index] as string) : labelOf(shorten(title, SHORT_TITLE_LENGTH), index),
  );
  let from = active;
  let to = active + 1;
  const fits = (start: number, end: number) =>
    rowWidth(texts.slice(start, end)) + (start > 0 ? 1 : 0) + (end < texts.length ? 1 : 0) <= width;
  for (let isGrowing = true; isGrowing;) {
    isGrowing = false;
    if (to < texts.length && fits(from, to + 1)) {
      to++;
      isGrowing = true;
    }
    if (from > 0 && fits(from - 1, to)) {
      from--;
      isGrowing = true;
    }
  }
  return {
    labels: texts.slice(from, to).map((text, i) => ({ index: from + i, text })),
    hasMoreLeft: from > 0,
    hasMoreRight: to < texts.length,
  };
}
