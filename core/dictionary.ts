/**
 * String ⇄ dense integer id. Ids start at 1; 0 means "absent". One Dictionary per kind
 * of identifier, shared by decoders, engine, detectors and stores, so a batch column of
 * ids can be turned back into strings for evidence.
 */
export class Dictionary {
  private readonly ids = new Map<string, number>();
  private readonly values: string[] = [''];

  get size(): number {
    return this.values.length - 1;
  }

  /** Id of `value`, interning it on first sight. '' → 0. */
  intern(value: string): number {
    if (value === '') return 0;
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.ids.set(value, id);
    }
    return id;
  }

  /** Id of `value` or 0 when never seen; never interns. */
  lookup(value: string): number {
    return this.ids.get(value) ?? 0;
  }

  value(id: number): string {
    return this.values[id] ?? '';
  }
}

export interface Dictionaries {
  operator: Dictionary;
  imsi: Dictionary;
  imei: Dictionary;
  cell: Dictionary;
  msisdn: Dictionary;
}

export function createDictionaries(): Dictionaries {
  return {
    operator: new Dictionary(),
    imsi: new Dictionary(),
    imei: new Dictionary(),
    cell: new Dictionary(),
    msisdn: new Dictionary(),
  };
}
