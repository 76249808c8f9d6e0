import {
  MAX_DISPLAY_NUMBERS,
  MAX_DISPLAY_SERIES,
  MAX_DISPLAY_TEXT_LINES,
  MAX_GRID_PANELS,
  MAX_HORIZONTAL_LINES,
  type DisplayContent,
} from './content.js';
import { isRecord } from '../is-record.js';

type Problems = string[];

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

function describe(value: unknown): string {
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return value === null ? 'null' : typeof value;
}

function checkOptionalString(record: Record<string, unknown>, key: string, problems: Problems): void {
  const value = record[key];
  if (value !== undefined && typeof value !== 'string')
    problems.push(`${key}: expected a string, got ${describe(value)}`);
}

/** Checks an array of finite numbers; returns its length (0 when it is none). */
function checkNumbers(value: unknown, path: string, problems: Problems): number {
  if (!Array.isArray(value) && !ArrayBuffer.isView(value)) {
    problems.push(`${path}: expected an array of numbers, got ${describe(value)}`);
    return 0;
  }
  const numbers = value as ArrayLike<unknown>;
  for (let i = 0; i < numbers.length; i++) {
    const n = numbers[i];
    if (typeof n !== 'number' || !Number.isFinite(n)) {
      problems.push(`${path}[${i}]: expected a finite number, got ${String(n)}`);
      break;
    }
  }
  return numbers.length;
}

/** Checks `series` (1 to MAX_DISPLAY_SERIES entries of {name, <values>}); returns their lengths. */
function checkSeries(record: Record<string, unknown>, values: 'y' | 'counts', problems: Problems): number[] {
  const series = record['series'];
  if (!Array.isArray(series) || series.length === 0 || series.length > MAX_DISPLAY_SERIES) {
    problems.push(`series: expected an array of 1 to ${MAX_DISPLAY_SERIES} series, got ${describe(series)}`);
    return [];
  }
  return series.map((entry: unknown, i) => {
    if (!isRecord(entry)) {
      problems.push(`series[${i}]: expected {name, ${values}}, got ${describe(entry)}`);
      return 0;
    }
    if (typeof entry['name'] !== 'string') problems.push(`series[${i}].name: expected a string`);
    const color = entry['color'];
    if (values === 'y' && color !== undefined && (typeof color !== 'string' || !HEX_COLOR.test(color)))
      problems.push(
        `series[${i}].color: expected a colour as #rrggbb, got ${typeof color === 'string' ? JSON.stringify(color) : describe(color)}`,
      );
    return checkNumbers(entry[values], `series[${i}].${values}`, problems);
  });
}

function checkLines(record: Record<string, unknown>, problems: Problems): number {
  const lengths = checkSeries(record, 'y', problems);
  let count = lengths.reduce((a, b) => a + b, 0);
  if (record['x'] !== undefined) {
    const xLength = checkNumbers(record['x'], 'x', problems);
    count += xLength;
    lengths.forEach((length, i) => {
      if (length !== xLength) problems.push(`series[${i}].y: has ${length} values but x has ${xLength}`);
    });
  }
  const range = record['yRange'];
  if (range !== undefined) {
    checkNumbers(range, 'yRange', problems);
    if (!Array.isArray(range) || range.length !== 2 || !((range[0] as number) < (range[1] as number)))
      problems.push(`yRange: expected [min, max] with min < max, got ${JSON.stringify(range)}`);
  }
  checkHorizontalLines(record['horizontalLines'], problems);
  return count;
}

function checkHorizontalLines(lines: unknown, problems: Problems): void {
  if (lines === undefined) return;
  if (!Array.isArray(lines) || lines.length > MAX_HORIZONTAL_LINES) {
    problems.push(
      `horizontalLines: expected an array of at most ${MAX_HORIZONTAL_LINES} {y, name}, got ${describe(lines)}`,
    );
    return;
  }
  lines.forEach((line: unknown, i) => {
    if (!isRecord(line)) problems.push(`horizontalLines[${i}]: expected {y, name}, got ${describe(line)}`);
    else {
      const y = line['y'];
      if (typeof y !== 'number' || !Number.isFinite(y))
        problems.push(`horizontalLines[${i}].y: expected a finite number, got ${String(y)}`);
      if (typeof line['name'] !== 'string') problems.push(`horizontalLines[${i}].name: expected a string`);
    }
  });
}

function checkHistogram(record: Record<string, unknown>, problems: Problems): number {
  const bins = checkNumbers(record['edges'], 'edges', problems) - 1;
  if (bins < 1) problems.push('edges: expected at least 2 bin edges');
  const edges = record['edges'] as ArrayLike<number>;
  for (let i = 1; i <= bins; i++)
    if (!(edges[i - 1]! < edges[i]!)) {
      problems.push(`edges: expected increasing values, but edges[${i}] is ${edges[i]}`);
      break;
    }
  const lengths = checkSeries(record, 'counts', problems);
  lengths.forEach((length, i) => {
    if (bins >= 1 && length !== bins)
      problems.push(`series[${i}].counts: has ${length} values but edges make ${bins} bins`);
  });
  const style = record['style'];
  if (style !== undefined && style !== 'bar' && style !== 'step' && style !== 'line')
    problems.push(`style: expected 'bar', 'step' or 'line', got ${JSON.stringify(style) ?? 'undefined'}`);
  return bins + 1 + lengths.reduce((a, b) => a + b, 0);
}

/** Checks a lines or histogram chart (a display or a grid's panel); returns its count of numbers. */
function checkChart(record: Record<string, unknown>, problems: Problems): number {
  checkOptionalString(record, 'title', problems);
  checkOptionalString(record, 'xLabel', problems);
  checkOptionalString(record, 'yLabel', problems);
  if (record['logY'] !== undefined && typeof record['logY'] !== 'boolean')
    problems.push(`logY: expected true or false, got ${describe(record['logY'])}`);
  return record['kind'] === 'lines' ? checkLines(record, problems) : checkHistogram(record, problems);
}

function checkGrid(record: Record<string, unknown>, problems: Problems): number {
  const panels = record['panels'];
  if (!Array.isArray(panels) || panels.length === 0 || panels.length > MAX_GRID_PANELS) {
    problems.push(`panels: expected an array of 1 to ${MAX_GRID_PANELS} panels, got ${describe(panels)}`);
    return 0;
  }
  let numbers = 0;
  panels.forEach((panel: unknown, i) => {
    const at = `panels[${i}]`;
    if (!isRecord(panel)) problems.push(`${at}: expected an object {kind, ...}, got ${describe(panel)}`);
    else if (panel['kind'] !== 'lines' && panel['kind'] !== 'histogram')
      problems.push(
        `${at}.kind: expected 'lines' or 'histogram', got ${JSON.stringify(panel['kind']) ?? 'undefined'}`,
      );
    else {
      const own: Problems = [];
      numbers += checkChart(panel, own);
      for (const problem of own) problems.push(`${at}.${problem}`);
    }
  });
  return numbers;
}

function checkText(record: Record<string, unknown>, problems: Problems): number {
  const lines = record['lines'];
  if (!Array.isArray(lines) || lines.some((line) => typeof line !== 'string'))
    problems.push(`lines: expected an array of strings, got ${describe(lines)}`);
  else if (lines.length > MAX_DISPLAY_TEXT_LINES)
    problems.push(`lines: ${lines.length} lines, at most ${MAX_DISPLAY_TEXT_LINES}`);
  return 0;
}

/**
 * The problems of a display's content (each `key: what was expected, what it got`); an empty
 * list when it can be published.
 */
export function checkDisplayContent(content: unknown): string[] {
  const problems: Problems = [];
  if (!isRecord(content)) return [`expected an object {kind, ...}, got ${describe(content)}`];
  let numbers: number;
  switch (content['kind']) {
    case 'lines':
    case 'histogram':
      numbers = checkChart(content, problems);
      break;
    case 'text':
      checkOptionalString(content, 'title', problems);
      numbers = checkText(content, problems);
      break;
    case 'grid':
      checkOptionalString(content, 'title', problems);
      numbers = checkGrid(content, problems);
      break;
    default:
      return [
        `kind: expected 'lines', 'histogram', 'text' or 'grid', got ${JSON.stringify(content['kind']) ?? 'undefined'}`,
      ];
  }
  if (numbers > MAX_DISPLAY_NUMBERS)
    problems.push(`${numbers} numbers in one display, at most ${MAX_DISPLAY_NUMBERS}: downsample the data`);
  return problems;
}

/** Narrows after checkDisplayContent found nothing. */
export function isDisplayContent(content: unknown): content is DisplayContent {
  return checkDisplayContent(content).length === 0;
}
