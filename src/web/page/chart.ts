import uPlot from 'uplot';

/** A chart's options but its size (which follows its card). */
export type ChartOptions = Omit<uPlot.Options, 'width' | 'height'>;

/** The height of a chart's plot; its width follows its card. */
const CHART_HEIGHT = 240;

/**
 * A uPlot chart that takes new data in place. Drag to zoom (x and y), double-click to zoom out;
 * while zoomed, new data does not move the view. The plot is made again only when its
 * `signature` changes (other series, another kind of chart).
 */
export class Chart {
  readonly element: HTMLDivElement;
  #plot: uPlot | undefined;
  #signature = '';
  #isZoomed = false;
  #data: uPlot.AlignedData = [[]];

  constructor(className = 'chart') {
    this.element = document.createElement('div');
    this.element.className = className;
    new ResizeObserver(() => this.#plot?.setSize(this.#size())).observe(this.element);
  }

  update(signature: string, makeOptions: () => ChartOptions, data: uPlot.AlignedData): void {
    this.#data = data;
    if (this.#plot === undefined || signature !== this.#signature) {
      this.#plot?.destroy();
      this.#signature = signature;
      this.#isZoomed = false;
      const options = makeOptions();
      this.#plot = new uPlot(
        {
          ...this.#size(),
          ...options,
          cursor: { drag: { x: true, y: true, uni: 30 }, ...options.cursor },
          hooks: {
            setSelect: [(plot) => void (this.#isZoomed ||= plot.select.width > 0 || plot.select.height > 0)],
          },
        },
        data,
        this.element,
      );
      this.#plot.over.addEventListener('dblclick', () => {
        this.#isZoomed = false;
        this.#plot?.setData(this.#data, true);
      });
      return;
    }
    this.#plot.setData(data, !this.#isZoomed);
  }

  #size(): { width: number; height: number } {
    return { width: Math.max(200, this.element.clientWidth), height: CHART_HEIGHT };
  }
}
