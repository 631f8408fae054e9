/**
 * Episodes of one subject: activity continues an episode while gaps stay under `gapMs`;
 * a longer quiet starts a new one. The episode key (its start minute) goes into the finding
 * id, so a replay of the same input yields the same ids.
 */
export interface Episode {
  startMs: number;
  lastMs: number;
}

export class EpisodeTracker<K> {
  private readonly episodes = new Map<K, Episode>();
  private readonly gapMs: number;

  constructor(gapMs: number) {
    this.gapMs = gapMs;
  }

  /** Episode that evidence at `atMs` (first evidence at `firstMs`) belongs to, opened if needed. */
  touch(key: K, firstMs: number, atMs: number): Episode {
    let episode = this.episodes.get(key);
    if (episode === undefined || atMs - episode.lastMs > this.gapMs) {
      episode = { startMs: firstMs, lastMs: atMs };
      this.episodes.set(key, episode);
    } else if (atMs > episode.lastMs) {
      episode.lastMs = atMs;
    }
    return episode;
  }

  get(key: K): Episode | undefined {
    return this.episodes.get(key);
  }

  /** Forgets episodes quiet since before `cutoffMs` (bounded memory). */
  evict(cutoffMs: number): void {
    for (const [key, episode] of this.episodes) if (episode.lastMs < cutoffMs) this.episodes.delete(key);
  }

  static keyOf(ms: number): string {
    return new Date(Math.floor(ms / 60_000) * 60_000).toISOString();
  }
}
