/** `telsentry lookup`: an investigator's profile of one number, IMSI or IMEI (audited with the case reference). */
import { CONNECTION_HELP, clientOf, contractFinding, EXIT_OK, findingRows, json, parse, processIo, runCommand, table, UsageError, type Io } from './common.js';

export const LOOKUP_HELP = `usage: telsentry lookup (--msisdn N | --imsi N | --imei N) --case REF [--days 30] [--contacts 20] [--json]

Profile of a subscriber: current window features, daily history, top contacts, cells
(with province), devices and findings. Every lookup is written to the audit log with
its case reference (required for investigators).

  --msisdn N | --imsi N | --imei N   who to look up (E.164 digits without "+")
  --case REF                         case reference, for example HN-2026-0042
  --days N                           days of history (default 30, max 366)
  --contacts N                       top contacts shown (default 20, max 100)
${CONNECTION_HELP}`;

export async function runLookup(argv: string[], io: Io = processIo): Promise<number> {
  return runCommand('lookup', io, LOOKUP_HELP, argv, async () => {
    const { values } = parse(argv, {
      msisdn: { type: 'string' }, imsi: { type: 'string' }, imei: { type: 'string' },
      case: { type: 'string', default: '' }, days: { type: 'string', default: '0' }, contacts: { type: 'string', default: '0' },
    });
    const given = (['msisdn', 'imsi', 'imei'] as const).filter((kind) => values[kind] !== undefined);
    if (given.length !== 1) throw new UsageError('give exactly one of --msisdn, --imsi, --imei');
    const kind = given[0]!;
    const days = Number(values.days);
    const contacts = Number(values.contacts);
    if (!Number.isInteger(days) || !Number.isInteger(contacts)) throw new UsageError('--days and --contacts must be integers');
    const client = clientOf(values);
    try {
      const profile = await client.call('SubscriberService', 'GetProfile', {
        subject: { kind: `SUBJECT_KIND_${kind.toUpperCase()}`, value: values[kind] }, case_reference: values.case, history_days: days, top_contacts: contacts,
      });
      if (values.json) {
        io.out(json({ ...profile, findings: (profile.findings as Record<string, unknown>[]).map(contractFinding) }));
        return EXIT_OK;
      }
      io.out(renderProfile(kind, String(values[kind]), profile));
      return EXIT_OK;
    } finally {
      client.close();
    }
  });
}

type Rows = Record<string, unknown>[];

function renderProfile(kind: string, value: string, profile: Record<string, unknown>): string {
  const list = (key: string): string => ((profile[key] as string[]) ?? []).join(', ') || '-';
  let text = `${kind} ${value}\n  IMSIs: ${list('imsis')}\n  numbers: ${list('msisdns')}\n  operators: ${list('operators')}\n\n`;
  for (const window of (profile.windows as Rows) ?? []) {
    const features = Object.entries((window.features as Record<string, number>) ?? {}).map(([k, v]) => [k, Number.isInteger(v) ? String(v) : v.toFixed(3)]);
    text += `window ${String(window.window)}\n${table(['feature', 'value'], features)}\n`;
  }
  const history = (profile.history as Rows) ?? [];
  text += `daily history (${history.length} days)\n${table(['day', 'msisdn', 'mo_voice', 'answered', 'mt_voice', 'mo_sms', 'callees', 'no_callback', 'cells', 'imeis', 'night', 'intl'],
    history.map((d) => [d.day, d.msisdn, d.mo_voice, d.mo_voice_answered, d.mt_voice, d.mo_sms, d.distinct_callees, d.callees_no_callback, d.distinct_cells, d.distinct_imeis, d.night_mo_voice, d.intl_mo_voice].map(String)))}\n`;
  text += `top contacts\n${table(['number', 'calls_out', 'calls_in', 'sms_out', 'sms_in', 'talk_s', 'days'],
    ((profile.top_contacts as Rows) ?? []).map((c) => [c.number, c.calls_out, c.calls_in, c.sms_out, c.sms_in, Number(c.duration_s).toFixed(0), c.days].map(String)))}\n`;
  text += `cells\n${table(['cell_id', 'site', 'province', 'district', 'events', 'first_day', 'last_day'],
    ((profile.cells as Rows) ?? []).map((c) => [c.cell_id, c.site_id, c.province, c.district, c.events, c.first_day, c.last_day].map(String)))}\n`;
  text += `devices\n${table(['imei', 'imsi', 'events', 'first_day', 'last_day'],
    ((profile.devices as Rows) ?? []).map((d) => [d.imei, d.imsi, d.events, d.first_day, d.last_day].map(String)))}\n`;
  text += `findings\n${findingRows((profile.findings as Rows) ?? [])}`;
  return text;
}
