import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { documentClient, dynamoClient } from '#adapters/aws/clients.ts';
import { DynamoArticleStore } from '#adapters/aws/dynamodb/store.ts';
import { S3ObjectSource } from '#adapters/aws/s3-object-source.ts';
import { EXTRACTOR_VERSION } from '#core/nlp/version.ts';
import { ingestObject } from '#ingest/ingest-object.ts';
import type { ObjectEvent } from '#ingest/ports.ts';
import { sqsClient } from '../../functions/adapters/aws/clients.ts';
import {
  backfill,
  command,
  encodeS3Key,
  readCheckpoint,
  UNSEEN_SEQUENCER,
} from '../../functions/cli/commands/backfill.ts';
import { parseSqsRecord } from '../../functions/handlers/s3-records.ts';
import { type S3SqsEmulator, startS3Sqs } from '../../local/emulators/s3-sqs.ts';
import { createArticlesTable } from '../support/articles-table.ts';
import { sharedDynamo, uniqueNamespace } from './support.ts';

/**
 * `news-ingest backfill` against fauxqs (S3 and SQS) and dynalite (the table): every object
 * enqueued exactly once, in the real notification shape, resumable after a crash, and handled by
 * the use case as the issue says (unseen objects processed, outdated ones reprocessed, current
 * ones skipped, a real event always winning over a backfill one).
 */

const ARTICLE = (n: number) =>
  `Daily Planet\n\nStory ${n}\n\nMETROPOLIS -- Mayor Ann Lee opened bridge ${n} on Monday.\n\n"This bridge joins two halves of our city," Lee said.\n`;

const KEYS = [
  'a.txt',
  'dir/b c.txt',
  'dir/über café+1.txt',
  'pct%41 & more.txt',
  'seen-current.txt',
  'seen-old.txt',
  ...Array.from({ length: 17 }, (_, i) => `bulk/${String(i).padStart(2, '0')}.txt`),
];

let s3e: S3SqsEmulator;
const namespace = uniqueNamespace();
let s3: S3Client;
let sqs: SQSClient;
let dynamo: DynamoDBClient;
let store: DynamoArticleStore;
let run = 0;
let queue: string;
let table: string;
let bucket: string;
let dir: string;

const clients = () => ({ s3, sqs, documents: documentClient(dynamo) });

async function drain(): Promise<string[]> {
  const out: string[] = [];
  for (;;) {
    const r = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queue, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
    );
    if (!r.Messages?.length) return out;
    out.push(...r.Messages.map((m) => m.Body ?? ''));
    await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queue,
        Entries: r.Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle ?? '' })),
      }),
    );
  }
}

function eventsOf(bodies: string[]): ObjectEvent[] {
  return bodies.flatMap((b) => {
    const parsed = parseSqsRecord({ body: b });
    if (parsed.kind !== 'events') throw new Error(`not an S3 notification: ${b}`);
    return parsed.events;
  });
}

const realEvent = (key: string, sequencer: string): ObjectEvent => ({
  kind: 'created',
  ref: { bucket, key },
  sequencer,
  eventTime: '2026-11-27T09:00:00.000Z',
});

function wrap(
  inner: SQSClient,
  intercept: (c: object, send: () => Promise<unknown>) => Promise<unknown>,
): SQSClient {
  return { send: (c: object) => intercept(c, () => inner.send(c as never)) } as unknown as SQSClient;
}

const deps = () => ({ source: new S3ObjectSource(s3), store, now: () => new Date('2026-11-27T10:00:00Z') });

beforeAll(async () => {
  s3e = await startS3Sqs({ region: 'us-east-1' });
  const local = { region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
  s3 = new S3Client({ ...local, endpoint: s3e.endpoint, forcePathStyle: true });
  sqs = sqsClient({ endpoint: s3e.endpoint, region: 'us-east-1' });
  // the run's DynamoDB (global-setup.ts); this file's tables have names of their own
  dynamo = dynamoClient({ endpoint: sharedDynamo().endpoint, region: 'us-east-1' });
  dir = mkdtempSync(join(tmpdir(), 'backfill-test-'));
});

afterAll(async () => {
  s3?.destroy();
  sqs?.destroy();
  dynamo?.destroy();
  await s3e?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  run++;
  bucket = `articles-${run}`;
  table = `${namespace}-articles-table-${run}`;
  s3e.createBucket(bucket, { versioned: true });
  queue = (await sqs.send(new CreateQueueCommand({ QueueName: `ingest-${run}` }))).QueueUrl as string;
  await createArticlesTable(dynamo, table);
  store = new DynamoArticleStore(documentClient(dynamo), table);
  for (const [i, key] of [...KEYS, 'other/x.txt'].entries())
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: ARTICLE(i) }));
  // two objects the table already holds: one by this extractor, one by an older one
  expect((await ingestObject(deps(), realEvent('seen-current.txt', '0055AED6DCD90281E5'))).action).toBe(
    'stored',
  );
  const old = realEvent('seen-old.txt', '0055AED6DCD90281E6');
  await store.commit(
    old,
    { status: 'processed', contentHash: 'x', format: 'text', articles: [], retracted: 0 },
    { extractorVersion: '0.0.1-old', processedAt: '2026-01-01T00:00:00.000Z', versionId: 'v-old' },
  );
});

describe('backfill', () => {
  it('enqueues every object under the prefix exactly once, in the real notification shape', async () => {
    const checkpoint = join(dir, `cp-${run}.json`);
    const summary = await backfill(clients(), { bucket, queue, table, checkpoint, pageSize: 7 });
    expect(summary).toMatchObject({ listed: KEYS.length + 1, enqueued: KEYS.length + 1, reprocess: 2 });
    const bodies = await drain();
    const events = eventsOf(bodies);
    expect(events.map((e) => e.ref.key).sort()).toEqual([...KEYS, 'other/x.txt'].sort());

    const raw = JSON.parse(bodies.find((b) => b.includes('%C3%BCber'))!).Records[0];
    expect(raw.eventName).toBe('ObjectCreated:Put');
    expect(raw.s3.object.key).toBe('dir/%C3%BCber+caf%C3%A9%2B1.txt');
    expect(raw.s3.object.size).toBeGreaterThan(0);
    expect(raw.s3.object.eTag).toMatch(/^[0-9a-f]{32}$/);

    const byKey = new Map(events.map((e) => [e.ref.key, e]));
    expect(byKey.get('a.txt')).toMatchObject({ sequencer: UNSEEN_SEQUENCER });
    expect(byKey.get('a.txt')?.reprocess).toBeUndefined();
    expect(byKey.get('seen-current.txt')).toMatchObject({ reprocess: true });
    expect(byKey.get('seen-current.txt')?.sequencer).toMatch(/^0055AED6DCD90281E5/);
    expect(byKey.get('seen-old.txt')).toMatchObject({ reprocess: true, ref: { versionId: 'v-old' } });
    expect(readCheckpoint(checkpoint)).toMatchObject({ complete: true, enqueued: KEYS.length + 1 });

    // the handler's view: unseen processed, outdated reprocessed, current skipped
    const results = new Map<string, string>();
    for (const e of events) {
      const r = await ingestObject(deps(), e);
      results.set(e.ref.key, r.action === 'skipped' ? `skipped ${r.why}` : r.action);
    }
    expect(results.get('a.txt')).toBe('stored');
    expect(results.get('dir/über café+1.txt')).toBe('stored');
    expect(results.get('seen-current.txt')).toBe('skipped duplicate');
    expect(results.get('seen-old.txt')).toBe('skipped gone'); // v-old is not a version of the bucket
    expect((await store.state({ bucket, key: 'a.txt' }))?.extractorVersion).toBe(EXTRACTOR_VERSION);

    // a second run says it is done; --restart enqueues again
    expect(await backfill(clients(), { bucket, queue, table, checkpoint })).toMatchObject({
      alreadyComplete: true,
      enqueued: 0,
    });
    expect(await drain()).toEqual([]);
  });

  it('--outdated enqueues only objects missing from the table or by another extractor', async () => {
    const summary = await backfill(clients(), { bucket, queue, table, prefix: 'seen-', outdated: true });
    expect(summary).toMatchObject({ listed: 2, enqueued: 1, current: 1, reprocess: 1 });
    const events = eventsOf(await drain());
    expect(events.map((e) => e.ref.key)).toEqual(['seen-old.txt']);
    // without a stored versionId the object's current version is read, and the reprocess commits
    await store.commit(
      realEvent('seen-old.txt', '0055AED6DCD90281E6'),
      { status: 'processed', contentHash: 'y', format: 'text', articles: [], retracted: 0 },
      { extractorVersion: '0.0.2-old', processedAt: '2026-01-02T00:00:00.000Z' },
    );
    const again = eventsOf(
      await (async () => {
        await backfill(clients(), { bucket, queue, table, prefix: 'seen-old', outdated: true });
        return drain();
      })(),
    );
    expect(again).toHaveLength(1);
    const r = await ingestObject(deps(), again[0]!);
    expect(r).toMatchObject({ action: 'stored', outcome: 'processed', commit: 'committed' });
    const state = await store.state({ bucket, key: 'seen-old.txt' });
    expect(state?.extractorVersion).toBe(EXTRACTOR_VERSION);
    expect(state?.sequencer).toMatch(/^0055AED6DCD90281E6/);
    // now current: nothing left to do
    expect(
      await backfill(clients(), { bucket, queue, table, prefix: 'seen-', outdated: true }),
    ).toMatchObject({
      enqueued: 0,
      current: 2,
    });
  });

  it('a real event always wins over a backfill message of a never-seen object', async () => {
    await backfill(clients(), { bucket, queue, table, prefix: 'a.' });
    const [fromBackfill] = eventsOf(await drain());
    expect(fromBackfill?.sequencer).toBe(UNSEEN_SEQUENCER);
    expect(await ingestObject(deps(), realEvent('a.txt', '0055AED6DCD9028200'))).toMatchObject({
      action: 'stored',
    });
    expect(await ingestObject(deps(), fromBackfill!)).toEqual({ action: 'skipped', why: 'stale' });
    expect((await store.state({ bucket, key: 'a.txt' }))?.sequencer).toMatch(/^0055AED6DCD9028200/);
  });

  it('resumes after a crash from its checkpoint: no object missed, none sent twice', async () => {
    const checkpoint = join(dir, `cp-${run}.json`);
    let batches = 0;
    const crashing = wrap(sqs, async (c, send) => {
      if (c instanceof SendMessageBatchCommand && ++batches === 3) throw new Error('injected crash');
      return send();
    });
    await expect(
      backfill({ ...clients(), sqs: crashing }, { bucket, queue, table, checkpoint, pageSize: 5 }),
    ).rejects.toThrow('injected crash');
    const saved = readCheckpoint(checkpoint);
    expect(saved).toMatchObject({ complete: false, enqueued: 20 });
    const resumed = await backfill(clients(), { bucket, queue, table, checkpoint, pageSize: 5 });
    expect(resumed.resumedAfter).toBe(saved?.lastKey);
    expect(resumed.enqueued).toBe(KEYS.length + 1 - 20);
    const keys = eventsOf(await drain()).map((e) => e.ref.key);
    expect(keys.sort()).toEqual([...KEYS, 'other/x.txt'].sort());
    // --restart starts over
    const restarted = await backfill(clients(), { bucket, queue, table, checkpoint, restart: true });
    expect(restarted.enqueued).toBe(KEYS.length + 1);
    expect(await drain()).toHaveLength(KEYS.length + 1);
  });

  it('retries the entries the queue refuses, each object still sent once', async () => {
    let refused = 0;
    const flaky = wrap(sqs, async (c, send) => {
      if (!(c instanceof SendMessageBatchCommand) || refused >= 6) return send();
      const entries = c.input.Entries ?? [];
      const [keep, drop] = [entries.filter((_, i) => i % 2 === 0), entries.filter((_, i) => i % 2 === 1)];
      refused += drop.length;
      const out = (await sqs.send(new SendMessageBatchCommand({ ...c.input, Entries: keep }))) as object;
      return {
        ...out,
        Failed: drop.map((e) => ({ Id: e.Id, Code: 'ServiceUnavailable', SenderFault: false })),
      };
    });
    const summary = await backfill(
      { ...clients(), sqs: flaky },
      { bucket, queue, table, prefix: 'bulk/', wait: async () => {} },
    );
    expect(summary.retriedEntries).toBeGreaterThan(0);
    const keys = eventsOf(await drain()).map((e) => e.ref.key);
    expect(keys).toHaveLength(17);
    expect(new Set(keys).size).toBe(17);
  });
});

describe('news-ingest backfill (command line)', () => {
  it('reads --stack, prints a summary, and explains the sequencer rule in --help', async () => {
    const out: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out.push(String(chunk));
      return true;
    });
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await command.run(['--help'])).toBe(0);
      expect(out.join('')).toMatch(/below any real S3 sequencer/);
      out.length = 0;
      const stack = JSON.stringify({
        s3Endpoint: s3e.endpoint,
        sqsEndpoint: s3e.endpoint,
        dynamodbEndpoint: sharedDynamo().endpoint,
        region: 'us-east-1',
        bucket,
        queue,
        table,
      });
      const checkpoint = join(dir, `cli-${run}.json`);
      expect(
        await command.run(['--stack', stack, '--prefix', 'dir/', '--checkpoint', checkpoint, '--json']),
      ).toBe(0);
      expect(JSON.parse(out.join(''))).toMatchObject({ listed: 2, enqueued: 2, unseen: 2 });
    } finally {
      spy.mockRestore();
      err.mockRestore();
    }
    expect(eventsOf(await drain()).map((e) => e.ref.key)).toEqual(['dir/b c.txt', 'dir/über café+1.txt']);
  });

  it('encodes keys as S3 does', () => {
    expect(encodeS3Key('incoming/2026 11/über café+1.json')).toBe(
      'incoming/2026+11/%C3%BCber+caf%C3%A9%2B1.json',
    );
    expect(encodeS3Key('100%.txt')).toBe('100%25.txt');
  });
});
