/** `telsentry` command line: dispatches to one module per command. */
export async function main(argv: string[]): Promise<number> {
  const [command] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write('usage: telsentry <command> [options]\n');
    return 0;
  }
  process.stderr.write(`telsentry: unknown command "${command}". Run "telsentry --help".\n`);
  return 2;
}
