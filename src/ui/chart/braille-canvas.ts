// A drawing surface of character cells of 2×4 dots each (Unicode braille, U+2800 plus one bit per
// dot), so a line chart gets twice the columns and four times the rows of the terminal.

// DOT_BITS[dotRow][dotColumn] in a cell.
const DOT_BITS = [
  [0x01, 0x08],
  [0x02, 0x10],
  [0x04, 0x20],
  [0x40, 0x80],
] as const;

const BRAILLE_BLANK = 0x2800;

/** A run of neighbouring cells drawn by the same series (-1: empty cells). */
export interface CellRun {
  readonly text: string;
  readonly series: number;
}

/** Dots set by series; a cell shows the series that drew into it last. */
export class BrailleCanvas {
  readonly columns: number;
  readonly rows: number;
  readonly #bits: Uint8Array;
  readonly #series: Int16Array;

  constructor(columns: number, rows: number) {
    this.columns = Math.max(0, Math.floor(columns));
    this.rows = Math.max(0, Math.floor(rows));
    this.#bits = new Uint8Array(this.columns * this.rows);
    this.#series = new Int16Array(this.columns * this.rows).fill(-1);
  }

  /** Dots across. */
  get width(): number {
    return this.columns * 2;
  }

  /** Dots down; y = 0 is the top. */
  get height(): number {
    return this.rows * 4;
  }

  set(x: number, y: number, series: number): void {
    const xi = Math.round(x);
    const yi = Math.round(y);
    if (xi < 0 || yi < 0 || xi >= this.width || yi >= this.height) return;
    const cell = Math.floor(yi / 4) * this.columns + Math.floor(xi / 2);
    this.#bits[cell] = (this.#bits[cell] as number) | DOT_BITS[(yi % 4) as 0 | 1 | 2 | 3][(xi % 2) as 0 | 1];
    this.#series[cell] = series;
  }

  /** A straight line of dots from (x0, y0) to (x1, y1), both ends included. */
  line(x0: number, y0: number, x1: number, y1: number, series: number): void {
    const steps = Math.max(
      Math.abs(Math.round(x1) - Math.round(x0)),
      Math.abs(Math.round(y1) - Math.round(y0)),
    );
    if (steps === 0) {
      this.set(x0, y0, series);
      return;
    }
    for (let i = 0; i <= steps; i++) {
      this.set(x0 + ((x1 - x0) * i) / steps, y0 + ((y1 - y0) * i) / steps, series);
    }
  }

  /** One row of cells as runs of the same series. */
  row(index: number): CellRun[] {
    const runs: CellRun[] = [];
    let text = '';
    let current = -2;
    for (let column = 0; column < this.columns; column++) {
      const cell = index * this.columns + column;
      const series = (this.#bits[cell] as number) === 0 ? -1 : (this.#series[cell] as number);
      if (series !== current && text.length > 0) {
        runs.push({ text, series: current });
        text = '';
      }
      current = series;
      text += series === -1 ? ' ' : String.fromCharCode(BRAILLE_BLANK + (this.#bits[cell] as number));
    }
    if (text.length > 0) runs.push({ text, series: current });
    return runs;
  }
}
