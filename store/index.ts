/** Public entry of the DuckDB store. */
export { Store, DEFAULT_FINDINGS_LIMIT, MAX_FINDINGS_LIMIT, type FindingFilter } from './store.js';
export type { DailyFeatureColumns, LateRecordColumns, DailyContactColumns, DailyPlaceColumns, CellRow } from './columns.js';
export { FINDING_STATUSES, type FindingStatus, type StoredFinding } from './findingRows.js';
export type { ReadOptions, Row } from './connections.js';
export { sql, sqlFile, allSqlFiles, type SqlFile, type SqlParam, type ParamType } from './sqlFiles.js';
