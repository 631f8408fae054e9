/**
 * The DuckDB store: findings (latest version per id), daily features, late records, the
 * profile's daily contacts/cells/devices, and reference cells. Bulk writes go through the
 * appender (data chunks), one transaction per call; SQL comes from `queries/*.sql`.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DuckDBInstance, listValue, type DuckDBConnection, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import { ErrorCodes, TelsentryError } from '../core/errors.js';
import { SEVERITIES, type Finding, type FindingType, type Severity, type SubjectKind } from '../core/finding.js';
import { appendColumns, bigintColumn, checkLengths, dateColumn, type ColumnData } from './chunkAppend.js';
import { CellDirectory, type CellPlace } from './cellDirectory.js';
import { PROFILE_DAY_TYPES, profileDayColumns, type ProfileDayKind } from './profileDays.js';
import {
  DAILY_CONTACT_TYPES, DAILY_FEATURE_TYPES, DAILY_PLACE_TYPES, FINDINGS_STAGING_TYPES, LATE_RECORD_TYPES,
  type CellRow, type DailyContactColumns, type DailyFeatureColumns, type DailyPlaceColumns, type LateRecordColumns,
} from './columns.js';
import { Connections, storeError, type ReadOptions, type Row } from './connections.js';
import { findingStagingValues, storedFindingFromRow, type FindingStatus, type StoredFinding } from './findingRows.js';
import { sql } from './sqlFiles.js';

/** Page size when the caller gives none, and the most one call returns (protects memory). */
export const DEFAULT_FINDINGS_LIMIT = 100;
export const MAX_FINDINGS_LIMIT = 1_000;

export interface FindingFilter {
  types?: FindingType[];
  severities?: Severity[];
  /** at least this severity */
  minSeverity?: Severity;
  operators?: string[];
  provinces?: string[];
  statuses?: FindingStatus[];
  subject?: { kind?: SubjectKind; value?: string };
  /** detected_at in [detectedFromMs, detectedToMs) */
  detectedFromMs?: number;
  detectedToMs?: number;
  /** keyset cursor: rows strictly after this (detected_ms, id) in newest-first order */
  after?: { detectedMs: number; id: string };
  limit?: number;
}

const listOrNull = (values: readonly string[] | undefined): DuckDBValue =>
  values === undefined || values.length === 0 ? null : listValue([...values]);

/** Called after a batch of findings is committed (the live stream of the API listens here). */
export type FindingsListener = (findings: readonly Finding[]) => void;

export class Store {
  private readonly findingsListeners = new Set<FindingsListener>();
  private readonly cellDirectory = new CellDirectory(this);

  private constructor(
    private readonly instance: DuckDBInstance,
    readonly connections: Connections,
  ) {}

  static async open(path: string): Promise<Store> {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    let instance: DuckDBInstance;
    let writer: DuckDBConnection;
    try {
      instance = await DuckDBInstance.create(path);
      writer = await instance.connect();
      await writer.run(sql('schema'));
      await writer.run(sql('finding_subjects_backfill'));
      const [check] = (await writer.runAndReadAll(sql('profile_days_missing'))).getRowObjectsJS();
      if (check?.missing === true) {
        await writer.run('BEGIN TRANSACTION');
        await writer.run(sql('profile_days_backfill'));
        await writer.run('COMMIT');
      }
    } catch (cause) {
      throw new TelsentryError(ErrorCodes.STORE_FAILED, `cannot open DuckDB store ${path}: ${(cause as Error).message}`, { cause });
    }
    return new Store(instance, new Connections(instance, writer));
  }

  /** Stages the batch with the appender, then merges it: latest version per id wins. */
  async upsertFindings(findings: readonly Finding[]): Promise<void> {
    if (findings.length === 0) return;
    const staged = findings.map(findingStagingValues); // validates before touching the database
    const columns: DuckDBValue[][] = FINDINGS_STAGING_TYPES.map(() => new Array<DuckDBValue>(staged.length));
    staged.forEach((row, seq) => {
      const [id, type, severity, kind, value, related, operator, province, district, firstAt, detectedAt, evidence, detector] = row.text;
      const values: DuckDBValue[] = [seq, id!, type!, severity!, row.rank, findings[seq]!.score, kind!, value!, related!,
        operator!, province!, district!, firstAt!, BigInt(row.ms[0]), detectedAt!, BigInt(row.ms[1]), evidence!, detector!];
      for (let column = 0; column < values.length; column++) columns[column]![seq] = values[column]!;
    });
    await this.write(async (connection) => {
      await connection.run(sql('findings_staging_clear'));
      const appender = await connection.createAppender('findings_staging');
      appendColumns(appender, FINDINGS_STAGING_TYPES, columns, staged.length);
      appender.closeSync();
      await connection.run(sql('findings_merge_staging'), { stored_ms: BigInt(Date.now()) });
      await connection.run(sql('finding_subjects_replace'));
      await connection.run(sql('findings_staging_clear'));
    });
    for (const listener of this.findingsListeners) {
      try {
        listener(findings);
      } catch {
        // a listener's failure (a live-stream client) must not fail a write that is already committed
      }
    }
  }

  /** Subscribes to committed findings; returns the unsubscribe function. */
  onFindings(listener: FindingsListener): () => void {
    this.findingsListeners.add(listener);
    return () => this.findingsListeners.delete(listener);
  }

  /** Writes one day's features; rows of the same (day, imsi) already stored are replaced (idempotent on replay). */
  async appendDailyFeatures(rows: DailyFeatureColumns): Promise<void> {
    const { length, ...columns } = rows;
    checkLengths(columns, length, 'DailyFeatureColumns');
    if (length === 0) return;
    const days = dateColumn(rows.day, length, 'day');
    const fields = [rows.moVoice, rows.mtVoice, rows.moVoiceAnswered, rows.moDurationS, rows.moSms, rows.mtSms, rows.dataSessions, rows.dataBytes,
      rows.nightMoVoice, rows.intlMoVoice, rows.distinctCallees, rows.distinctCells, rows.distinctImeis, rows.calleesNoCallback];
    await this.appendTable('daily_features', DAILY_FEATURE_TYPES, length, [days, rows.operator, rows.imsi, rows.msisdn, ...fields],
      { deleteQuery: 'daily_features_delete', day: rows.day, imsi: rows.imsi },
      { kind: 'features', columns: profileDayColumns('features', length, rows.imsi, rows.day, days, [rows.msisdn, rows.operator, ...fields]) });
  }

  /** Records too late to apply; rows with the same (operator, record_id) already stored are replaced (idempotent on replay). */
  async appendLateRecords(rows: LateRecordColumns): Promise<void> {
    const { length, ...columns } = rows;
    checkLengths(columns, length, 'LateRecordColumns');
    if (length === 0) return;
    const values = [
      rows.recordId, rows.operator, bigintColumn(rows.startMs, length, 'startMs'), rows.imsi, rows.event,
      rows.direction, rows.caller, rows.callee, bigintColumn(rows.receivedLateByMs, length, 'receivedLateByMs'),
    ];
    const keys = rows.recordId.map((id, i) => `${rows.operator[i]!}/${id}`);
    await this.write(async (connection) => {
      await connection.run(sql('late_records_delete'), { record_ids: listValue([...new Set(rows.recordId)]), keys: listValue([...new Set(keys)]) });
      await appendAll(connection, 'late_records', LATE_RECORD_TYPES, values, length);
    });
  }

  /** A day's contacts per subscriber; replaces what is stored for the same (day, imsi). */
  async appendDailyContacts(rows: DailyContactColumns): Promise<void> {
    const { length, ...columns } = rows;
    checkLengths(columns, length, 'DailyContactColumns');
    if (length === 0) return;
    const days = dateColumn(rows.day, length, 'day');
    const fields = [rows.contact, rows.callsOut, rows.callsIn, rows.smsOut, rows.smsIn, rows.durationS];
    await this.appendTable('daily_contacts', DAILY_CONTACT_TYPES, length, [days, rows.operator, rows.imsi, rows.msisdn, ...fields],
      { deleteQuery: 'daily_contacts_delete', day: rows.day, imsi: rows.imsi },
      { kind: 'contacts', columns: profileDayColumns('contacts', length, rows.imsi, rows.day, days, [rows.msisdn, rows.operator, ...fields]) });
  }

  /** `table`: daily_cells (key = cell_id) or daily_devices (key = imei); replaces what is stored for the same (day, imsi). */
  async appendDailyPlaces(table: 'daily_cells' | 'daily_devices', rows: DailyPlaceColumns): Promise<void> {
    const { length, ...columns } = rows;
    checkLengths(columns, length, 'DailyPlaceColumns');
    if (length === 0) return;
    const days = dateColumn(rows.day, length, 'day');
    const kind = table === 'daily_cells' ? 'cells' : 'devices';
    await this.appendTable(table, DAILY_PLACE_TYPES, length, [days, rows.operator, rows.imsi, rows.msisdn, rows.key, rows.events],
      { deleteQuery: table === 'daily_cells' ? 'daily_cells_delete' : 'daily_devices_delete', day: rows.day, imsi: rows.imsi },
      { kind, columns: profileDayColumns(kind, length, rows.imsi, rows.day, days, [rows.msisdn, rows.operator, rows.key, rows.events]) });
  }

  /** Reference cells (side feed): replaces rows with the same cell_id. */
  async upsertCells(cells: readonly CellRow[]): Promise<void> {
    if (cells.length === 0) return;
    await this.write(async (connection) => {
      const statement = await connection.prepare(sql('cells_upsert'));
      for (const cell of cells) {
        statement.bind({ cell_id: cell.cellId, site_id: cell.siteId, lat: cell.lat, lon: cell.lon, province: cell.province, district: cell.district });
        await statement.run();
      }
      statement.destroySync();
    });
    this.cellDirectory.invalidate(); // after the commit: a lookup never keeps the old provinces
  }

  async listFindings(filter: FindingFilter = {}, options: ReadOptions = {}): Promise<Finding[]> {
    return (await this.listStoredFindings(filter, options)).map((stored) => stored.finding);
  }

  async listStoredFindings(filter: FindingFilter = {}, options: ReadOptions = {}): Promise<StoredFinding[]> {
    const limit = filter.limit ?? DEFAULT_FINDINGS_LIMIT;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_FINDINGS_LIMIT) {
      throw new TelsentryError(ErrorCodes.ARGUMENT_INVALID, `limit must be an integer in [1, ${MAX_FINDINGS_LIMIT}] (got ${limit})`);
    }
    const ms = (value: number | undefined): DuckDBValue => (value === undefined ? null : BigInt(Math.trunc(value)));
    const rows = await this.read('findings_list', {
      types: listOrNull(filter.types),
      severities: listOrNull(filter.severities),
      min_severity_rank: filter.minSeverity === undefined ? null : SEVERITIES.indexOf(filter.minSeverity),
      operators: listOrNull(filter.operators),
      provinces: listOrNull(filter.provinces),
      statuses: listOrNull(filter.statuses),
      subject_kind: filter.subject?.kind ?? null,
      subject_value: filter.subject?.value ?? null,
      detected_from_ms: ms(filter.detectedFromMs),
      detected_to_ms: ms(filter.detectedToMs),
      after_detected_ms: ms(filter.after?.detectedMs),
      after_id: filter.after?.id ?? null,
      limit,
    }, options);
    return rows.map(storedFindingFromRow);
  }

  async getFinding(id: string, options: ReadOptions = {}): Promise<Finding | undefined> {
    return (await this.getStoredFinding(id, options))?.finding;
  }

  async getStoredFinding(id: string, options: ReadOptions = {}): Promise<StoredFinding | undefined> {
    const [row] = await this.read('finding_get', { id }, options);
    return row === undefined ? undefined : storedFindingFromRow(row);
  }

  /** Records a verdict; returns false when no finding has this id. */
  async setFindingStatus(id: string, status: FindingStatus, by: string, reason: string): Promise<boolean> {
    return this.write(async (connection) => {
      const reader = await connection.runAndReadAll(sql('finding_set_status'), {
        id, status, status_by: by, status_reason: reason, status_ms: BigInt(Date.now()),
      });
      return reader.currentRowCount > 0;
    });
  }

  /** Runs a named query file's SQL with its parameters (the caller validated them). */
  read(queryName: string, params: Record<string, DuckDBValue>, options: ReadOptions = {}): Promise<Row[]> {
    return this.connections.read(sql(queryName), params, options);
  }

  /** The text of `queries/<name>.sql`. */
  sqlText(queryName: string): string {
    return sql(queryName);
  }

  /** One transaction on the writer connection; DuckDB errors become STORE_FAILED. */
  write<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    return this.connections.transaction(work).catch((cause: unknown) => {
      throw storeError(cause);
    });
  }

  /** One named write statement alone in its transaction (auto-commit); DuckDB errors become STORE_FAILED. */
  writeStatement(queryName: string, params: Record<string, DuckDBValue>): Promise<void> {
    return this.connections.writeStatement(sql(queryName), params).catch((cause: unknown) => {
      throw storeError(cause);
    });
  }

  /**
   * Appends rows in one transaction; with `replace`, first deletes the stored rows of the same
   * (day, imsi) pairs, so writing a day's rows again (after a crash, the engine replays from its
   * last checkpoint) leaves one copy. `profileDays` (the table's profile_days mirror) is replaced
   * and appended in the same transaction.
   */
  private async appendTable(table: string, types: readonly DuckDBType[], length: number, columns: readonly ColumnData[],
    replace?: { deleteQuery: string; day: readonly string[]; imsi: readonly string[] }, profileDays?: { kind: ProfileDayKind; columns: ColumnData[] }): Promise<void> {
    const imsisByDay = new Map<string, Set<string>>();
    if (replace !== undefined) {
      for (let i = 0; i < length; i++) {
        let imsis = imsisByDay.get(replace.day[i]!);
        if (imsis === undefined) imsisByDay.set(replace.day[i]!, (imsis = new Set()));
        imsis.add(replace.imsi[i]!);
      }
    }
    await this.write(async (connection) => {
      for (const [day, imsis] of imsisByDay) {
        await connection.run(sql(replace!.deleteQuery), { day, imsis: listValue([...imsis]) });
        if (profileDays !== undefined) await connection.run(sql('profile_days_delete'), { day, kind: profileDays.kind, imsis: listValue([...imsis]) });
      }
      await appendAll(connection, table, types, columns, length);
      if (profileDays !== undefined) await appendAll(connection, 'profile_days', PROFILE_DAY_TYPES, profileDays.columns, profileDays.columns[0]!.length);
    });
  }

  /** Reference cells by id (store/cellDirectory.ts), for the profile's provinces. */
  cellPlaces(): Promise<ReadonlyMap<string, CellPlace>> {
    return this.cellDirectory.places();
  }

  async close(): Promise<void> {
    await this.connections.close();
    this.instance.closeSync();
  }
}


async function appendAll(connection: DuckDBConnection, table: string, types: readonly DuckDBType[], columns: readonly ColumnData[], length: number): Promise<void> {
  const appender = await connection.createAppender(table);
  try {
    appendColumns(appender, types, columns, length);
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}
