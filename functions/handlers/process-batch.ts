import type { SQSBatchResponse, SQSRecord } from 'aws-lambda';
import { type IngestDependencies, type IngestLimits, ingestObject } from '#ingest/ingest-object.ts';
import { parseSqsRecord } from './s3-records.ts';

export interface BatchLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** Runs `fn` with `fields` added to every log line it writes. */
  withKeys<T>(fields: Record<string, unknown>, fn: () => Promise<T>): Promise<T>;
}

export interface BatchMetrics {
  count(name: string, value?: number): void;
}

/**
 * Processes every S3 event of every SQS record. A record whose processing throws (a transient
 * fault) is reported in `batchItemFailures` so SQS redelivers it alone; the others complete.
 */
export async function processBatch(
  records: readonly SQSRecord[],
  deps: IngestDependencies,
  limits: IngestLimits,
  log: BatchLogger,
  metrics: BatchMetrics,
  bucketName?: string,
): Promise<SQSBatchResponse> {
  const failures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of records) {
    const parsed = parseSqsRecord(record);
    if (parsed.kind === 'test-event') {
      log.info('skipping s3:TestEvent', { messageId: record.messageId });
      continue;
    }
    if (parsed.kind === 'invalid') {
      // not an S3 notification: retrying cannot help; it is logged and counted, not retried
      log.error('discarding malformed message', { messageId: record.messageId, why: parsed.why });
      metrics.count('MalformedMessages');
      continue;
    }
    for (const event of parsed.events) {
      const fields = {
        objectKey: event.ref.key,
        bucket: event.ref.bucket,
        sequencer: event.sequencer,
        eventKind: event.kind,
      };
      const failed = await log.withKeys(fields, async () => {
        if (bucketName && event.ref.bucket !== bucketName) {
          log.error('event for a bucket this function does not serve; discarded', { expected: bucketName });
          metrics.count('ForeignBucketEvents');
          return false;
        }
        try {
          const started = performance.now();
          const result = await ingestObject({ ...deps, logger: log }, event, limits);
          log.info('event handled', { ...result, ms: Math.round(performance.now() - started) });
          metrics.count(
            result.action === 'stored'
              ? result.outcome === 'processed'
                ? 'ObjectsProcessed'
                : 'ObjectsFailed'
              : result.action === 'removed'
                ? 'ObjectsRemoved'
                : 'EventsSkipped',
          );
          return false;
        } catch (error) {
          log.error('transient failure; the message will be retried', {
            error: error instanceof Error ? { name: error.name, message: error.message } : String(error),
          });
          metrics.count('RetriedEvents');
          return true;
        }
      });
      if (failed) {
        failures.push({ itemIdentifier: record.messageId });
        break;
      }
    }
  }
  return { batchItemFailures: failures };
}
