import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { documentClient } from '#adapters/aws/clients.ts';
import { DynamoArticleStore } from '#adapters/aws/dynamodb/store.ts';
import { ingestObject } from '#ingest/ingest-object.ts';
import type { ObjectEvent, ObjectRef, ObjectSource } from '#ingest/ports.ts';
import { seeded } from '../../bench/adversarial-inputs.ts';
import { type DynamoEmulator, javaAvailable, startDynamo } from '../../local/emulators/dynamodb.ts';
import { createArticlesTable } from '../support/articles-table.ts';

/**
 * DynamoDB goes away in the middle of a burst and comes back (DynamoDB Local restarted on its
 * data directory): the events that failed meanwhile are retried, as SQS would redeliver them, and
 * the table ends exactly as a clean, in-order pass leaves it.
 */

const texts = (i: number, v: number) =>
  `Daily Planet\n\nStory ${i} v${v}\n\nMETROPOLIS -- The council met.\n\n"Plan ${i}.${v} is sound," Ann Lee told reporters.\n\n"We agree on plan ${i}," said Tom Casey.\n`;

class Source implements ObjectSource {
  readonly versions = new Map<string, string>();
  async fetch(ref: ObjectRef) {
    const text = this.versions.get(ref.versionId ?? '');
    if (text === undefined) throw new Error(`no version ${ref.versionId}`);
    return { bytes: new TextEncoder().encode(text), versionId: ref.versionId as string };
  }
  /** Removals here are delete markers: the use case never asks what is current. */
  async current(): Promise<undefined> {
    throw new Error('not expected: removals in this test are delete markers');
  }
}

function history(source: Source): ObjectEvent[] {
  const events: ObjectEvent[] = [];
  for (let i = 0; i < 6; i++) {
    const key = `restart/${i} é+.txt`;
    for (let v = 1; v <= 3; v++) {
      const versionId = `r${i}.${v}`;
      source.versions.set(versionId, texts(i, v));
      const sequencer = `00${(0x55aed6dcd9n + BigInt(i * 16 + v)).toString(16).toUpperCase()}`;
      events.push(
        v === 3 && i % 3 === 0
          ? {
              kind: 'removed',
              deleteMarker: true,
              ref: { bucket: 'articles', key },
              sequencer,
              eventTime: '2026-11-27T11:00:00.000Z',
            }
          : {
              kind: 'created',
              ref: { bucket: 'articles', key, versionId },
              sequencer,
              eventTime: `2026-11-27T10:00:0${v}.000Z`,
            },
      );
    }
  }
  return events;
}

function client(endpoint: string): DynamoDBDocumentClient {
  return documentClient(
    new DynamoDBClient({
      endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 2,
      requestHandler: { connectionTimeout: 500, requestTimeout: 5000 },
    }),
  );
}

async function contents(docs: DynamoDBDocumentClient, table: string): Promise<string[]> {
  const out: string[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await docs.send(new ScanCommand({ TableName: table, ExclusiveStartKey: startKey }));
    for (const item of page.Items ?? []) {
      const { processedAt: _, ...rest } = item;
      out.push(
        JSON.stringify(Object.fromEntries(Object.entries(rest).sort(([a], [b]) => a.localeCompare(b)))),
      );
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return out.sort();
}

const dir = mkdtempSync(join(tmpdir(), 'ddb-restart-'));
let ddb: DynamoEmulator | undefined;

afterAll(async () => {
  await ddb?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!javaAvailable())('DynamoDB restarting during a burst (needs java)', () => {
  it('events failing while it is down are retried; the table ends as a clean pass', async () => {
    const quiet = { log: () => {}, readyTimeoutMs: 150_000 };
    ddb = await startDynamo({ prefer: 'dynamodb-local', dataDir: dir, ...quiet });
    let current = client(ddb.endpoint);
    const docs = { send: (c: never) => current.send(c) } as unknown as DynamoDBDocumentClient;
    await createArticlesTable(
      new DynamoDBClient({
        endpoint: ddb.endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      }),
      'burst',
    );
    await createArticlesTable(
      new DynamoDBClient({
        endpoint: ddb.endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      }),
      'clean',
    );
    const source = new Source();
    const events = history(source);
    const deps = (table: string) => ({
      source,
      store: new DynamoArticleStore(docs, table, { wait: async () => {} }),
      now: () => new Date('2026-11-27T12:00:00.000Z'),
    });

    // the burst: three consumers, every event delivered twice in a shuffled order; a failed
    // event goes back to the end of the queue (SQS redelivery)
    const random = seeded(5);
    const queue = [...events, ...events];
    for (let i = queue.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [queue[i], queue[j]] = [queue[j] as ObjectEvent, queue[i] as ObjectEvent];
    }
    let handled = 0;
    let failures = 0;
    let restarting: Promise<void> | undefined;
    const consumer = async () => {
      for (;;) {
        const event = queue.shift();
        if (!event) {
          if (restarting) {
            await restarting;
            if (queue.length) continue;
          }
          return;
        }
        try {
          await ingestObject(deps('burst'), event);
          handled++;
          if (handled === 10 && !restarting) {
            // DynamoDB goes away mid-burst and comes back on the same data
            restarting = (async () => {
              await ddb?.stop();
              await new Promise((r) => setTimeout(r, 1500));
              ddb = await startDynamo({ prefer: 'dynamodb-local', dataDir: dir, ...quiet });
              current = client(ddb.endpoint);
            })();
          }
        } catch {
          failures++;
          queue.push(event);
          await new Promise((r) => setTimeout(r, 200));
        }
      }
    };
    await Promise.all([consumer(), consumer(), consumer()]);
    await restarting;
    expect(failures).toBeGreaterThan(0);
    expect(handled).toBe(events.length * 2);

    for (const e of events) await ingestObject(deps('clean'), e);
    const clean = await contents(docs, 'clean');
    expect(clean.length).toBeGreaterThan(12);
    expect(await contents(docs, 'burst')).toEqual(clean);
  });
});
