/**
 * A small, independent Contract-1 checker for the simulator's tests (deliberately not the
 * ingest decoder: the simulator must be checked against the contract, not against our own
 * parser). Returns the list of problems of one record; empty means valid.
 */
import { CDR_FIELDS } from '../../../core/cdr.js';

export type Row = Record<string, string>;

const E164 = /^[1-9]\d{6,14}$/;
const IMSI = /^\d{14,15}$/;
const IMEI = /^\d{14,16}$/;
const CELL = /^\d{3}-\d{2,3}-\d+-\d+$/;
const OPERATOR = /^\d{3}-\d{2,3}$/;
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const NON_NEGATIVE = /^\d+(\.\d+)?$/;

export function cdrProblems(r: Row): string[] {
  const problems: string[] = [];
  const need = (field: string, ok: boolean): void => {
    if (!ok) problems.push(`${field}=${JSON.stringify(r[field])}`);
  };
  const present = (f: string): boolean => r[f] !== undefined && r[f] !== '';
  for (const key of Object.keys(r)) if (!(CDR_FIELDS as readonly string[]).includes(key)) problems.push(`unknown field ${key}`);
  need('record_id', present('record_id'));
  need('operator', OPERATOR.test(r.operator ?? ''));
  need('event', ['voice', 'sms', 'data'].includes(r.event ?? ''));
  need('direction', ['mo', 'mt'].includes(r.direction ?? ''));
  need('start_time', ISO_WITH_OFFSET.test(r.start_time ?? '') && !Number.isNaN(Date.parse(r.start_time ?? '')));
  need('imsi', IMSI.test(r.imsi ?? ''));
  if (present('imei')) need('imei', IMEI.test(r.imei ?? ''));
  if (present('cell_id')) need('cell_id', CELL.test(r.cell_id ?? '') && (r.cell_id ?? '').startsWith(`${r.operator}-`));
  if (present('ring_s')) need('ring_s', NON_NEGATIVE.test(r.ring_s ?? ''));
  if (present('trunk_in')) need('trunk_in', ['international', 'national', 'onnet'].includes(r.trunk_in ?? ''));
  if (r.event === 'voice' || r.event === 'data') need('duration_s', NON_NEGATIVE.test(r.duration_s ?? ''));
  if (r.event === 'voice') {
    need('answered', r.answered === 'true' || r.answered === 'false');
    if (r.answered === 'false') need('duration_s', r.duration_s === '0');
  }
  if (r.event === 'voice' || r.event === 'sms') {
    need('caller', E164.test(r.caller ?? ''));
    need('callee', E164.test(r.callee ?? ''));
  }
  if (r.event === 'data') need('bytes', /^\d+$/.test(r.bytes ?? ''));
  if (r.direction === 'mo' && present('trunk_in')) problems.push('trunk_in on an mo record');
  return problems;
}

/** Parses the simulator's CSV (no quoted fields in CDR files) into rows keyed by header. */
export function parseCsv(text: string): Row[] {
  const lines = text.split('\n').filter((l) => l !== '');
  const header = (lines.shift() ?? '').split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    if (cells.length !== header.length) throw new Error(`row with ${cells.length} fields, header has ${header.length}: ${line}`);
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
  });
}
