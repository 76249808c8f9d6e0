/** Base class of every error mimocorb2 raises on purpose; `code` is stable for scripts and tests. */
export class MimocorbError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = 'MimocorbError';
  }
}

/** A buffer description that cannot be built: bad dtype, size, or a limit of this machine. */
export class BufferConfigError extends MimocorbError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ERR_BUFFER_CONFIG', message, options);
    this.name = 'BufferConfigError';
  }
}

/** A buffer file that is missing, foreign or of another layout version. */
export class BufferFileError extends MimocorbError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ERR_BUFFER_FILE', message, options);
    this.name = 'BufferFileError';
  }
}

/** A buffer used in a way its protocol does not allow (e.g. more processes than attachment entries). */
export class BufferUsageError extends MimocorbError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ERR_BUFFER_USAGE', message, options);
    this.name = 'BufferUsageError';
  }
}

/**
 * A worker set up wrongly at start: a template with the wrong number of buffers, a missing
 * config key, sinks whose dtype does not match (the original's SetupError).
 */
export class WorkerSetupError extends MimocorbError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ERR_WORKER_SETUP', message, options);
    this.name = 'WorkerSetupError';
  }
}

/** A user function that threw, or returned something its template cannot use (UfuncError). */
export class UserFunctionError extends MimocorbError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ERR_USER_FUNCTION', message, options);
    this.name = 'UserFunctionError';
  }
}

/** A `.mimo` file that is missing, foreign, of the Python original's format, or does not fit a buffer. */
export class MimoFileError extends MimocorbError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ERR_MIMO_FILE', message, options);
    this.name = 'MimoFileError';
  }
}

/** A device (e.g. a Red Pitaya) that cannot be reached, or that broke off or stalled. */
export class DeviceError extends MimocorbError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ERR_DEVICE', message, options);
    this.name = 'DeviceError';
  }
}

/**
 * A file a prebuilt function writes in the run directory could not be written (a full disk, a
 * removed directory, no permission): names the file and the system's error code.
 */
export class ExportFileError extends MimocorbError {
  /** The file's absolute path. */
  readonly file: string;
  /** The system error code, e.g. `ENOSPC`, `ENOENT`. */
  readonly errno: string;
  constructor(file: string, errno: string, message: string, options?: { cause?: unknown }) {
    super('ERR_EXPORT_FILE', message, options);
    this.name = 'ExportFileError';
    this.file = file;
    this.errno = errno;
  }
}

/** One mistake in a setup: where it is, and what was expected and found. */
export interface SetupProblem {
  /** The file as the user named it: the setup file, or a config file it loads. */
  readonly file: string;
  /** 1-based line of the spot, when known. */
  readonly line?: number;
  /** 1-based column of the spot, when known. */
  readonly column?: number;
  /** Dotted key path in the file, e.g. `Workers.filter.sources[0]`; '' for the file as a whole. */
  readonly keyPath: string;
  readonly message: string;
}

/** How many problems a SetupError's message lists; `problems` always holds them all. */
export const MAX_LISTED_SETUP_PROBLEMS = 50;

/** `file:line:column: key.path: message`, leaving out what is not known. */
export function formatSetupProblem(problem: SetupProblem): string {
  const where =
    problem.line === undefined ? problem.file : `${problem.file}:${problem.line}:${problem.column ?? 1}`;
  return problem.keyPath === ''
    ? `${where}: ${problem.message}`
    : `${where}: ${problem.keyPath}: ${problem.message}`;
}

/** A setup file that cannot run: every problem found, collected before anything started. */
export class SetupError extends MimocorbError {
  readonly problems: readonly SetupProblem[];
  constructor(setupFile: string, problems: readonly SetupProblem[], options?: { cause?: unknown }) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    const listed = problems.slice(0, MAX_LISTED_SETUP_PROBLEMS).map((p) => `  ${formatSetupProblem(p)}`);
    if (problems.length > MAX_LISTED_SETUP_PROBLEMS) {
      listed.push(`  ... and ${problems.length - MAX_LISTED_SETUP_PROBLEMS} more`);
    }
    super('ERR_SETUP', `setup ${setupFile} has ${count}:\n${listed.join('\n')}`, options);
    this.name = 'SetupError';
    this.problems = Object.freeze([...problems]);
  }
}

/** The web page cannot be served: a bad `--http` address or token file, a port in use. */
export class WebServerError extends MimocorbError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ERR_WEB_SERVER', message, options);
    this.name = 'WebServerError';
  }
}

/** A live run cannot be reached: none running, none of that name, control not answering. */
export class RemoteRunError extends MimocorbError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ERR_REMOTE_RUN', message, options);
    this.name = 'RemoteRunError';
  }
}

/**
 * A buffer that crosses hosts through NATS cannot go on: the server is not there, refused the
 * login, or its stream holds another layout (exporters.nats, importers.nats).
 */
export class NatsError extends MimocorbError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ERR_NATS', message, options);
    this.name = 'NatsError';
  }
}
