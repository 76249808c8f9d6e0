/** Flags for the node processes control starts that load user files (worker processes, export checks). */
export function nodeFlags(): string[] {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  // Node < 22.7 parses a `.js` file with `import` and no package.json "type" only with this flag.
  return major < 22 || (major === 22 && minor < 7) ? ['--experimental-detect-module'] : [];
}
