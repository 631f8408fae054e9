/**
 * A small declarative flag parser: each command declares its flags once (name, kind,
 * default, help), and gets parsing, validation with messages that name the flag and the
 * value, and a `--help` text generated from the same declarations.
 */
import { ErrorCodes, TelsentryError } from '../core/errors.js';

export type FlagKind = 'string' | 'strings' | 'int' | 'number' | 'boolean';

export interface FlagSpec {
  name: string;
  kind: FlagKind;
  help: string;
  default?: string | number | boolean | string[];
  required?: boolean;
  /** Placeholder shown in help, e.g. FILE. */
  value?: string;
  min?: number;
  max?: number;
}

export interface CommandSpec {
  name: string;
  summary: string;
  usage: string;
  flags: FlagSpec[];
  examples?: string[];
}

export type ParsedFlags = Record<string, string | number | boolean | string[] | undefined>;

function argumentError(message: string): TelsentryError {
  return new TelsentryError(ErrorCodes.ARGUMENT_INVALID, message);
}

export function parseFlags(spec: CommandSpec, argv: string[]): ParsedFlags {
  const byName = new Map(spec.flags.map((f) => [f.name, f]));
  const out: ParsedFlags = {};
  for (const flag of spec.flags) out[flag.name] = flag.kind === 'strings' ? [...((flag.default as string[] | undefined) ?? [])] : flag.default;
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw argumentError(`${spec.name}: unexpected argument "${arg}" (flags start with --; see --help)`);
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const flag = byName.get(name);
    if (flag === undefined) throw argumentError(`${spec.name}: unknown flag --${name} (see "telsentry ${spec.name} --help")`);
    if (flag.kind === 'boolean') {
      const text = eq < 0 ? 'true' : arg.slice(eq + 1);
      if (text !== 'true' && text !== 'false') throw argumentError(`--${name} takes true or false (got "${text}")`);
      out[name] = text === 'true';
      continue;
    }
    const raw = eq < 0 ? argv[++i] : arg.slice(eq + 1);
    if (raw === undefined || (eq < 0 && raw.startsWith('--'))) throw argumentError(`--${name} needs a value (${flag.value ?? flag.kind})`);
    if (flag.kind === 'strings') {
      (out[name] as string[]).push(raw);
    } else if (flag.kind === 'string') {
      if (seen.has(name)) throw argumentError(`--${name} given twice`);
      out[name] = raw;
    } else {
      const value = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(value) || (flag.kind === 'int' && !Number.isInteger(value))) {
        throw argumentError(`--${name} must be ${flag.kind === 'int' ? 'an integer' : 'a number'} (got "${raw}")`);
      }
      if ((flag.min !== undefined && value < flag.min) || (flag.max !== undefined && value > flag.max)) {
        throw argumentError(`--${name} must be in [${flag.min ?? '-∞'}, ${flag.max ?? '∞'}] (got ${value})`);
      }
      out[name] = value;
    }
    seen.add(name);
  }
  for (const flag of spec.flags) {
    const value = out[flag.name];
    if (flag.required && (value === undefined || (Array.isArray(value) && value.length === 0))) {
      throw argumentError(`${spec.name}: --${flag.name} is required (see "telsentry ${spec.name} --help")`);
    }
  }
  return out;
}

export function helpText(spec: CommandSpec): string {
  const lines = [`telsentry ${spec.name} — ${spec.summary}`, '', `usage: ${spec.usage}`, '', 'options:'];
  for (const flag of spec.flags) {
    const left = `  --${flag.name}${flag.kind === 'boolean' ? '' : ` ${flag.value ?? flag.kind.toUpperCase()}`}`;
    const extra = [flag.required ? 'required' : '', flag.kind === 'strings' ? 'repeatable' : '',
      flag.default !== undefined && !(Array.isArray(flag.default) && flag.default.length === 0) ? `default ${JSON.stringify(flag.default)}` : '']
      .filter((s) => s !== '').join(', ');
    lines.push(`${left.padEnd(30)} ${flag.help}${extra === '' ? '' : ` (${extra})`}`);
  }
  if (spec.examples !== undefined && spec.examples.length > 0) lines.push('', 'examples:', ...spec.examples.map((e) => `  ${e}`));
  return lines.join('\n') + '\n';
}

export function wantsHelp(argv: string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}
