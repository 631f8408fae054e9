/** `telsentry` command line: one module per command, errors turned into exit codes here. */
import { TelsentryError } from '../core/errors.js';
import { helpText, wantsHelp, type CommandSpec } from './args.js';
import { evalSpec, runEval } from './eval.js';
import { replaySpec, runReplay } from './replay.js';
import { runSimulate, simulateSpec } from './simulate.js';
import { runStart, startSpec } from './start.js';
import { runAudit, runFindings, runLookup, runWatch, runWatchlist } from '../api/index.js';

interface Command {
  spec: Pick<CommandSpec, 'name' | 'summary'> & Partial<CommandSpec>;
  run: (argv: string[]) => Promise<number>;
}

const COMMANDS: Command[] = [
  { spec: startSpec, run: runStart },
  { spec: replaySpec, run: runReplay },
  { spec: simulateSpec, run: runSimulate },
  { spec: evalSpec, run: runEval },
  // Thin clients of the gRPC API for investigators (api/cli): they print their own --help.
  { spec: { name: 'lookup', summary: 'profile of a number, IMSI or IMEI (needs --case for investigators)' }, run: (argv) => runLookup(argv) },
  { spec: { name: 'findings', summary: 'list or show findings, set their status' }, run: (argv) => runFindings(argv) },
  { spec: { name: 'watch', summary: 'follow findings live as they are raised' }, run: (argv) => runWatch(argv) },
  { spec: { name: 'watchlist', summary: 'add, remove or list watched numbers, SIMs and handsets' }, run: (argv) => runWatchlist(argv) },
  { spec: { name: 'audit', summary: 'verify the hash-chained audit log (audit verify)' }, run: (argv) => runAudit(argv) },
];

function overview(): string {
  const lines = ['telsentry — streaming detection of telecom fraud (SIM-box bypass, spam) and abnormal traffic', '',
    'usage: telsentry <command> [options]     (telsentry <command> --help for its options)', '', 'commands:'];
  for (const { spec } of COMMANDS) lines.push(`  ${spec.name.padEnd(14)} ${spec.summary}`);
  return lines.join('\n') + '\n';
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(overview());
    return 0;
  }
  const command = COMMANDS.find((c) => c.spec.name === name);
  if (command === undefined) {
    process.stderr.write(`telsentry: unknown command "${name}"\n\n${overview()}`);
    return 2;
  }
  if (wantsHelp(rest) && command.spec.flags !== undefined) {
    process.stdout.write(helpText(command.spec as CommandSpec));
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof TelsentryError) {
      process.stderr.write(`telsentry ${name}: ${error.message}\n`);
      return error.code === 'ARGUMENT_INVALID' || error.code === 'CONFIG_INVALID' ? 2 : 1;
    }
    throw error;
  }
}
