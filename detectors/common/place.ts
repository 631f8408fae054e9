/**
 * Where a record happened, in the words an authority routes by: province and district from
 * the cells reference (DESIGN.md: they decide which authority a finding goes to).
 */
import type { DetectorContext } from '../detector.js';

export interface Place {
  cell: string;
  site: string;
  province: string;
  district: string;
}

const NOWHERE: Place = { cell: '', site: '', province: '', district: '' };

/** Place of an interned cell id; empty strings when the cell or its reference row is unknown. */
export function placeOf(ctx: DetectorContext, cellId: number): Place {
  if (cellId === 0) return NOWHERE;
  const cell = ctx.dictionaries.cell.value(cellId);
  const ref = ctx.reference.cell(cell);
  return ref === undefined ? { ...NOWHERE, cell } : { cell, site: ref.siteId, province: ref.province, district: ref.district };
}

/** Province/district fields for a FindingDraft (omitted when unknown so the ledger keeps earlier ones). */
export function placeFields(place: Place): { province?: string; district?: string } {
  return place.province === '' ? {} : { province: place.province, district: place.district };
}
