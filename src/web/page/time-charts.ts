import type uPlot from 'uplot';
import { formatCount } from '../../ui/format.js';
import { Chart, type ChartOptions } from './chart.js';
import { seriesColor } from './colors.js';
import { tickLabels } from './ticks.js';

/** One quantity over time per named series (a buffer's rate, a worker's CPU). */
export interface TimeSeries {
  readonly name: string;
  readonly values: readonly number[];
}

/** A chart of quantities over the run's time, live. */
export class TimeChart {
  readonly chart = new Chart();
  readonly #yLabel: string;
  readonly #unit: string;

  constructor(yLabel: string, unit: string) {
    this.#yLabel = yLabel;
    this.#unit = unit;
  }

  get element(): HTMLElement {
    return this.chart.element;
  }

  update(time: readonly number[], series: readonly TimeSeries[]): void {
    const signature = series.map((s) => s.name).join('\u0000');
    const data = [time, ...series.map((s) => s.values)] as uPlot.AlignedData;
    this.chart.update(signature, () => this.#options(series), data);
  }

  #options(series: readonly TimeSeries[]): ChartOptions {
    const unit = this.#unit;
    return {
      scales: {
        x: { time: true },
        y: { range: (_u, min, max) => [Math.min(0, min), Math.max(1, max * 1.05)] },
      },
      axes: [{ label: 'time' }, { label: this.#yLabel, values: tickLabels, size: 60 }],
      series: [
        { label: 'time' },
        ...series.map((s, i) => ({
          label: s.name,
          stroke: seriesColor(i),
          width: 1.5,
          value: (_u: uPlot, value: number | null) => (value === null ? '–' : `${formatCount(value)}${unit}`),
        })),
      ],
    };
  }
}
