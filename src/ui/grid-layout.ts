// How a grid display's panels share a tab: side by side, stacked, or both, as they fit best.

/** Panels narrower or lower than this are not drawn: a page of them is shown instead. */
export const MIN_PANEL_WIDTH = 28;
export const MIN_PANEL_HEIGHT = 7;
/** A chart looks right about this many columns wide per row high (cells are tall). */
const CELL_ASPECT = 3;

export interface GridLayout {
  readonly columns: number;
  /** Rows of panels shown at once. */
  readonly rows: number;
  readonly panelWidth: number;
  readonly panelHeight: number;
  /** Whether every panel is shown; else a row says which are and how to page. */
  readonly isPaged: boolean;
}

function layoutWith(panels: number, columns: number, width: number, height: number): GridLayout {
  const rowsNeeded = Math.ceil(panels / columns);
  const fittingRows = Math.max(1, Math.floor(height / MIN_PANEL_HEIGHT));
  const isPaged = rowsNeeded > fittingRows;
  const rows = isPaged ? Math.max(1, Math.floor((height - 1) / MIN_PANEL_HEIGHT)) : rowsNeeded;
  return {
    columns,
    rows,
    panelWidth: Math.floor((width - (columns - 1)) / columns),
    panelHeight: Math.floor((isPaged ? height - 1 : height) / rows),
    isPaged,
  };
}

/**
 * The layout of `panels` charts in `width` × `height` cells: of the column counts whose panels
 * are at least MIN_PANEL_WIDTH wide, the one that shows all panels with the largest charts
 * (measured as the smaller of width/3 and height); when none shows all, the one that shows most.
 */
export function gridLayout(panels: number, width: number, height: number): GridLayout {
  const maxColumns = Math.max(1, Math.min(panels, Math.floor((width + 1) / (MIN_PANEL_WIDTH + 1))));
  let best: GridLayout | undefined;
  let bestScore = -Infinity;
  for (let columns = 1; columns <= maxColumns; columns++) {
    const layout = layoutWith(panels, columns, width, height);
    const shown = Math.min(panels, layout.columns * layout.rows);
    const size = Math.min(layout.panelWidth / CELL_ASPECT, layout.panelHeight);
    // Showing more panels comes first, then their size; fewer columns win a tie.
    const score = shown * 1000 + size;
    if (score > bestScore + 1e-9) {
      best = layout;
      bestScore = score;
    }
  }
  return best as GridLayout;
}
