/** `telsentry simulate`: writes a seeded simulated population with fraud and ground truth as Contract-1 files. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseFlags, type CommandSpec } from './args.js';
import { SCENARIO_NAMES, simulate, type ScenarioName } from '../sim/index.js';
import { ensureTopics } from '../ingest/kafka/admin.js';
import { produceFilesToKafka } from '../ingest/kafka/file-producer.js';
import { PAYLOAD_FORMATS, type PayloadFormat } from '../ingest/kafka/formats.js';

export const simulateSpec: CommandSpec = {
  name: 'simulate',
  summary: 'generate CDRs, side feeds and ground truth from a seeded simulated population with fraud',
  usage: 'telsentry simulate --out DIR [--subscribers N] [--days D] [--seed S] [--scenario NAME] [--format csv|jsonl] [--gzip]',
  flags: [
    { name: 'out', kind: 'string', value: 'DIR', required: true, help: 'output directory' },
    { name: 'subscribers', kind: 'int', value: 'N', default: 20_000, min: 100, max: 5_000_000, help: 'population size' },
    { name: 'days', kind: 'int', value: 'D', default: 2, min: 1, max: 60, help: 'simulated days' },
    { name: 'seed', kind: 'int', value: 'S', default: 1, help: 'random seed (same seed → identical files)' },
    { name: 'scenario', kind: 'string', value: 'NAME', default: 'default', help: `one of ${SCENARIO_NAMES.join(', ')}` },
    { name: 'format', kind: 'string', value: 'csv|jsonl', default: 'csv', help: 'record format' },
    { name: 'gzip', kind: 'boolean', default: true, help: 'gzip the CDR files' },
    { name: 'start', kind: 'string', value: 'ISO', help: 'first simulated instant (default 2026-11-02T00:00:00+07:00)' },
    { name: 'kafka', kind: 'string', value: 'BROKERS', help: 'also produce the CDRs to Kafka (host:port[,host:port…])' },
    { name: 'topic', kind: 'string', value: 'NAME', default: 'telsentry.cdr', help: 'Kafka topic for the CDRs (created if missing, 6 partitions)' },
    { name: 'kafka-format', kind: 'string', value: 'FMT', default: 'protobuf', help: `Kafka payload: ${PAYLOAD_FORMATS.join(', ')}` },
    { name: 'records-per-message', kind: 'int', value: 'N', default: 500, min: 1, max: 100_000, help: 'CDRs per Kafka message (json: always 1)' },
  ],
  examples: ['telsentry simulate --out data/sim --subscribers 20000 --days 2 --scenario stealth --seed 7'],
};

export async function runSimulate(argv: string[]): Promise<number> {
  const flags = parseFlags(simulateSpec, argv);
  const scenario = flags.scenario as string;
  if (!(SCENARIO_NAMES as readonly string[]).includes(scenario)) {
    process.stderr.write(`simulate: --scenario must be one of ${SCENARIO_NAMES.join(', ')} (got "${scenario}")\n`);
    return 2;
  }
  if (flags.format !== 'csv' && flags.format !== 'jsonl') {
    process.stderr.write(`simulate: --format must be csv or jsonl (got "${String(flags.format)}")\n`);
    return 2;
  }
  const kafkaFormat = flags['kafka-format'] as string;
  if (!(PAYLOAD_FORMATS as readonly string[]).includes(kafkaFormat)) {
    process.stderr.write(`simulate: --kafka-format must be one of ${PAYLOAD_FORMATS.join(', ')} (got "${kafkaFormat}")\n`);
    return 2;
  }
  const started = performance.now();
  const result = await simulate({
    outDir: flags.out as string,
    seed: flags.seed as number,
    subscribers: flags.subscribers as number,
    days: flags.days as number,
    scenario: scenario as ScenarioName,
    format: flags.format,
    gzip: flags.gzip as boolean,
    ...(flags.start !== undefined ? { start: flags.start as string } : {}),
  });
  const seconds = (performance.now() - started) / 1000;
  // One CDR file per line, for scripts (the day files depend on --start and --days).
  await writeFile(join(flags.out as string, 'simulation-files.txt'), result.files.cdr.join('\n') + '\n');
  process.stdout.write(`simulate: ${result.records} records in ${seconds.toFixed(1)} s → ${flags.out as string}\n`
    + `  cdr: ${result.files.cdr.join(', ')}\n  subscribers: ${result.files.subscribers}\n  cells: ${result.files.cells}\n`
    + `  test calls: ${result.files.testCalls}\n  truth: ${result.files.truth}\n`);
  if (flags.kafka !== undefined) {
    const brokers = flags.kafka as string;
    const topic = flags.topic as string;
    await ensureTopics(brokers, [{ topic, partitions: 6 }]);
    const produced = await produceFilesToKafka({
      brokers, topic, files: result.files.cdr, format: kafkaFormat as PayloadFormat, recordsPerMessage: flags['records-per-message'] as number,
    });
    process.stdout.write(`  kafka: ${produced.records} CDRs in ${produced.messages} messages to ${topic} on ${brokers}\n`);
  }
  return 0;
}
