import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
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

export interface BatchOptions {
  /** The bucket this function serves: events of any other bucket are discarded. */
  readonly bucketName?: string;
  /** Milliseconds left before the invocation times out (the Lambda context's clock). */
  readonly remainingMs?: () => number;
  /**
   * A record is started only while at least this many milliseconds are left: the longest a
   * record may take (see docs/reliability.md). The records not started are reported as failures,
   * so SQS redelivers them alone instead of the timeout failing the whole batch.
   */
  readonly reserveMs?: number;
}

/** A record not started because the invocation was about to time out. */
export class DeadlineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeadlineError';
  }
}

/** A record whose processing hit a transient fault; SQS redelivers it. */
class RetryableRecordError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'RetryableRecordError';
  }
}

/**
 * Processes the records one after another with Powertools' batch processor: a record whose
 * processing throws (a transient fault) is reported in `batchItemFailures` so SQS redelivers it
 * alone; the others complete. When the remaining time falls under `reserveMs`, no further record
 * is started and the rest are reported as failures. When every record failed, the processor
 * throws (`FullBatchFailureError`): the invocation fails, Lambda counts an error and SQS
 * redelivers the batch.
 */
export async function processBatch(
  records: readonly SQSRecord[],
  deps: IngestDependencies,
  limits: IngestLimits,
  log: BatchLogger,
  metrics: BatchMetrics,
  options: BatchOptions = {},
): Promise<SQSBatchResponse> {
  const { bucketName, remainingMs, reserveMs = 0 } = options;
  let deferred = 0;

  const handleRecord = async (record: SQSRecord): Promise<void> => {
    const left = remainingMs?.();
    if (left !== undefined && left < reserveMs) {
      deferred++;
      throw new DeadlineError(`${Math.round(left)} ms left, under the ${reserveMs} ms a record may take`);
    }
    const parsed = parseSqsRecord(record);
    if (parsed.kind === 'test-event') {
      log.info('skipping s3:TestEvent', { messageId: record.messageId });
      return;
    }
    if (parsed.kind === 'invalid') {
      // not a usable S3 notification: retrying cannot help; it is logged and counted, not retried
      log.error('discarding malformed message', { messageId: record.messageId, why: parsed.why });
      metrics.count('MalformedMessages');
      return;
    }
    for (const event of parsed.events) {
      const fields = {
        objectKey: event.ref.key,
        bucket: event.ref.bucket,
        sequencer: event.sequencer,
        eventKind: event.kind,
      };
      await log.withKeys(fields, async () => {
        if (bucketName && event.ref.bucket !== bucketName) {
          log.error('event for a bucket this function does not serve; discarded', { expected: bucketName });
          metrics.count('ForeignBucketEvents');
          return;
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
        } catch (error) {
          log.error('transient failure; the message will be retried', {
            messageId: record.messageId,
            error: error instanceof Error ? { name: error.name, message: error.message } : String(error),
          });
          metrics.count('RetriedEvents');
          throw new RetryableRecordError(error instanceof Error ? error.message : String(error), {
            cause: error,
          });
        }
      });
    }
  };

  const processor = new BatchProcessor(EventType.SQS);
  try {
    return await processPartialResponse({ Records: [...records] }, handleRecord, processor, {
      processInParallel: false,
      throwOnFullBatchFailure: true,
    });
  } catch (error) {
    log.error('every record of the batch failed; failing the invocation so that it counts as an error', {
      records: records.length,
      error: error instanceof Error ? { name: error.name, message: error.message } : String(error),
    });
    throw error;
  } finally {
    if (deferred > 0) {
      log.warn('time nearly up: records not started, left for redelivery', { deferred, reserveMs });
      metrics.count('DeferredRecords', deferred);
    }
  }
}
