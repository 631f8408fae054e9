/** Event-time helpers. All engine times are epoch milliseconds (UTC). */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export function minuteOf(ms: number): number {
  return Math.floor(ms / MINUTE_MS);
}

export function isoOf(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * Local wall-clock hour for event times, in a configured IANA zone. Offsets are looked up
 * once per UTC hour with Intl and cached, so the hot path is an array read.
 */
export class LocalClock {
  private readonly formatter: Intl.DateTimeFormat;
  private readonly offsetByHour = new Map<number, number>();
  /** Records arrive in time order, so the last hour's offset answers almost every call. */
  private lastHour = Number.NaN;
  private lastOffset = 0;
  readonly timeZone: string;

  constructor(timeZone: string) {
    this.timeZone = timeZone;
    this.formatter = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric',
    });
  }

  /** Offset of local time from UTC in ms at the given instant. */
  offsetMs(ms: number): number {
    const hour = Math.floor(ms / HOUR_MS);
    if (hour === this.lastHour) return this.lastOffset;
    let offset = this.offsetByHour.get(hour);
    if (offset === undefined) {
      offset = this.computeOffset(hour * HOUR_MS);
      this.offsetByHour.set(hour, offset);
    }
    this.lastHour = hour;
    this.lastOffset = offset;
    return offset;
  }

  /** Local hour of day 0..23 */
  localHour(ms: number): number {
    const local = ms + this.offsetMs(ms);
    return Math.floor((((local % 86_400_000) + 86_400_000) % 86_400_000) / HOUR_MS);
  }

  /** Local calendar day as days since epoch (local midnight based). */
  localDay(ms: number): number {
    return Math.floor((ms + this.offsetMs(ms)) / DAY_MS);
  }

  /** Local day of week, 0 = Sunday. */
  localWeekday(ms: number): number {
    return (this.localDay(ms) + 4) % 7;
  }

  /** `YYYY-MM-DD` of the local day. */
  localDate(ms: number): string {
    return new Date(this.localDay(ms) * DAY_MS).toISOString().slice(0, 10);
  }

  private computeOffset(utcMs: number): number {
    const parts = this.formatter.formatToParts(new Date(utcMs));
    const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
    const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
    return asUtc - utcMs;
  }
}
