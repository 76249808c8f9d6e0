/** One line of a worker's output, as read back from its log file. */
export interface LogLine {
  readonly worker: string;
  /** The process of the worker that wrote it; undefined when the line carries no `[n] ` prefix. */
  readonly processIndex: number | undefined;
  readonly text: string;
  /** Written to stderr (prefix `[n]! `), or it reads like an error report. */
  readonly isError: boolean;
}

// `[3] text` from stdout; `[3]! text` marks stderr once log-files.ts writes that prefix.
const PREFIX = /^\[(\d+)\](!?) /;
// Today stdout and stderr share the `[n] ` prefix: failure reports, stack frames and lines that
// name an error are what a person looks for.
const ERROR_TEXT =
  /\b(error|exception|failed|fatal|traceback|threw)\b|\w(Error|Exception):|^\s+at \S.*\)$|^still busy /i;
// Control's notices that a process ended badly or that events are lost.
const FAILURE_NOTICE =
  /\bexited with code [1-9]|\bkilled by SIG|\bno reader left\b|\bcould not\b|\bwas not saved\b/;

/** Whether a notice of control's says something went wrong (shown as an error among the logs). */
export function isErrorNotice(text: string): boolean {
  return ERROR_TEXT.test(text) || FAILURE_NOTICE.test(text);
}

/** Splits a raw log line into its process index and text and decides whether it is an error. */
export function parseLogLine(worker: string, raw: string): LogLine {
  const match = PREFIX.exec(raw);
  if (match === null) return { worker, processIndex: undefined, text: raw, isError: ERROR_TEXT.test(raw) };
  const text = raw.slice(match[0].length);
  return {
    worker,
    processIndex: Number(match[1]),
    text,
    isError: match[2] === '!' || ERROR_TEXT.test(text),
  };
}
