import { FullBatchFailureError } from '@aws-lambda-powertools/batch';
import { DynamoDBClient, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import {
  BatchWriteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { SQSRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoArticleStore } from '../../functions/adapters/aws/dynamodb/store.ts';
import { S3ObjectSource } from '../../functions/adapters/aws/s3-object-source.ts';
import { processBatch } from '../../functions/handlers/process-batch.ts';
import { DEFAULT_INGEST_LIMITS } from '../../functions/ingest/ingest-object.ts';

const ddb = mockClient(DynamoDBDocumentClient);
const s3 = mockClient(S3Client);
// the unit files of a worker share modules: give the real clients back to the files after this one
afterAll(() => {
  ddb.restore();
  s3.restore();
});

const ARTICLE = 'WASHINGTON -- "We will see," Jane Roe said on Monday.\n\nShe left.';
// the S3 source reads bodies only through transformToWebStream()
const body = (s: string) => ({ transformToWebStream: () => new Blob([s]).stream() }) as never;

function record(id: string, key: string, sequencer = '0A'): SQSRecord {
  const s3Event = {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        eventTime: '2026-11-27T10:00:00.000Z',
        eventName: 'ObjectCreated:Put',
        s3: { bucket: { name: 'articles' }, object: { key, size: ARTICLE.length, sequencer } },
      },
    ],
  };
  return { messageId: id, body: JSON.stringify(s3Event) } as SQSRecord;
}

const logs: string[] = [];
const log = {
  info: (m: string) => logs.push(`info ${m}`),
  warn: (m: string) => logs.push(`warn ${m}`),
  error: (m: string) => logs.push(`error ${m}`),
  withKeys: <T>(_f: Record<string, unknown>, fn: () => Promise<T>) => fn(),
};
const counts: Record<string, number> = {};
const metrics = {
  count: (n: string, v = 1) => {
    counts[n] = (counts[n] ?? 0) + v;
  },
};

function deps2() {
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' }));
  return {
    source: new S3ObjectSource(new S3Client({ region: 'eu-west-1' })),
    store: new DynamoArticleStore(client, 'table', { wait: async () => {} }),
    now: () => new Date('2026-11-27T10:00:01Z'),
  };
}

describe('processBatch failure paths', () => {
  beforeEach(() => {
    ddb.reset();
    s3.reset();
    logs.length = 0;
    for (const k of Object.keys(counts)) delete counts[k];
    ddb.on(GetCommand).resolves({});
    ddb.on(QueryCommand).resolves({ Items: [] });
    ddb.on(UpdateCommand).resolves({});
    ddb.on(BatchWriteCommand).resolves({});
    s3.on(GetObjectCommand).callsFake(async () => ({ Body: body(ARTICLE), ContentLength: ARTICLE.length }));
  });

  it('retries UnprocessedItems with backoff until they are written', async () => {
    let calls = 0;
    ddb.on(BatchWriteCommand).callsFake(async (input) => {
      calls++;
      if (calls < 3) return { UnprocessedItems: input.RequestItems };
      return {};
    });
    const out = await processBatch([record('m1', 'a.txt')], deps2(), DEFAULT_INGEST_LIMITS, log, metrics);
    expect(out.batchItemFailures).toEqual([]);
    expect(calls).toBeGreaterThanOrEqual(3);
    expect(ddb.commandCalls(UpdateCommand)).toHaveLength(1);
  });

  it('reports only the throttled record for retry; the others complete', async () => {
    ddb.on(BatchWriteCommand).callsFake(async (input) => {
      const items = Object.values(input.RequestItems)[0] as { PutRequest?: { Item: { key: string } } }[];
      if (items.some((r) => r.PutRequest?.Item.key === 'throttled.txt')) {
        throw new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} });
      }
      return {};
    });
    const out = await processBatch(
      [record('m1', 'ok.txt'), record('m2', 'throttled.txt'), record('m3', 'ok2.txt')],
      deps2(),
      DEFAULT_INGEST_LIMITS,
      log,
      metrics,
    );
    expect(out.batchItemFailures).toEqual([{ itemIdentifier: 'm2' }]);
    expect(counts.ObjectsProcessed).toBe(2);
    expect(counts.RetriedEvents).toBe(1);
    // the throttled object was never committed: its STATE update did not happen
    const committedKeys = ddb
      .commandCalls(UpdateCommand)
      .map((c) => c.args[0].input.ExpressionAttributeValues);
    expect(JSON.stringify(committedKeys)).not.toContain('throttled.txt');
  });

  it('retries on S3 SlowDown and 5xx', async () => {
    s3.on(GetObjectCommand, { Key: 'slow.txt' }).rejects(
      new S3ServiceException({ name: 'SlowDown', $fault: 'server', $metadata: { httpStatusCode: 503 } }),
    );
    const out = await processBatch(
      [record('m1', 'slow.txt'), record('m2', 'a.txt')],
      deps2(),
      DEFAULT_INGEST_LIMITS,
      log,
      metrics,
    );
    expect(out.batchItemFailures).toEqual([{ itemIdentifier: 'm1' }]);
  });

  it('fails the invocation when every record failed, so that Lambda counts an error', async () => {
    s3.on(GetObjectCommand).rejects(
      new S3ServiceException({ name: 'SlowDown', $fault: 'server', $metadata: { httpStatusCode: 503 } }),
    );
    await expect(
      processBatch(
        [record('m1', 'a.txt'), record('m2', 'b.txt')],
        deps2(),
        DEFAULT_INGEST_LIMITS,
        log,
        metrics,
      ),
    ).rejects.toThrow(FullBatchFailureError);
    expect(counts.RetriedEvents).toBe(2);
    expect(logs.some((l) => l.startsWith('error every record of the batch failed'))).toBe(true);
  });

  it('starts no record once the time left is under the reserve, and reports the rest as failures', async () => {
    let now = 10_000;
    // each record takes 4 s of the clock; a record needs 3 s: after two, 2 s are left
    s3.on(GetObjectCommand).callsFake(async () => {
      now -= 4_000;
      return { Body: body(ARTICLE), ContentLength: ARTICLE.length };
    });
    const out = await processBatch(
      ['m1', 'm2', 'm3', 'm4'].map((id) => record(id, `${id}.txt`)),
      deps2(),
      DEFAULT_INGEST_LIMITS,
      log,
      metrics,
      { remainingMs: () => now, reserveMs: 3_000 },
    );
    expect(out.batchItemFailures).toEqual([{ itemIdentifier: 'm3' }, { itemIdentifier: 'm4' }]);
    expect(counts.ObjectsProcessed).toBe(2);
    expect(counts.DeferredRecords).toBe(2);
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(2);
  });

  it('skips as gone an object S3 answers 404 for, and one it answers 403 for that a listing does not show', async () => {
    s3.on(GetObjectCommand, { Key: 'missing.txt' }).rejects(
      new S3ServiceException({ name: 'NoSuchKey', $fault: 'client', $metadata: { httpStatusCode: 404 } }),
    );
    s3.on(GetObjectCommand, { Key: 'hidden.txt' }).rejects(
      new S3ServiceException({ name: 'AccessDenied', $fault: 'client', $metadata: { httpStatusCode: 403 } }),
    );
    s3.on(ListObjectsV2Command).resolves({ Contents: [{ Key: 'hidden.txt.bak' }] });
    const out = await processBatch(
      [record('m1', 'missing.txt'), record('m2', 'hidden.txt')],
      deps2(),
      DEFAULT_INGEST_LIMITS,
      log,
      metrics,
    );
    expect(out.batchItemFailures).toEqual([]);
    expect(counts.EventsSkipped).toBe(2);
    expect(s3.commandCalls(ListObjectsV2Command)[0]?.args[0].input).toMatchObject({
      Bucket: 'articles',
      Prefix: 'hidden.txt',
      MaxKeys: 1,
    });
  });

  it('retries a 403 for an object the listing shows: a real denial, not a missing key', async () => {
    s3.on(GetObjectCommand, { Key: 'denied.txt' }).rejects(
      new S3ServiceException({ name: 'AccessDenied', $fault: 'client', $metadata: { httpStatusCode: 403 } }),
    );
    s3.on(ListObjectsV2Command).resolves({ Contents: [{ Key: 'denied.txt' }] });
    const out = await processBatch(
      [record('m1', 'denied.txt'), record('m2', 'a.txt')],
      deps2(),
      DEFAULT_INGEST_LIMITS,
      log,
      metrics,
    );
    expect(out.batchItemFailures).toEqual([{ itemIdentifier: 'm1' }]);
  });

  it('asks S3 what is current after a version was deleted permanently', async () => {
    s3.on(HeadObjectCommand).rejects(
      new S3ServiceException({ name: 'NotFound', $fault: 'client', $metadata: { httpStatusCode: 404 } }),
    );
    const removal = JSON.parse(record('m1', 'a.txt', '0B').body);
    removal.Records[0].eventName = 'ObjectRemoved:Delete';
    removal.Records[0].s3.object = { key: 'a.txt', versionId: 'v1', sequencer: '0B' };
    const out = await processBatch(
      [{ messageId: 'm1', body: JSON.stringify(removal) } as SQSRecord],
      deps2(),
      DEFAULT_INGEST_LIMITS,
      log,
      metrics,
    );
    expect(out.batchItemFailures).toEqual([]);
    expect(s3.commandCalls(HeadObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: 'articles',
      Key: 'a.txt',
    });
    expect(counts.ObjectsRemoved).toBe(1);
  });

  it('discards malformed messages and test events without failing the batch', async () => {
    const out = await processBatch(
      [
        { messageId: 'x', body: 'garbage' } as SQSRecord,
        { messageId: 't', body: JSON.stringify({ Event: 's3:TestEvent' }) } as SQSRecord,
        record('m1', 'a.txt'),
      ],
      deps2(),
      DEFAULT_INGEST_LIMITS,
      log,
      metrics,
    );
    expect(out.batchItemFailures).toEqual([]);
    expect(counts.MalformedMessages).toBe(1);
    expect(counts.ObjectsProcessed).toBe(1);
  });

  it('discards events for another bucket', async () => {
    const out = await processBatch([record('m1', 'a.txt')], deps2(), DEFAULT_INGEST_LIMITS, log, metrics, {
      bucketName: 'other',
    });
    expect(out.batchItemFailures).toEqual([]);
    expect(counts.ForeignBucketEvents).toBe(1);
    expect(s3.commandCalls(GetObjectCommand)).toHaveLength(0);
  });

  it('never logs article text', async () => {
    await processBatch([record('m1', 'a.txt')], deps2(), DEFAULT_INGEST_LIMITS, log, metrics);
    expect(logs.join('\n')).not.toContain('We will see');
  });
});
