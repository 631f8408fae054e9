/** `telsentry findings`: list (filters, paging), get one, confirm or dismiss. */
import { CONNECTION_HELP, clientOf, contractFinding, EXIT_OK, findingRows, json, parse, processIo, runCommand, table, UsageError, type Io } from './common.js';
import { FILTER_HELP, FILTER_OPTIONS, filterMessage } from './filterFlags.js';

export const FINDINGS_HELP = `usage: telsentry findings [list] [filters] [--limit N] [--all] [--case REF] [--json]
       telsentry findings get ID [--json]
       telsentry findings confirm|dismiss|reopen ID --reason TEXT [--case REF] [--json]

Findings, newest first. "list" pages through the server with --limit per page (default 50);
--all follows every page.
${FILTER_HELP}${CONNECTION_HELP}`;

/** One finding: the table row, then related subjects and evidence a police officer can read. */
function findingDetail(message: Record<string, unknown>): string {
  const finding = contractFinding(message);
  const related = (finding.related as { kind: string; value: string }[]).map((r) => `${r.kind}:${r.value}`).join(', ') || '-';
  const evidence = Object.entries(finding.evidence as Record<string, unknown>).map(([key, value]) => [key, Array.isArray(value) ? value.join(', ') : String(value)]);
  const verdict = finding.status_by ? `${String(finding.status)} by ${String(finding.status_by)}: ${String(finding.status_reason)}` : String(finding.status);
  return `${findingRows([message])}
first event: ${String(finding.first_event_at)}
detector: ${String(finding.detector)}
related: ${related}
status: ${verdict}

evidence
${table(['feature', 'value'], evidence)}`;
}

const STATUS_OF: Record<string, string> = { confirm: 'FINDING_STATUS_CONFIRMED', dismiss: 'FINDING_STATUS_DISMISSED', reopen: 'FINDING_STATUS_OPEN' };

export async function runFindings(argv: string[], io: Io = processIo): Promise<number> {
  return runCommand('findings', io, FINDINGS_HELP, argv, async () => {
    const { values, positionals } = parse(argv, {
      ...FILTER_OPTIONS, limit: { type: 'string', default: '50' }, all: { type: 'boolean', default: false },
      case: { type: 'string', default: '' }, reason: { type: 'string', default: '' },
    }, true);
    const [action = 'list', id, ...extra] = positionals;
    if (extra.length > 0) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
    const client = clientOf(values);
    try {
      if (action === 'get' || action in STATUS_OF) {
        if (id === undefined) throw new UsageError(`findings ${action} needs a finding id`);
        const response = action === 'get'
          ? await client.call('FindingsService', 'GetFinding', { id, case_reference: values.case })
          : await client.call('FindingsService', 'UpdateFindingStatus', { id, status: STATUS_OF[action], reason: values.reason, case_reference: values.case });
        const message = response.finding as Record<string, unknown>;
        if (values.json) io.out(json(contractFinding(message)));
        else io.out(findingDetail(message));
        return EXIT_OK;
      }
      if (action !== 'list') throw new UsageError(`unknown action ${JSON.stringify(action)} (list, get, confirm, dismiss, reopen)`);
      const pageSize = Number(values.limit);
      if (!Number.isInteger(pageSize) || pageSize < 1) throw new UsageError(`--limit must be a positive integer (got ${values.limit})`);
      const filter = filterMessage(values);
      const all: Record<string, unknown>[] = [];
      let pageToken = '';
      do {
        const page = await client.call('FindingsService', 'ListFindings', { filter, page_size: pageSize, page_token: pageToken, case_reference: values.case });
        all.push(...(page.findings as Record<string, unknown>[]));
        pageToken = String(page.next_page_token ?? '');
      } while (values.all && pageToken !== '');
      if (values.json) io.out(json({ findings: all.map(contractFinding), next_page_token: pageToken }));
      else io.out(findingRows(all) + (pageToken !== '' ? '(more: use --all or a larger --limit)\n' : ''));
      return EXIT_OK;
    } finally {
      client.close();
    }
  });
}
