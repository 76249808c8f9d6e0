import type { BufferLayout, FieldArray, SlotData } from '../buffer/index.js';
import { UserFunctionError } from '../errors.js';

interface FieldPlan {
  readonly name: string;
  readonly descr: string;
  /** Typed-array elements of the column. */
  readonly elements: number;
  readonly isBigInt: boolean;
  /** For `S<n>`: n bytes per item; else 0. */
  readonly bytesPerItem: number;
}

const encoder = new TextEncoder();

function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'number':
    case 'bigint':
    case 'boolean':
      return `${typeof value} ${value}`;
    case 'string':
      return `string '${value}'`;
    case 'object':
      if (value === null) return 'null';
      if (Array.isArray(value)) return `an array of ${value.length}`;
      if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
      return `an object (${value.constructor?.name ?? 'no prototype'})`;
    default:
      return typeof value;
  }
}

function isArrayLike(value: object): value is ArrayLike<unknown> {
  return typeof (value as { length?: unknown }).length === 'number';
}

function isBigIntArray(value: ArrayLike<unknown>): boolean {
  return value instanceof BigInt64Array || value instanceof BigUint64Array;
}

function toBigInt(value: unknown): bigint {
  return typeof value === 'bigint' ? value : BigInt(Math.trunc(Number(value)));
}

/**
 * Writes event records ({field: value}) into the slots of one buffer, checking their shape: every
 * field present, none unknown, each array as long as the field. Makes no allocation per event
 * (except for strings into `S<n>` fields).
 */
export class RecordWriter {
  readonly #plans: readonly FieldPlan[];
  readonly #layout: BufferLayout;
  readonly #context: string;

  /** `context` starts every error message, e.g. "worker 'src': the Importer's event for sink 'raw'". */
  constructor(layout: BufferLayout, context: string) {
    this.#layout = layout;
    this.#context = context;
    this.#plans = layout.fields.map((field) => ({
      name: field.name,
      descr: field.dtype.descr,
      elements: field.elements,
      isBigInt: field.dtype.ArrayType === BigInt64Array || field.dtype.ArrayType === BigUint64Array,
      bytesPerItem: field.dtype.kind === 'S' ? field.dtype.itemsize : 0,
    }));
  }

  /**
   * Writes `record` into the slot `data`; throws UserFunctionError naming the field at fault, and
   * the element when the record came in a batch (an array the generator yielded) at `batchIndex`.
   */
  write(record: unknown, data: SlotData, batchIndex = -1): void {
    if (typeof record !== 'object' || record === null || isArrayLike(record)) {
      const what =
        batchIndex < 0
          ? ''
          : `the generator yielded an array (a batch of events) whose element ${batchIndex} `;
      throw this.#fail(
        `${what}must be an object {field: value} with the fields ${this.#fieldList()}, got ${describeValue(record)}`,
      );
    }
    const fields = record as Readonly<Record<string, unknown>>;
    const plans = this.#plans;
    for (let i = 0; i < plans.length; i++) {
      const plan = plans[i] as FieldPlan;
      const value = fields[plan.name];
      if (value === undefined) {
        throw this.#fail(`field '${plan.name}' is missing (the buffer has the fields ${this.#fieldList()})`);
      }
      this.#writeField(plan, value, data[plan.name] as FieldArray);
    }
    let keys = 0;
    for (const key in fields) if (Object.hasOwn(fields, key)) keys++;
    if (keys > plans.length) {
      const unknown = Object.keys(fields).filter((key) => !plans.some((plan) => plan.name === key));
      throw this.#fail(
        `field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `'${k}'`).join(', ')} not in the buffer (its fields: ${this.#fieldList()})`,
      );
    }
  }

  #writeField(plan: FieldPlan, value: unknown, target: FieldArray): void {
    switch (typeof value) {
      case 'number':
      case 'boolean':
      case 'bigint':
        this.#fill(plan, value, target);
        return;
      case 'string':
        if (plan.bytesPerItem === 0)
          throw this.#fail(`field '${plan.name}' (${plan.descr}) needs numbers, got string '${value}'`);
        this.#fillStrings(plan, value, null, target as Uint8Array);
        return;
      case 'object':
        if (value !== null && isArrayLike(value)) {
          this.#copy(plan, value, target);
          return;
        }
    }
    throw this.#fail(
      `field '${plan.name}' (${plan.descr}) must be a number or an array-like of ${plan.elements} values, got ${describeValue(value)}`,
    );
  }

  #fill(plan: FieldPlan, value: number | boolean | bigint, target: FieldArray): void {
    try {
      if (plan.isBigInt) (target as BigInt64Array).fill(toBigInt(value));
      // One element (data_length 1) is the common case; an index store is several times cheaper.
      else if (plan.elements === 1) (target as Float64Array)[0] = Number(value);
      else (target as Float64Array).fill(Number(value));
    } catch (error) {
      throw this.#fail(`field '${plan.name}' (${plan.descr}) cannot hold ${String(value)}`, error);
    }
  }

  #copy(plan: FieldPlan, value: ArrayLike<unknown>, target: FieldArray): void {
    const { length } = value;
    if (plan.bytesPerItem > 0 && length === this.#layout.dataLength && typeof value[0] === 'string') {
      this.#fillStrings(plan, null, value, target as Uint8Array);
      return;
    }
    if (length !== plan.elements) {
      const wanted =
        plan.bytesPerItem > 0
          ? `a string, ${this.#layout.dataLength} strings (data_length) or ${plan.elements} bytes`
          : `${plan.elements} value${plan.elements === 1 ? '' : 's'} (the buffer's data_length)`;
      throw this.#fail(`field '${plan.name}' (${plan.descr}) needs ${wanted}, got ${length}`);
    }
    try {
      if (plan.isBigInt) {
        if (isBigIntArray(value)) (target as BigInt64Array).set(value as BigInt64Array);
        else for (let k = 0; k < length; k++) target[k] = toBigInt(value[k]);
      } else if (isBigIntArray(value) || typeof value[0] === 'bigint') {
        for (let k = 0; k < length; k++) target[k] = Number(value[k]);
      } else {
        (target as Float64Array).set(value as ArrayLike<number>);
      }
    } catch (error) {
      throw this.#fail(`field '${plan.name}' (${plan.descr}): ${(error as Error).message}`, error);
    }
  }

  /** One string for every item, or one string per item; each cut to n bytes and padded with zeros. */
  #fillStrings(
    plan: FieldPlan,
    one: string | null,
    each: ArrayLike<unknown> | null,
    target: Uint8Array,
  ): void {
    const n = plan.bytesPerItem;
    for (let item = 0; item < this.#layout.dataLength; item++) {
      const text = one ?? (each?.[item] as string);
      const cell = target.subarray(item * n, (item + 1) * n);
      const { written } = encoder.encodeInto(text, cell);
      cell.fill(0, written);
    }
  }

  #fieldList(): string {
    return this.#plans.map((plan) => `${plan.name} (${plan.descr})`).join(', ');
  }

  #fail(problem: string, cause?: unknown): UserFunctionError {
    return new UserFunctionError(`${this.#context}: ${problem}`, cause === undefined ? undefined : { cause });
  }
}
