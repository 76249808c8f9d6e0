import type { BufferIO } from '../../templates/index.js';
import type { ConfigKeys, ConfigValues, PrebuiltDeclaration } from './declaration.js';

/**
 * The config values a prebuilt function works with: each declared key as given, or its default.
 * `validate` and `run` checked them before the process started.
 */
export function readConfig<C extends ConfigKeys>(
  io: BufferIO,
  declaration: PrebuiltDeclaration<C>,
): ConfigValues<C> {
  const values: Record<string, unknown> = {};
  for (const [name, key] of Object.entries(declaration.configs)) {
    const value = io.config[name];
    values[name] = value === undefined || value === null ? key.default : value;
  }
  return values as ConfigValues<C>;
}
