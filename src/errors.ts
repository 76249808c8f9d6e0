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
