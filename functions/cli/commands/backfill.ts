import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import {
  SendMessageBatchCommand,
  type SendMessageBatchRequestEntry,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  connection,
  documentClient,
  dynamoClient,
  s3Client,
  soleTable,
  sqsClient,
} from '#adapters/aws/clients.ts';
import { batchGet } from '#adapters/aws/dynamodb/batch.ts';
import type { Item } from '#adapters/aws/dynamodb/items.ts';
import { objectPk, STATE_SK } from '#adapters/aws/dynamodb/keys.ts';
import { backoffDelay, sleep } from '#adapters/aws/retry.ts';
import { EXTRACTOR_VERSION } from '#core/nlp/version.ts';
import { parse } from '../args.ts';
import { type Command, UsageError } from '../command.ts';
import { Progress, positiveInt, readStackLine } from '../stack-line.ts';

const usage = `usage: news-ingest backfill --bucket B [--prefix P] [--outdated] [options]

Enqueues the existing objects of a bucket on the ingest queue as S3 notifications of the real
shape (ObjectCreated:Put, URL-encoded key, size, eTag), so the function processes them like
uploads: for a new stack on an old bucket, or after an extractor upgrade.

  An object the table already holds is sent with its stored sequencer (and versionId) and
  "reprocess": true: the function redoes it only when its stored extractor version differs from
  the running one. An object never seen is sent with sequencer "0", below any real S3 sequencer,
  so a real upload or delete event of that key always wins over the backfill.

  --bucket B            the bucket to list (default: from --stack)
  --prefix P            only keys starting with P
  --outdated            only objects missing from the table or processed by another extractor
                        version than this one (${EXTRACTOR_VERSION})
  --queue URL           ingest queue URL (default: from --stack)
  --table NAME          table holding the STATE items (default: from --stack, NEWS_INGEST_TABLE,
                        or the only table at the DynamoDB endpoint)
  --stack JSON|FILE     the line 'npm start -- --serve' prints (endpoints, region, bucket, queue, table)
  --endpoint URL        one endpoint for S3, SQS and DynamoDB (a local stack); or each apart with
  --s3-endpoint URL, --sqs-endpoint URL, --dynamodb-endpoint URL
  --region REGION       AWS region (default: from --stack or the environment)
  --checkpoint FILE     where progress is kept (default: in the OS temp dir, per bucket and prefix);
                        an interrupted run resumes after the last key it enqueued
  --restart             ignore (and overwrite) the checkpoint: start from the first key
  --dry-run             list and decide, send nothing, keep no checkpoint
  --page-size N         keys per ListObjectsV2 page (default 1000)
  --json                print the summary as JSON

Messages go out in batches of 10 (SendMessageBatch); entries the queue refuses are retried with
backoff. Keys are listed in S3's order and the checkpoint advances only after a batch was
accepted, so no object is missed; a crash can re-send at most one batch, and a repeated event is
a no-op for the function (idempotent by sequencer). Progress on stderr, summary on stdout.`;

/** The sequencer of an object the table has never seen: below every real S3 sequencer. */
export const UNSEEN_SEQUENCER = '0';
const BATCH = 10;
const MAX_SEND_ATTEMPTS = 8;

/** Encodes a key as S3 does in notifications: space as `+`, `/` and `-_.*` kept, the rest `%XX` of UTF-8. */
export function encodeS3Key(key: string): string {
  let out = '';
  for (const ch of key) {
    if (ch === ' ') out += '+';
    else if (/[A-Za-z0-9\-_.*/]/.test(ch)) out += ch;
    else
      for (const byte of Buffer.from(ch, 'utf8'))
        out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

export interface Checkpoint {
  readonly bucket: string;
  readonly prefix: string;
  readonly outdated: boolean;
  /** Every key up to and including this one (in S3's listing order) has been handled. */
  readonly lastKey?: string;
  readonly enqueued: number;
  readonly complete: boolean;
  readonly updatedAt: string;
}

export function defaultCheckpointPath(bucket: string, prefix: string): string {
  const id = createHash('sha256').update(`${bucket}\n${prefix}`).digest('hex').slice(0, 16);
  return join(tmpdir(), `news-ingest-backfill-${id}.json`);
}

export function readCheckpoint(path: string): Checkpoint | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Checkpoint;
  } catch {
    return undefined;
  }
}

function writeCheckpoint(path: string, checkpoint: Checkpoint): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(checkpoint)}\n`);
  renameSync(tmp, path); // atomic: a crash leaves the old checkpoint or the new one
}

export interface BackfillOptions {
  readonly bucket: string;
  readonly prefix?: string;
  readonly outdated?: boolean;
  readonly queue: string;
  readonly table: string;
  readonly region?: string;
  /** Checkpoint file; none when undefined. */
  readonly checkpoint?: string;
  readonly restart?: boolean;
  readonly dryRun?: boolean;
  readonly pageSize?: number;
  readonly onProgress?: (summary: BackfillSummary, total: number | undefined) => void;
  /** Backoff between retries of refused entries (tests pass a fast one). */
  readonly wait?: (ms: number) => Promise<void>;
}

export interface BackfillSummary {
  /** Objects listed in this run (after the checkpoint). */
  listed: number;
  /** Messages accepted by the queue in this run. */
  enqueued: number;
  /** Of those, objects the table had never seen (sequencer "0"). */
  unseen: number;
  /** Of those, objects already in the table, sent with "reprocess": true. */
  reprocess: number;
  /** Objects left out by --outdated: processed by this extractor version already. */
  current: number;
  /** Objects in the bucket whose STATE says deleted (their creation event is still to come, or lost). */
  deletedInTable: number;
  /** Entries the queue refused once and that were sent again. */
  retriedEntries: number;
  /** Resumed after this key, from the checkpoint. */
  resumedAfter?: string;
  /** Already complete according to the checkpoint: nothing was done. */
  alreadyComplete?: boolean;
  dryRun: boolean;
  ms: number;
}

export interface BackfillClients {
  readonly s3: S3Client;
  readonly sqs: SQSClient;
  readonly documents: DynamoDBDocumentClient;
}

interface Listed {
  readonly key: string;
  readonly size?: number;
  readonly eTag?: string;
  readonly lastModified?: Date;
}

async function* listObjects(
  s3: S3Client,
  bucket: string,
  prefix: string,
  after: string | undefined,
  pageSize: number,
) {
  let token: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({
        Bucket: bucket,
        ...(prefix ? { Prefix: prefix } : {}),
        MaxKeys: pageSize,
        ...(token ? { ContinuationToken: token } : after !== undefined ? { StartAfter: after } : {}),
      }),
    );
    const objects: Listed[] = (page.Contents ?? [])
      .filter((o) => o.Key !== undefined && !o.Key.endsWith('/'))
      .map((o) => ({
        key: o.Key as string,
        ...(o.Size !== undefined ? { size: o.Size } : {}),
        ...(o.ETag ? { eTag: o.ETag.replace(/"/g, '') } : {}),
        ...(o.LastModified ? { lastModified: o.LastModified } : {}),
      }));
    yield objects;
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
}

async function countObjects(
  s3: S3Client,
  bucket: string,
  prefix: string,
  after: string | undefined,
  pageSize: number,
) {
  let n = 0;
  for await (const page of listObjects(s3, bucket, prefix, after, pageSize)) n += page.length;
  return n;
}

/** The S3 notification body of one backfilled object. */
export function backfillMessage(
  bucket: string,
  object: Listed,
  state: Item | undefined,
  region: string,
  now: Date,
): string {
  const known = state !== undefined;
  const record = {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: region,
    // a reprocessing keeps the stored event time, so sort dates do not move
    eventTime: String(state?.eventTime ?? (object.lastModified ?? now).toISOString()),
    eventName: 'ObjectCreated:Put',
    userIdentity: { principalId: 'news-ingest-backfill' },
    requestParameters: { sourceIPAddress: '127.0.0.1' },
    responseElements: {},
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: 'news-ingest-backfill',
      bucket: { name: bucket, ownerIdentity: { principalId: '' }, arn: `arn:aws:s3:::${bucket}` },
      object: {
        key: encodeS3Key(object.key),
        ...(object.size !== undefined ? { size: object.size } : {}),
        ...(object.eTag ? { eTag: object.eTag } : {}),
        ...(known && state.versionId ? { versionId: String(state.versionId) } : {}),
        sequencer: known ? String(state.sequencer) : UNSEEN_SEQUENCER,
      },
    },
    ...(known ? { reprocess: true } : {}),
  };
  return JSON.stringify({ Records: [record] });
}

async function sendAll(
  sqs: SQSClient,
  queue: string,
  entries: SendMessageBatchRequestEntry[],
  summary: BackfillSummary,
  wait: (ms: number) => Promise<void>,
): Promise<void> {
  let pending = entries;
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt >= MAX_SEND_ATTEMPTS)
      throw new Error(`the queue refused ${pending.length} message(s) ${MAX_SEND_ATTEMPTS} times; stopping`);
    if (attempt > 0) {
      summary.retriedEntries += pending.length;
      await wait(backoffDelay(attempt, 100, 5000));
    }
    const out = await sqs.send(new SendMessageBatchCommand({ QueueUrl: queue, Entries: pending }));
    const failed = new Set((out.Failed ?? []).map((f) => f.Id));
    const senderFault = (out.Failed ?? []).find((f) => f.SenderFault);
    if (senderFault)
      throw new Error(`the queue rejected a message: ${senderFault.Code} ${senderFault.Message ?? ''}`);
    pending = pending.filter((e) => failed.has(e.Id));
  }
}

/**
 * Lists the bucket (after the checkpoint), looks each page's objects up in the table, and sends
 * one notification per object to enqueue, in batches of 10; the checkpoint moves after each batch.
 */
export async function backfill(clients: BackfillClients, options: BackfillOptions): Promise<BackfillSummary> {
  const started = performance.now();
  const prefix = options.prefix ?? '';
  const outdated = options.outdated ?? false;
  const dryRun = options.dryRun ?? false;
  const pageSize = options.pageSize ?? 1000;
  const wait = options.wait ?? sleep;
  const region = options.region ?? 'us-east-1';
  const summary: BackfillSummary = {
    listed: 0,
    enqueued: 0,
    unseen: 0,
    reprocess: 0,
    current: 0,
    deletedInTable: 0,
    retriedEntries: 0,
    dryRun,
    ms: 0,
  };
  const path = dryRun ? undefined : options.checkpoint;
  const previous = path && !options.restart ? readCheckpoint(path) : undefined;
  const resumable =
    previous &&
    previous.bucket === options.bucket &&
    previous.prefix === prefix &&
    previous.outdated === outdated;
  if (resumable && previous.complete) {
    summary.alreadyComplete = true;
    summary.ms = Math.round(performance.now() - started);
    return summary;
  }
  const after = resumable && !previous.complete ? previous.lastKey : undefined;
  if (after !== undefined) summary.resumedAfter = after;
  const enqueuedBefore = resumable && !previous.complete ? previous.enqueued : 0;

  const total = await countObjects(clients.s3, options.bucket, prefix, after, pageSize);
  options.onProgress?.(summary, total);

  let batch: { entry: SendMessageBatchRequestEntry; key: string }[] = [];
  let lastHandled = after;
  const save = (complete: boolean) => {
    if (!path) return;
    writeCheckpoint(path, {
      bucket: options.bucket,
      prefix,
      outdated,
      ...(lastHandled !== undefined ? { lastKey: lastHandled } : {}),
      enqueued: enqueuedBefore + summary.enqueued,
      complete,
      updatedAt: new Date().toISOString(),
    });
  };
  const flush = async () => {
    if (batch.length === 0) return;
    if (!dryRun) {
      await sendAll(
        clients.sqs,
        options.queue,
        batch.map((b) => b.entry),
        summary,
        wait,
      );
    }
    summary.enqueued += batch.length;
    lastHandled = batch[batch.length - 1]?.key;
    batch = [];
    save(false);
    options.onProgress?.(summary, total);
  };

  const now = new Date();
  for await (const page of listObjects(clients.s3, options.bucket, prefix, after, pageSize)) {
    const states = await batchGet(
      clients.documents,
      options.table,
      page.map((o) => ({ pk: objectPk(options.bucket, o.key), sk: STATE_SK })),
    );
    const byPk = new Map(states.map((s) => [String(s.pk), s]));
    for (const object of page) {
      summary.listed++;
      const state = byPk.get(objectPk(options.bucket, object.key));
      if (state?.status === 'deleted') summary.deletedInTable++;
      if (outdated && state && state.extractorVersion === EXTRACTOR_VERSION) {
        summary.current++;
        // nothing to send: the key counts as handled once the batch before it is out
        if (batch.length === 0) lastHandled = object.key;
        continue;
      }
      if (state) summary.reprocess++;
      else summary.unseen++;
      batch.push({
        key: object.key,
        entry: {
          Id: String(batch.length),
          MessageBody: backfillMessage(options.bucket, object, state, region, now),
        },
      });
      if (batch.length === BATCH) await flush();
    }
    options.onProgress?.(summary, total);
  }
  await flush();
  save(true);
  summary.ms = Math.round(performance.now() - started);
  return summary;
}

export const command: Command = {
  name: 'backfill',
  summary: 'enqueue existing objects of a bucket for (re)processing',
  usage,
  async run(argv) {
    const { values } = parse(
      argv,
      {
        bucket: { type: 'string' },
        prefix: { type: 'string' },
        outdated: { type: 'boolean' },
        queue: { type: 'string' },
        table: { type: 'string' },
        stack: { type: 'string' },
        endpoint: { type: 'string' },
        's3-endpoint': { type: 'string' },
        'sqs-endpoint': { type: 'string' },
        'dynamodb-endpoint': { type: 'string' },
        region: { type: 'string' },
        checkpoint: { type: 'string' },
        restart: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        'page-size': { type: 'string' },
        json: { type: 'boolean' },
      },
      false,
    );
    if (values.help) {
      process.stdout.write(`${usage}\n`);
      return 0;
    }
    const stack = readStackLine(values.stack);
    const bucket = values.bucket ?? stack.bucket;
    const queue = values.queue ?? stack.queue;
    if (!bucket) throw new UsageError('name the bucket with --bucket (or --stack)');
    if (!queue && !values['dry-run'])
      throw new UsageError('name the ingest queue with --queue URL (or --stack)');
    const pageSize = positiveInt(values['page-size'], '--page-size', 1000);
    if (pageSize > 1000) throw new UsageError('--page-size is at most 1000');
    const region = values.region ?? stack.region;
    const endpoints = {
      s3: values['s3-endpoint'] ?? values.endpoint ?? stack.s3Endpoint,
      sqs: values['sqs-endpoint'] ?? values.endpoint ?? stack.sqsEndpoint,
      dynamodb: values['dynamodb-endpoint'] ?? values.endpoint ?? stack.dynamodbEndpoint,
    };
    const s3 = s3Client(connection(endpoints.s3, region));
    const sqs = sqsClient(connection(endpoints.sqs, region));
    const dynamo = dynamoClient({
      ...(endpoints.dynamodb ? { endpoint: endpoints.dynamodb } : {}),
      ...(region ? { region } : {}),
    });
    const prefix = values.prefix ?? '';
    const checkpoint = values.checkpoint ?? defaultCheckpointPath(bucket, prefix);
    const progress = new Progress(values['dry-run'] ? 'backfill (dry run)' : 'backfill');
    try {
      const table =
        values.table ??
        stack.table ??
        process.env.NEWS_INGEST_TABLE ??
        (endpoints.dynamodb ? await soleTable(dynamo) : undefined);
      if (!table) throw new UsageError('name the table with --table (or NEWS_INGEST_TABLE, or --stack)');
      const summary = await backfill(
        { s3, sqs, documents: documentClient(dynamo) },
        {
          bucket,
          prefix,
          outdated: values.outdated ?? false,
          queue: queue ?? '',
          table,
          region: region ?? (await s3.config.region().catch(() => 'us-east-1')),
          checkpoint,
          restart: values.restart ?? false,
          dryRun: values['dry-run'] ?? false,
          pageSize,
          onProgress: (s, total) =>
            progress.update(
              s.listed,
              total,
              `listed, ${s.enqueued} enqueued${s.current ? `, ${s.current} current` : ''}`,
            ),
        },
      );
      progress.update(summary.listed, undefined, `listed, ${summary.enqueued} enqueued`, true);
      progress.done();
      const where = `s3://${bucket}/${prefix}`;
      if (values.json) process.stdout.write(`${JSON.stringify({ ...summary, checkpoint }, null, 2)}\n`);
      else if (summary.alreadyComplete)
        process.stdout.write(
          `nothing to do: the backfill of ${where} already completed (checkpoint ${checkpoint}); --restart runs it again\n`,
        );
      else {
        const lines = [
          `${summary.dryRun ? 'dry run: would have enqueued' : 'enqueued'} ${summary.enqueued} of ${summary.listed} object(s) under ${where}` +
            `${summary.resumedAfter !== undefined ? ` (resumed after ${JSON.stringify(summary.resumedAfter)})` : ''}`,
          `  never seen (sequencer 0):        ${summary.unseen}`,
          `  in the table (reprocess):        ${summary.reprocess}`,
        ];
        if (values.outdated) lines.push(`  current extractor (left out):    ${summary.current}`);
        if (summary.retriedEntries)
          lines.push(`  entries retried after refusal:   ${summary.retriedEntries}`);
        if (summary.deletedInTable)
          lines.push(
            `  note: ${summary.deletedInTable} object(s) exist but the table records their deletion; their upload event is pending or was lost (upload them again to process them)`,
          );
        lines.push(
          `  ${(summary.ms / 1000).toFixed(1)} s${summary.dryRun ? '' : `, checkpoint ${checkpoint}`}`,
        );
        process.stdout.write(`${lines.join('\n')}\n`);
      }
      return 0;
    } finally {
      progress.done();
      s3.destroy();
      sqs.destroy();
      dynamo.destroy();
    }
  },
};
