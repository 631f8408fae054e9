/**
 * Episodes turn repeated detections into one finding with a stable id: the id hashes
 * type + subject + the episode's start minute, so replaying the same input gives the same
 * ids, and a quiet gap longer than `quietGapMs` starts a new episode (a new id).
 */
import type { Finding, FindingType, Subject } from '../../core/finding.js';
import { findingId as ledgerFindingId } from '../finding-ledger.js';
import { MINUTE_MS } from '../../core/time.js';

export interface Episode {
  id: string;
  type: FindingType;
  subject: Subject;
  startMs: number;
  lastActiveMs: number;
  finding: Finding | null;
  /** Largest headline value seen in this episode; an update is emitted when it grows. */
  peak: number;
}

/** Same id scheme as the engine's FindingLedger; the episode key is the start minute (epoch ms). */
export function findingId(type: FindingType, subject: Subject, startMs: number): string {
  return ledgerFindingId(type, subject, String(Math.floor(startMs / MINUTE_MS) * MINUTE_MS));
}

export class EpisodeBook {
  private readonly open = new Map<string, Episode>();

  constructor(private readonly quietGapMs: number) {}

  /** The open episode for (type, subject), started at `startMs` if none is open (or the last went quiet). */
  touch(type: FindingType, subject: Subject, startMs: number, activeMs: number): Episode {
    const key = `${type}|${subject.kind}|${subject.value}`;
    let episode = this.open.get(key);
    if (episode === undefined || activeMs - episode.lastActiveMs > this.quietGapMs) {
      episode = { id: findingId(type, subject, startMs), type, subject, startMs, lastActiveMs: activeMs, finding: null, peak: 0 };
      this.open.set(key, episode);
    }
    if (activeMs > episode.lastActiveMs) episode.lastActiveMs = activeMs;
    return episode;
  }

  /** The open (not yet quiet at `nowMs`) episode for (type, subject), if any. */
  active(type: FindingType, subject: Subject, nowMs: number): Episode | undefined {
    const episode = this.open.get(`${type}|${subject.kind}|${subject.value}`);
    return episode !== undefined && nowMs - episode.lastActiveMs <= this.quietGapMs ? episode : undefined;
  }

  /** Forgets episodes quiet since before `nowMs − quietGapMs` (bounded memory). */
  expire(nowMs: number): void {
    for (const [key, episode] of this.open) if (nowMs - episode.lastActiveMs > this.quietGapMs) this.open.delete(key);
  }
}
