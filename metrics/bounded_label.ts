/**
 * Keeps a Prometheus label to a bounded set of values. Every distinct label value is a
 * new time series, so a value that does not fit (wrong shape, or one past the limit of
 * distinct values) is folded into OTHER_LABEL_VALUE instead of growing the series count.
 */

/** Label value used for everything that does not fit the bounded set. */
export const OTHER_LABEL_VALUE = 'other';
/** Label value used when the caller has no value (empty string, e.g. a cell without a province). */
export const UNKNOWN_LABEL_VALUE = 'unknown';

export interface BoundedLabelOptions {
  /** Label name, used in overflow accounting. */
  name: string;
  /** Most distinct values admitted (besides 'other' and 'unknown'). */
  maxValues: number;
  /** Values known up front; admitted first and counted against maxValues. */
  known?: readonly string[];
  /** Shape a value must have; anything else becomes 'other'. */
  pattern?: RegExp;
  /** Only `known` values are admitted: the set is closed. */
  closed?: boolean;
}

/** Longest label value admitted; longer strings are not names from a bounded set. */
const MAX_VALUE_LENGTH = 64;

export class BoundedLabel {
  readonly name: string;
  readonly maxValues: number;
  private readonly admitted = new Set<string>();
  private readonly pattern: RegExp | undefined;
  private readonly closed: boolean;
  private overflowCount = 0;
  private readonly onOverflow: ((label: string) => void) | undefined;

  constructor(options: BoundedLabelOptions, onOverflow?: (label: string) => void) {
    if (!Number.isInteger(options.maxValues) || options.maxValues < 1) {
      throw new RangeError(`BoundedLabel ${options.name}: maxValues must be an integer ≥ 1 (got ${options.maxValues})`);
    }
    const known = options.known ?? [];
    if (known.length > options.maxValues) {
      throw new RangeError(`BoundedLabel ${options.name}: ${known.length} known values exceed maxValues ${options.maxValues}`);
    }
    this.name = options.name;
    this.maxValues = options.maxValues;
    this.pattern = options.pattern;
    this.closed = options.closed ?? false;
    this.onOverflow = onOverflow;
    for (const value of known) this.admitted.add(value);
  }

  /** The label value to use for `raw`: raw itself if admitted (or admissible), else 'other'. */
  value(raw: string): string {
    if (this.admitted.has(raw)) return raw;
    if (raw === '') return UNKNOWN_LABEL_VALUE;
    if (this.closed || this.admitted.size >= this.maxValues || raw.length > MAX_VALUE_LENGTH
      || (this.pattern !== undefined && !this.pattern.test(raw))) {
      this.overflowCount += 1;
      this.onOverflow?.(this.name);
      return OTHER_LABEL_VALUE;
    }
    this.admitted.add(raw);
    return raw;
  }

  /** Values admitted so far (for tests and the series budget). */
  get size(): number {
    return this.admitted.size;
  }

  /** How many lookups were folded into 'other'. */
  get overflows(): number {
    return this.overflowCount;
  }
}
