/** `telsentry watchlist add|remove|list`. */
import { CONNECTION_HELP, clientOf, EXIT_OK, isoOf, json, parse, processIo, runCommand, table, UsageError, type Io } from './common.js';

export const WATCHLIST_HELP = `usage: telsentry watchlist add (--msisdn N | --imsi N | --imei N | --range PREFIX) --case REF --reason TEXT
       telsentry watchlist remove (--msisdn N | --imsi N | --imei N | --range PREFIX) --case REF
       telsentry watchlist list [--case REF] [--json]

Numbers, IMSIs, IMEIs and number ranges under watch; the engine raises a "watchlist"
finding when one is active. Changes need a case reference and are audited.
${CONNECTION_HELP}`;

const KIND_OF_FLAG = { msisdn: 'SUBJECT_KIND_MSISDN', imsi: 'SUBJECT_KIND_IMSI', imei: 'SUBJECT_KIND_IMEI', range: 'SUBJECT_KIND_NUMBER_RANGE' } as const;

export async function runWatchlist(argv: string[], io: Io = processIo): Promise<number> {
  return runCommand('watchlist', io, WATCHLIST_HELP, argv, async () => {
    const { values, positionals } = parse(argv, {
      msisdn: { type: 'string' }, imsi: { type: 'string' }, imei: { type: 'string' }, range: { type: 'string' },
      case: { type: 'string', default: '' }, reason: { type: 'string', default: '' },
    }, true);
    const [action, ...extra] = positionals;
    if (extra.length > 0) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
    const flags = (Object.keys(KIND_OF_FLAG) as (keyof typeof KIND_OF_FLAG)[]).filter((flag) => values[flag] !== undefined);
    const subject = (): { kind: string; value: string } => {
      if (flags.length !== 1) throw new UsageError('give exactly one of --msisdn, --imsi, --imei, --range');
      return { kind: KIND_OF_FLAG[flags[0]!], value: String(values[flags[0]!]) };
    };
    if (action !== 'add' && action !== 'remove' && action !== 'list') throw new UsageError('action must be add, remove or list');
    const client = clientOf(values);
    try {
      if (action === 'add') {
        const response = await client.call('WatchlistService', 'AddWatchlistEntry', { subject: subject(), case_reference: values.case, reason: values.reason });
        io.out(values.json ? json(response) : `${response.created ? 'added' : 'updated'} ${flags[0]} ${String(values[flags[0]!])} (case ${values.case})\n`);
      } else if (action === 'remove') {
        const response = await client.call('WatchlistService', 'RemoveWatchlistEntry', { subject: subject(), case_reference: values.case });
        io.out(values.json ? json(response) : `${response.removed ? 'removed' : 'was not on the watchlist:'} ${flags[0]} ${String(values[flags[0]!])}\n`);
      } else {
        const response = await client.call('WatchlistService', 'ListWatchlistEntries', { case_reference: values.case });
        const entries = (response.entries as Record<string, unknown>[]) ?? [];
        if (values.json) io.out(json(response));
        else io.out(table(['kind', 'value', 'case', 'reason', 'added_by', 'added_at'], entries.map((e) => {
          const s = e.subject as { kind: string; value: string };
          return [s.kind.replace('SUBJECT_KIND_', '').toLowerCase(), s.value, String(e.case_reference), String(e.reason), String(e.added_by), isoOf(e.added_at)];
        })));
      }
      return EXIT_OK;
    } finally {
      client.close();
    }
  });
}
