/** Public entry of ingest/: decoders for Contract 1 and its side feeds, and their bookkeeping. */

// Rejections and counting
export { REJECT_REASONS, isRejectReason, type RejectReason } from './reasons.js';
export { IngestStats } from './stats.js';
export { DeadLetterWriter, DEAD_LETTER_RAW_MAX_CHARS, type DeadLetter } from './dead-letter.js';
export { RecordDeduplicator, DEFAULT_DEDUPE_MAX_ENTRIES, type DeduplicatorOptions } from './dedupe.js';

// CDRs (Contract 1)
export { readCdrs, decodeCdrRecords, DEFAULT_BATCH_SIZE, type CdrReadOptions } from './cdr-reader.js';
export { MAX_ROW_BYTES } from './row.js';
export { type InputFormat, formatFromName } from './byte-source.js';

// Side feeds
export { readSubscribers, type SubscriberInfo } from './subscribers.js';
export { readCells, type CellInfo } from './cells.js';
export { readTestCalls, type TestCall } from './test-calls.js';
export { type SideFeedReadOptions } from './side-feed.js';

// Numbers and times
export { normaliseMsisdn, MSISDN_MIN_DIGITS, MSISDN_MAX_DIGITS } from './msisdn.js';
export { MIN_EVENT_MS, MAX_EVENT_MS } from './field-parse.js';
