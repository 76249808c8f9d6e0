import { ExportFileError } from '../../errors.js';

/** The system error code of a failed file operation (`ENOSPC`), or `EIO` when it has none. */
function codeOf(error: unknown): string {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  return typeof code === 'string' ? code : 'EIO';
}

// Node's message reads 'ENOSPC: no space left on device, write': keep the part that explains.
function explanationOf(error: unknown, code: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const text = message.startsWith(`${code}: `) ? message.slice(code.length + 2) : message;
  const comma = text.lastIndexOf(', ');
  return comma > 0 ? text.slice(0, comma) : text;
}

/** `cannot <action> <file>: ENOSPC (no space left on device)<after>` as an ExportFileError. */
export function exportFileError(action: string, file: string, error: unknown, after = ''): ExportFileError {
  const code = codeOf(error);
  return new ExportFileError(
    file,
    code,
    `cannot ${action} ${file}: ${code} (${explanationOf(error, code)})${after}`,
    { cause: error },
  );
}
