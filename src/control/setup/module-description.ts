/** What a module exports: export name -> `typeof` its value (a CommonJS module's own properties too). */
export type ModuleExports = Readonly<Record<string, string>>;

/** The exports of a loaded module namespace, by name, with the type of each. */
export function describeExports(namespace: unknown): ModuleExports {
  const described: Record<string, string> = {};
  if (typeof namespace !== 'object' || namespace === null) return described;
  const fallback = (namespace as Record<string, unknown>)['default'];
  // A CommonJS module's functions arrive on its default export.
  if ((typeof fallback === 'object' || typeof fallback === 'function') && fallback !== null) {
    for (const [name, value] of Object.entries(fallback)) described[name] = typeof value;
  }
  for (const [name, value] of Object.entries(namespace)) {
    if (name !== 'default' || !(name in described)) described[name] = typeof value;
  }
  return described;
}

// Node's error for an import of a .ts file by a process that has no TypeScript loader.
const TYPESCRIPT_EXTENSION_ERROR = /^Unknown file extension "\.[cm]?tsx?"/;
const TYPESCRIPT_HINT =
  " (a worker compiles TypeScript only when its own file is TypeScript: make this worker's file a .ts file)";

/** One line for a module that did not load: the first lines of the message, where a syntax error says what and where. */
export function describeLoadError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const oneLine = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .slice(0, 3)
    .join(' ');
  const described = oneLine.length > 400 ? `${oneLine.slice(0, 400)}...` : oneLine;
  const isTypeScriptImport = error instanceof Error && TYPESCRIPT_EXTENSION_ERROR.test(error.message);
  return isTypeScriptImport ? `${described}${TYPESCRIPT_HINT}` : described;
}
