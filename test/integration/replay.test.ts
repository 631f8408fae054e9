/**
 * `telsentry replay` as a user runs it (Contract 4): a real process over real files, exit code,
 * summary and findings checked. Needs the build in dist/ (npm install / npm run build).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FINDING_TYPES, SEVERITIES, type Finding } from '../../core/finding.js';

const run = promisify(execFile);
const CLI = join(import.meta.dirname, '../../bin/telsentry.js');
const FIXTURES = join(import.meta.dirname, '../fixtures/ingest');

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'telsentry-replay-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function telsentry(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, [CLI, ...args], { maxBuffer: 64 * 1024 * 1024, timeout: 240_000 });
}

function readFindings(path: string): Finding[] {
  return readFileSync(path, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Finding);
}

describe('telsentry replay', () => {
  it('processes the good rows of a broken file, exits 0 and reports rejects per reason and duplicates', async () => {
    const { stdout } = await telsentry('replay', '--cdr', join(FIXTURES, 'broken.csv'), '--findings', join(work, 'broken.jsonl'),
      '--summary-json', join(work, 'broken-summary.json'), '--dead-letters', join(work, 'dead.jsonl'), '--quiet');
    expect(stdout).toMatch(/records rejected\s+10/);
    const summary = JSON.parse(readFileSync(join(work, 'broken-summary.json'), 'utf8'));
    expect(summary).toMatchObject({
      recordsRead: 14, recordsAccepted: 3, rejected: 10, duplicatesDropped: 1,
      rejectedByReason: {
        'invalid:start_time': 3, 'invalid:caller': 1, malformed_row: 1, 'missing:imsi': 1, 'negative:duration_s': 1,
        truncated_row: 1, 'unknown:direction': 1, 'unknown:event': 1,
      },
    });
    const dead = readFileSync(join(work, 'dead.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(dead).toHaveLength(10);
    expect(dead[0]).toMatchObject({ reason: 'invalid:start_time', line: 3 });
  });

  it('counts and dead-letters the same way whether CDRs are decoded on the worker thread (default) or in-thread', async () => {
    const summaries: unknown[] = [];
    const deadLetters: string[] = [];
    for (const mode of [[], ['--single-thread']]) {
      const tag = mode.length === 0 ? 'worker' : 'inline';
      // The same file twice: the second copy is all duplicates, decided across sources.
      await telsentry('replay', '--cdr', join(FIXTURES, 'broken.csv'), '--cdr', join(FIXTURES, 'broken.csv'), '--findings', join(work, `b-${tag}.jsonl`),
        '--summary-json', join(work, `b-${tag}.json`), '--dead-letters', join(work, `b-${tag}-dead.jsonl`), '--quiet', ...mode);
      const { elapsedMs: _e, recordsPerSecond: _r, ...summary } = JSON.parse(readFileSync(join(work, `b-${tag}.json`), 'utf8'));
      summaries.push(summary);
      deadLetters.push(readFileSync(join(work, `b-${tag}-dead.jsonl`), 'utf8'));
    }
    expect(summaries[0]).toMatchObject({ recordsRead: 28, recordsAccepted: 3, rejected: 20, duplicatesDropped: 5 });
    expect(summaries[1]).toEqual(summaries[0]);
    expect(deadLetters[1]).toEqual(deadLetters[0]);
  });

  it('explains bad arguments and exits 2', async () => {
    await expect(telsentry('replay', '--cdr', 'x.csv')).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/--findings is required/) });
    await expect(telsentry('replay', '--frobnicate')).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/unknown flag --frobnicate/) });
  });

  it('says which input cannot be read', async () => {
    await expect(telsentry('replay', '--cdr', join(work, 'missing.csv'), '--findings', join(work, 'x.jsonl'), '--quiet'))
      .rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/missing\.csv/) });
  });

  it('finds SIM-box SIMs in a simulated day, writes Contract-3 findings, and gives the same findings when decoding in-thread', async () => {
    const simDir = join(work, 'sim');
    await telsentry('simulate', '--out', simDir, '--subscribers', '3000', '--days', '1', '--seed', '5', '--scenario', 'small-farms');
    const truth = JSON.parse(readFileSync(join(simDir, 'truth.json'), 'utf8'));
    const cdrFiles = (readFileSync(join(simDir, 'simulation-files.txt'), 'utf8').trim().split('\n'));
    const args = (out: string) => ['replay', ...cdrFiles.flatMap((f) => ['--cdr', f]), '--subscribers', join(simDir, 'subscribers.csv'),
      '--cells', join(simDir, 'cells.csv'), '--test-calls', join(simDir, 'test_calls.csv'), '--findings', out, '--quiet'];
    await telsentry(...args(join(work, 'run1.jsonl')));
    await telsentry(...args(join(work, 'run2.jsonl')), '--single-thread');
    const first = readFindings(join(work, 'run1.jsonl'));
    const second = readFindings(join(work, 'run2.jsonl'));
    expect(second).toEqual(first);
    for (const f of first) {
      expect(FINDING_TYPES).toContain(f.type);
      expect(SEVERITIES).toContain(f.severity);
      expect(f.score).toBeGreaterThanOrEqual(0);
      expect(f.score).toBeLessThanOrEqual(1);
      expect(Number.isNaN(Date.parse(f.detected_at))).toBe(false);
      expect(f.detector).toMatch(/^[a-z_]+@\d+$/);
    }
    const simboxTruth = new Set(truth.fraud.filter((t: { type: string }) => t.type === 'simbox').map((t: { subject: { value: string } }) => t.subject.value));
    const simbox = first.filter((f) => f.type === 'simbox');
    const hits = simbox.filter((f) => simboxTruth.has(f.subject.value));
    expect(simboxTruth.size).toBeGreaterThan(0);
    expect(hits.length / simboxTruth.size).toBeGreaterThanOrEqual(0.9);
    expect(hits.length / simbox.length).toBeGreaterThanOrEqual(0.9);
  });
});
