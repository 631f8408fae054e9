/** Cells side feed: reference data tying a cell to its site and the province/district that owns findings there. */
import { isCellId } from './cdr-decoder.js';
import { readSideFeed, type FieldReader, type SideFeedReadOptions, type SideFeedSpec } from './side-feed.js';

export interface CellInfo {
  cellId: string;
  siteId: string;
  lat: number;
  lon: number;
  /** '' when not given. */
  province: string;
  district: string;
}

export const CELL_FIELDS = ['cell_id', 'site_id', 'lat', 'lon', 'province', 'district'] as const;
const [CELL_ID, SITE_ID, LAT, LON, PROVINCE, DISTRICT] = [0, 1, 2, 3, 4, 5];

function decodeCell(f: FieldReader): CellInfo {
  return {
    cellId: f.checked(CELL_ID, isCellId, 'expected MCC-MNC-LAC-CI digits'),
    siteId: f.text(SITE_ID, true),
    lat: f.numberIn(LAT, -90, 90),
    lon: f.numberIn(LON, -180, 180),
    province: f.text(PROVINCE, false),
    district: f.text(DISTRICT, false),
  };
}

export const CELL_FEED: SideFeedSpec<CellInfo> = { schema: CELL_FIELDS, requiredHeader: ['cell_id', 'site_id', 'lat', 'lon'], decodeRow: decodeCell };

export function readCells(path: string, opts: SideFeedReadOptions): Promise<CellInfo[]> {
  return readSideFeed(path, opts, CELL_FEED);
}
