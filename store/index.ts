/** Public entry of the DuckDB store. */
export { Store, DEFAULT_FINDINGS_LIMIT, MAX_FINDINGS_LIMIT, type FindingFilter, type FindingsListener } from './store.js';
export type { DailyFeatureColumns, LateRecordColumns, DailyContactColumns, DailyPlaceColumns, CellRow } from './columns.js';
export { FINDING_STATUSES, type FindingStatus, type StoredFinding } from './findingRows.js';
export type { ReadOptions, Row, Table } from './connections.js';
export { sql, sqlFile, allSqlFiles, type SqlFile, type SqlParam, type ParamType } from './sqlFiles.js';
export { AuditLog, verifyAuditChain, canonicalJson, auditRowHash, GENESIS_HASH, type AuditEntry, type AuditVerification } from './audit.js';
export { Watchlist, type WatchlistEntry } from './watchlist.js';
export { readProfile, type LookupKind, type ProfileQuery, type StoredProfile } from './profile.js';
