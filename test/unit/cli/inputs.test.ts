import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { helpText, parseFlags, type CommandSpec } from '../../../cli/args.js';
import { loadMaintenance } from '../../../cli/replay.js';
import { loadExporters } from '../../../engine/flow-replay.js';

const spec: CommandSpec = {
  name: 'demo',
  summary: 'a demo command',
  usage: 'telsentry demo --out FILE',
  flags: [
    { name: 'out', kind: 'string', required: true, help: 'output' },
    { name: 'cdr', kind: 'strings', help: 'inputs' },
    { name: 'n', kind: 'int', min: 1, max: 10, default: 3, help: 'count' },
    { name: 'rate', kind: 'number', help: 'rate' },
    { name: 'quiet', kind: 'boolean', help: 'quiet' },
  ],
};

describe('parseFlags', () => {
  it('parses values, repeats, defaults and booleans', () => {
    expect(parseFlags(spec, ['--out', 'x', '--cdr', 'a', '--cdr=b', '--rate', '0.5', '--quiet'])).toEqual({
      out: 'x', cdr: ['a', 'b'], n: 3, rate: 0.5, quiet: true,
    });
  });

  it.each([
    [['--cdr', 'a'], /--out is required/],
    [['--out', 'x', '--bogus'], /unknown flag --bogus/],
    [['--out', 'x', '--n', '2.5'], /--n must be an integer \(got "2.5"\)/],
    [['--out', 'x', '--n', '11'], /--n must be in \[1, 10\] \(got 11\)/],
    [['--out', 'x', '--rate', 'fast'], /--rate must be a number \(got "fast"\)/],
    [['--out'], /--out needs a value/],
    [['--out', 'x', '--out', 'y'], /--out given twice/],
    [['--out', 'x', '--quiet=maybe'], /--quiet takes true or false/],
    [['stray'], /unexpected argument "stray"/],
  ])('rejects %j with a message naming the flag and value', (argv, message) => {
    expect(() => parseFlags(spec, argv)).toThrowError(message);
  });

  it('generates help from the declarations', () => {
    const help = helpText(spec);
    expect(help).toContain('usage: telsentry demo --out FILE');
    expect(help).toMatch(/--n INT\s+count \(default 3\)/);
    expect(help).toMatch(/--cdr STRINGS\s+inputs \(repeatable\)/);
  });
});

describe('side-input files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'telsentry-inputs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('loads maintenance windows and names a bad one', () => {
    expect(loadMaintenance(file('ok.json', '[{"siteId":"S1","from":"2026-11-02T00:00:00Z","to":"2026-11-02T03:00:00Z"}]'))).toHaveLength(1);
    expect(() => loadMaintenance(file('bad.json', '[{"from":"2026-11-02T00:00:00Z","to":"x"}]'))).toThrowError(/window 0 needs siteId or cells/);
    expect(() => loadMaintenance(file('obj.json', '{"siteId":"S1"}'))).toThrowError(/expected a JSON array/);
    expect(() => loadMaintenance(join(dir, 'missing.json'))).toThrowError(/cannot read maintenance file .*missing\.json/);
  });

  it('loads an exporter map and says what is wrong with a bad one', () => {
    const ok = loadExporters(file('exp.json', '[{"address":"10.0.0.1","siteId":"S1","operator":"452-04"}]'));
    expect(ok).toEqual([expect.objectContaining({ address: '10.0.0.1', siteId: 'S1', operator: '452-04' })]);
    expect(() => loadExporters(file('exp-bad.json', '{"nope":1}'))).toThrowError(/expected a JSON array/);
    expect(() => loadExporters(file('exp-broken.json', '[{'))).toThrowError(/cannot read exporter map/);
  });
});
