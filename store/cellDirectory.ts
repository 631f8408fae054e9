/**
 * Reference cells by id, read once and kept in memory for the profile's "cells with province":
 * the table is small (one row per cell of the country) and changes only through
 * Store.upsertCells, which invalidates this after its commit. A load that overlaps an
 * invalidation is used once but not kept, so a stale copy never outlives the write.
 */
import type { Store } from './store.js';

export interface CellPlace {
  siteId: string;
  province: string;
  district: string;
}

export class CellDirectory {
  private cached: Promise<ReadonlyMap<string, CellPlace>> | undefined;
  private generation = 0;

  constructor(private readonly store: Store) {}

  places(): Promise<ReadonlyMap<string, CellPlace>> {
    if (this.cached !== undefined) return this.cached;
    const generation = this.generation;
    const loading = this.load();
    this.cached = loading;
    loading.then(
      () => {
        if (this.generation !== generation && this.cached === loading) this.cached = undefined;
      },
      () => {
        if (this.cached === loading) this.cached = undefined; // a failed read is retried next time
      },
    );
    return loading;
  }

  invalidate(): void {
    this.generation += 1;
    this.cached = undefined;
  }

  private async load(): Promise<ReadonlyMap<string, CellPlace>> {
    const rows = await this.store.read('cells_all', {});
    return new Map(rows.map((row) => [String(row.cell_id), { siteId: String(row.site_id), province: String(row.province), district: String(row.district) }]));
  }
}
