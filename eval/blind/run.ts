/**
 * Blind evaluation: generate the blind scenarios, run the real `telsentry replay`, score the findings.
 * Usage (after `npm run build`): node dist/eval/blind/run.js [--seed N] [--out DIR]
 * Rewrites eval/blind/RESULTS.md above its "## Discussion" section (which is kept).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../../core/finding.js';
import { DEFAULT_SEED, DEFAULT_SUBSCRIBERS, generateBlind } from './generate.js';
import { reportMarkdown, scoreFindings, type Reference } from './score.js';

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function csvColumns(path: string, key: number, value: number): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of readFileSync(path, 'utf8').split('\n').slice(1)) {
    const cols = line.split(',');
    if (cols.length > Math.max(key, value)) map.set(cols[key]!, cols[value]!);
  }
  return map;
}

const seed = Number(flag('--seed') ?? DEFAULT_SEED);
const out = flag('--out') ?? 'data/blind';
const generated = generateBlind(out, seed, DEFAULT_SUBSCRIBERS);
const findingsFile = join(out, 'findings.jsonl');
const args = ['bin/telsentry.js', 'replay', ...generated.cdrFiles.flatMap((f) => ['--cdr', f]),
  '--subscribers', generated.subscribersFile, '--cells', generated.cellsFile, '--test-calls', generated.testCallsFile, '--findings', findingsFile];
const started = Date.now();
const summary = execFileSync('node', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const elapsedS = (Date.now() - started) / 1000;
const findings = readFileSync(findingsFile, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Finding);
const ref: Reference = { imsiToMsisdn: csvColumns(generated.subscribersFile, 1, 0), cellToSite: csvColumns(generated.cellsFile, 0, 1) };
const report = scoreFindings(generated.truth, findings, ref);
const table = reportMarkdown(report);
process.stdout.write(summary.split('\n').filter((l) => /rejected|findings|elapsed|records read/.test(l)).join('\n') + '\n\n' + table);

const resultsPath = 'eval/blind/RESULTS.md';
const previous = existsSync(resultsPath) ? readFileSync(resultsPath, 'utf8') : '';
const discussionAt = previous.indexOf('## Discussion');
const discussion = discussionAt >= 0 ? previous.slice(discussionAt) : '## Discussion\n\n(to be written)\n';
writeFileSync(resultsPath, [
  '# Blind evaluation results', '',
  `Seed ${seed}, ${generated.truth.subscribers} subscribers (${DEFAULT_SUBSCRIBERS} ordinary + scenario SIMs), ${generated.truth.days} days from ${generated.truth.startLocalDate} (local), ${generated.truth.records} CDRs; replay wall time ${elapsedS.toFixed(1)} s.`, '',
  'Reproduce (from the repository root):', '', '```', 'npm run build', `node dist/eval/blind/run.js --seed ${seed} --out ${out}`, '```', '',
  `Replay command run: \`node ${args.join(' ')}\``, '',
  table, discussion,
].join('\n'));
