import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentClient } from '#adapters/aws/clients.ts';
import { objectPk, STATE_SK } from '#adapters/aws/dynamodb/keys.ts';
import { ArticleReader } from '#adapters/aws/dynamodb/reader.ts';
import { DynamoArticleStore } from '#adapters/aws/dynamodb/store.ts';
import { ingestObject } from '#ingest/ingest-object.ts';
import type { ObjectEvent, ObjectRef, ObjectSource } from '#ingest/ports.ts';
import { normalizeSequencer } from '#ingest/sequencer.ts';
import { seeded } from '../../bench/adversarial-inputs.ts';
import { javaAvailable } from '../../local/emulators/dynamodb.ts';
import { createArticlesTable } from '../support/articles-table.ts';
import { VersionedBucket } from '../support/versioned-bucket.ts';
import { sharedDynamo, uniqueNamespace } from './support.ts';

/**
 * The versioned write protocol (functions/adapters/aws/dynamodb/store.ts) against AWS's DynamoDB
 * Local: a crash at every step leaves readers the whole old state or the whole new one, and the
 * retry completes it; duplicates and reordering change nothing; older sequencers never win;
 * deletes and re-creations in any order; no stale item; throttling and UnprocessedItems survived.
 */

const BUCKET = 'articles';
const PEOPLE = [
  'Ann Lee',
  'Tom Casey',
  'Maria Gonzalez',
  'Peter Novak',
  'Sarah Johnson',
  'David Kim',
  'Laura Smith',
  'James Brown',
];

/**
 * An article quoting `people` `rounds` times each, every quotation in a paragraph of its own: one
 * entity item per person and one quote item per quotation. Several quotations per speaker give a
 * version more than 25 items (several batch writes) with few names, so that a view of the indexes
 * (two reader queries per name) stays cheap while it still covers every item.
 */
function article(title: string, people: readonly string[], topic: string, rounds: number): string {
  const paragraphs: string[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const [i, p] of people.entries()) {
      const n = r * people.length + i + 1;
      paragraphs.push(`"The ${topic} plan number ${n} is sound," ${p} told reporters in Chicago on Monday.`);
    }
  }
  return `Daily Planet\n\n${title}\n\nA report on the ${topic}\n\nMETROPOLIS -- The council met.\n\n${paragraphs.join('\n\n')}\n`;
}

const OLD = article('Bridge plan approved', PEOPLE, 'bridge', 3);
const NEW = article('Tunnel plan replaces bridge', PEOPLE.slice(0, 7).reverse(), 'tunnel', 3);
const SMALL = article('Tunnel plan shelved', PEOPLE.slice(0, 2), 'tunnel', 1);

/** Object contents by versionId, as a versioned bucket keeps them. */
class VersionedSource implements ObjectSource {
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

let raw: DynamoDBClient;
let docs: DynamoDBDocumentClient;
let tables = 0;

const namespace = uniqueNamespace();
async function newTable(): Promise<string> {
  const name = `${namespace}-articles-${++tables}`;
  await createArticlesTable(raw, name);
  return name;
}

const source = new VersionedSource();
let versionCounter = 0;
function created(key: string, sequencer: string, text: string): ObjectEvent {
  const versionId = `v${++versionCounter}`;
  source.versions.set(versionId, text);
  return {
    kind: 'created',
    ref: { bucket: BUCKET, key, versionId },
    sequencer,
    eventTime: `2026-11-27T10:00:${String(versionCounter % 60).padStart(2, '0')}.000Z`,
  };
}
const removed = (key: string, sequencer: string): ObjectEvent => ({
  kind: 'removed',
  deleteMarker: true,
  ref: { bucket: BUCKET, key },
  sequencer,
  eventTime: '2026-11-27T11:00:00.000Z',
});

let clock = 0;
const deps = (client: DynamoDBDocumentClient, table: string) => ({
  source,
  store: new DynamoArticleStore(client, table, { wait: async () => {} }),
  now: () => new Date(Date.UTC(2026, 10, 27, 12, 0, 0, clock++)),
});

/** What a reader sees of one object: all of it, through the table and both indexes. */
async function view(table: string, key: string) {
  const reader = new ArticleReader(docs, table);
  const object = await reader.getObject(BUCKET, key);
  if (!object) return undefined;
  const articles = object.articles.map((a) => ({
    title: a.meta.title,
    entities: a.entities.map((e) => `${e.type}:${e.name}:${e.mentions}`).sort(),
    quotes: a.quotes.map((q) => `${q.start}-${q.end}:${q.speaker}:${q.text}`),
  }));
  // the indexes must show the same state: every quote by a speaker and every entity, of this key
  const names = new Set<string>(PEOPLE);
  for (const a of articles) for (const e of a.entities) names.add(e.split(':')[1] as string);
  const bySpeaker: string[] = [];
  const byEntity: string[] = [];
  // every name's two index queries at once (the order of the lists is sorted away below)
  await Promise.all(
    [...names].map(async (name) => {
      const [quotes, mentions] = await Promise.all([
        reader.quotesBySpeaker(name, 10_000),
        reader.articlesByEntity(name, 10_000),
      ]);
      for (const q of quotes) if (q.key === key) bySpeaker.push(`${q.start}-${q.end}:${q.speaker}:${q.text}`);
      for (const m of mentions) if (m.key === key) byEntity.push(`${m.type}:${m.name}:${m.mentions}`);
    }),
  );
  return {
    status: object.status,
    sequencer: object.state.sequencer,
    version: object.state.version,
    failure: object.failure,
    articles,
    bySpeaker: bySpeaker.sort(),
    byEntity: byEntity.sort(),
  };
}

type View = Awaited<ReturnType<typeof view>>;

/** Every item of the object's partition. */
async function partition(table: string, key: string): Promise<Record<string, unknown>[]> {
  const out = await docs.send(
    new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': objectPk(BUCKET, key) },
      ConsistentRead: true,
    }),
  );
  return out.Items ?? [];
}

/** Fails when an item of another version than the committed one is left in the partition. */
async function expectOnlyLiveVersion(table: string, key: string): Promise<void> {
  const items = await partition(table, key);
  const state = items.find((i) => i.sk === STATE_SK);
  const stale = items.filter((i) => i.sk !== STATE_SK && i.version !== state?.version).map((i) => i.sk);
  expect(stale).toEqual([]);
}

/** A DocumentClient whose k-th send crashes: before the request is sent, or after it took effect. */
function crashingAt(k: number, mode: 'before' | 'after') {
  let calls = 0;
  const sent: string[] = [];
  const client = {
    async send(command: object) {
      calls++;
      sent.push(command.constructor.name);
      if (calls === k && mode === 'before') throw new Error(`injected crash before send ${k}`);
      const out = await docs.send(command as never);
      if (calls === k) throw new Error(`injected crash after send ${k}`);
      return out;
    },
  } as unknown as DynamoDBDocumentClient;
  return { client, calls: () => calls, sent: () => sent };
}

/** Scan of a whole table, without processedAt, sorted: for comparing two tables. */
async function tableContents(table: string): Promise<string[]> {
  const items: string[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await docs.send(new ScanCommand({ TableName: table, ExclusiveStartKey: startKey }));
    for (const item of page.Items ?? []) {
      const { processedAt: _, ...rest } = item;
      items.push(
        JSON.stringify(Object.fromEntries(Object.entries(rest).sort(([a], [b]) => a.localeCompare(b)))),
      );
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items.sort();
}

const hasJava = javaAvailable();

describe.skipIf(!hasJava)('write protocol on DynamoDB Local (needs java)', () => {
  beforeAll(async () => {
    // the run's DynamoDB Local (global-setup.ts); this file's tables have names of their own
    raw = new DynamoDBClient({
      endpoint: sharedDynamo().endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    docs = documentClient(raw);
  });

  afterAll(async () => {
    raw?.destroy();
  });

  describe('a crash at every step of commit and remove', () => {
    let table: string;
    let oldView: View;
    let newView: View;
    let deletedView: View;
    let commitSends = 0;
    let removeSends = 0;
    let commitCommands: string[] = [];

    beforeAll(async () => {
      table = await newTable();
      // reference runs, without faults: the old state, the new state, and the sends each takes
      await ingestObject(deps(docs, table), created('ref', '0055AED6DCD90281E5', OLD));
      oldView = await view(table, 'ref');
      const counting = crashingAt(Number.POSITIVE_INFINITY, 'before');
      await ingestObject(deps(counting.client, table), created('ref', '0055AED6DCD90281E6', NEW));
      commitSends = counting.calls();
      commitCommands = counting.sent();
      newView = await view(table, 'ref');
      const countingRemove = crashingAt(Number.POSITIVE_INFINITY, 'before');
      await ingestObject(deps(countingRemove.client, table), removed('ref', '0055AED6DCD90281E7'));
      removeSends = countingRemove.calls();
      deletedView = await view(table, 'ref');
    });

    it('the reference runs write several batches, and the views differ', () => {
      const entities = (v: View) => v?.articles[0]?.entities.length ?? 0;
      const quotes = (v: View) => v?.articles[0]?.quotes.length ?? 0;
      // more than 25 items per version: the batch writes take several requests
      expect(entities(oldView) + quotes(oldView)).toBeGreaterThan(25);
      expect(entities(newView) + quotes(newView)).toBeGreaterThan(25);
      expect(newView?.articles[0]?.title).not.toBe(oldView?.articles[0]?.title);
      expect(oldView?.bySpeaker.length).toBeGreaterThan(0);
      expect(deletedView).toMatchObject({ status: 'deleted', articles: [] });
      expect(commitSends).toBeGreaterThanOrEqual(6);
      // a crash can fall between two batch writes on both sides of the commit point: the new
      // version's puts and the old version's deletes each take more than one BatchWriteItem
      const commitAt = commitCommands.indexOf('UpdateCommand');
      const batches = (list: string[]) => list.filter((c) => c === 'BatchWriteCommand').length;
      expect(commitAt).toBeGreaterThan(0);
      expect(batches(commitCommands.slice(0, commitAt))).toBeGreaterThanOrEqual(2);
      expect(batches(commitCommands.slice(commitAt + 1))).toBeGreaterThanOrEqual(2);
      expect(removeSends).toBeGreaterThanOrEqual(3);
    });

    // views of another key than 'ref': compare what does not name the key
    const same = (a: View, b: View) => {
      const strip = (v: View) => (v ? { ...v, sequencer: undefined, version: undefined } : v);
      return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
    };

    for (const mode of ['before', 'after'] as const) {
      it(`commit: crash ${mode} send k, for every k: old or new, never a mix; the retry ends new and clean`, async () => {
        const outcomes: string[] = [];
        for (let k = 1; k <= commitSends; k++) {
          // a table of its own: the views' index queries then read this key's items only
          const table = await newTable();
          const key = `commit-${mode}-${k}`;
          await ingestObject(deps(docs, table), created(key, '0055AED6DCD90281E5', OLD));
          const event = created(key, '0055AED6DCD90281E6', NEW);
          const crash = crashingAt(k, mode);
          await expect(ingestObject(deps(crash.client, table), event)).rejects.toThrow(/injected crash/);
          const between = await view(table, key);
          const isOld = same(between, oldView);
          const isNew = same(between, newView);
          expect(isOld || isNew, `after a crash ${mode} send ${k}: ${JSON.stringify(between)}`).toBe(true);
          outcomes.push(isOld ? 'old' : 'new');
          // the retry (SQS redelivers the same event)
          await ingestObject(deps(docs, table), event);
          expect(same(await view(table, key), newView)).toBe(true);
          await expectOnlyLiveVersion(table, key);
        }
        // the commit point is one send: before it readers see the old state, from it the new one
        expect(outcomes.join(',')).toMatch(/^(old,)*old(,new)*$/);
      });

      it(`remove: crash ${mode} send k, for every k: old or deleted; the retry deletes every item`, async () => {
        for (let k = 1; k <= removeSends; k++) {
          const table = await newTable();
          const key = `remove-${mode}-${k}`;
          await ingestObject(deps(docs, table), created(key, '0055AED6DCD90281E5', OLD));
          const event = removed(key, '0055AED6DCD90281E7');
          const crash = crashingAt(k, mode);
          await expect(ingestObject(deps(crash.client, table), event)).rejects.toThrow(/injected crash/);
          const between = await view(table, key);
          expect(same(between, oldView) || same(between, deletedView), `crash ${mode} send ${k}`).toBe(true);
          await ingestObject(deps(docs, table), event);
          expect(same(await view(table, key), deletedView)).toBe(true);
          const left = await partition(table, key);
          expect(left.map((i) => i.sk)).toEqual([STATE_SK]);
        }
      });
    }
  });

  describe('delivery: duplicates, reordering, sequencers, deletes', () => {
    /** A history of events per key, as S3 would emit them, in order. */
    function history(): ObjectEvent[] {
      const events: ObjectEvent[] = [];
      const texts = [OLD, NEW, SMALL];
      for (let k = 0; k < 6; k++) {
        const key = `story ${k}/über+%.txt`;
        let seq = 0x0055aed6dcd90281e0n + BigInt(k) * 0x100n;
        const next = () => (seq++).toString(16).toUpperCase().padStart(18, '0');
        events.push(created(key, next(), texts[k % 3] as string));
        if (k % 2 === 0) events.push(created(key, next(), texts[(k + 1) % 3] as string));
        if (k % 3 === 1) events.push(removed(key, next()));
        if (k === 4) events.push(created(key, next(), SMALL));
      }
      return events;
    }

    it('every event delivered 1 to 3 times in shuffled order ends in the same table as one clean pass', async () => {
      const events = history();
      const clean = await newTable();
      for (const e of events) await ingestObject(deps(docs, clean), e);
      const expected = await tableContents(clean);
      expect(expected.length).toBeGreaterThan(20);
      for (const seed of [1, 2, 3]) {
        const random = seeded(seed);
        const deliveries = events.flatMap((e) =>
          Array.from({ length: 1 + Math.floor(random() * 3) }, () => e),
        );
        for (let i = deliveries.length - 1; i > 0; i--) {
          const j = Math.floor(random() * (i + 1));
          [deliveries[i], deliveries[j]] = [deliveries[j] as ObjectEvent, deliveries[i] as ObjectEvent];
        }
        const chaotic = await newTable();
        for (const e of deliveries) await ingestObject(deps(docs, chaotic), e);
        expect(await tableContents(chaotic), `seed ${seed}`).toEqual(expected);
      }
    });

    it('an older sequencer never overwrites a newer one, whatever their lengths', async () => {
      const table = await newTable();
      // numerically 0x56 < 0x55FF..., but S3 compares right-padded strings: '0056' is the newer
      const pairs: [older: string, newer: string][] = [
        ['0055FFFFFFFFFFFFFF', '0056'],
        ['0055AED6DCD90281', '0055AED6DCD90281E5'],
        ['00', '0055AED6DCD90281E5'],
        ['0055aed6dcd90281e5', '0055AED6DCD90281E6'],
      ];
      for (const [i, [older, newer]] of pairs.entries()) {
        for (const order of ['newer first', 'older first'] as const) {
          const key = `seq-${i}-${order}`;
          const a = created(key, older, OLD);
          const b = created(key, newer, SMALL);
          for (const e of order === 'newer first' ? [b, a] : [a, b]) await ingestObject(deps(docs, table), e);
          const v = await view(table, key);
          expect(v?.articles[0]?.title, `${older} vs ${newer}, ${order}`).toBe('Tunnel plan shelved');
          await expectOnlyLiveVersion(table, key);
        }
      }
    });

    it('create, delete and re-create in every order end as in order', async () => {
      const table = await newTable();
      const permutations = <T>(xs: T[]): T[][] =>
        xs.length <= 1
          ? [xs]
          : xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
      const scenarios: [string, (key: string) => ObjectEvent[], 'processed' | 'deleted'][] = [
        [
          'create, delete, re-create',
          (k) => [created(k, '0A01', OLD), removed(k, '0A02'), created(k, '0A03', SMALL)],
          'processed',
        ],
        [
          'create, re-create, delete',
          (k) => [created(k, '0A01', OLD), created(k, '0A02', SMALL), removed(k, '0A03')],
          'deleted',
        ],
      ];
      for (const [name, make, final] of scenarios) {
        const reference = make(`${name}-ref`);
        for (const e of reference) await ingestObject(deps(docs, table), e);
        const expected = await view(table, `${name}-ref`);
        expect(expected?.status).toBe(final);
        for (const [p, order] of permutations([0, 1, 2]).entries()) {
          const key = `${name}-${p}`;
          const events = make(key);
          for (const i of order) await ingestObject(deps(docs, table), events[i] as ObjectEvent);
          const v = await view(table, key);
          expect({ ...v, version: undefined }, `${name} in order ${order}`).toEqual({
            ...expected,
            version: undefined,
          });
          await expectOnlyLiveVersion(table, key);
          if (final === 'deleted') expect((await partition(table, key)).length).toBe(1);
        }
      }
    });

    it('a re-upload with fewer entities and quotes leaves no stale item, in the table or the indexes', async () => {
      const table = await newTable();
      await ingestObject(deps(docs, table), created('shrink', '0B01', OLD));
      const before = await partition(table, 'shrink');
      await ingestObject(deps(docs, table), created('shrink', '0B02', SMALL));
      const after = await partition(table, 'shrink');
      expect(after.length).toBeLessThan(before.length);
      await expectOnlyLiveVersion(table, 'shrink');
      const reader = new ArticleReader(docs, table);
      for (const gone of PEOPLE.slice(2)) {
        expect(await reader.quotesBySpeaker(gone)).toEqual([]);
        expect(await reader.articlesByEntity(gone)).toEqual([]);
      }
      expect((await reader.quotesBySpeaker('Ann Lee')).map((q) => q.text)).toEqual([
        expect.stringContaining('tunnel plan number 1'),
      ]);
      // nothing is left in the indexes either: their items are the table's
      const indexed = await docs.send(
        new ScanCommand({ TableName: table, IndexName: 'bySpeaker', Select: 'COUNT' }),
      );
      expect(indexed.Count).toBe(after.filter((i) => i.gsi1pk).length);
    });
  });

  describe('versioned deletes', () => {
    it('a non-current version removed moves the state forward and keeps every item; a marker removed restores', async () => {
      const table = await newTable();
      const bucket = new VersionedBucket(BUCKET);
      const d = { ...deps(docs, table), source: bucket };
      const v1 = bucket.put('kept', OLD);
      const v2 = bucket.put('kept', SMALL);
      await ingestObject(d, v1);
      await ingestObject(d, v2);
      const before = await view(table, 'kept');
      const items = await partition(table, 'kept');
      const removal = bucket.deleteVersion('kept', v1.ref.versionId as string);
      expect(await ingestObject(d, removal)).toEqual({ action: 'skipped', why: 'noncurrent' });
      const after = await view(table, 'kept');
      expect({ ...after, sequencer: undefined }).toEqual({ ...before, sequencer: undefined });
      expect(after?.sequencer).toBe(normalizeSequencer(removal.sequencer));
      expect((await partition(table, 'kept')).length).toBe(items.length);
      // the older put, delivered late, is now stale
      expect(await ingestObject(d, v1)).toEqual({ action: 'skipped', why: 'stale' });

      const marker = bucket.delete('kept');
      await ingestObject(d, marker);
      expect((await view(table, 'kept'))?.status).toBe('deleted');
      await ingestObject(d, bucket.deleteVersion('kept', marker.ref.versionId as string));
      const restored = await view(table, 'kept');
      expect(restored?.status).toBe('processed');
      expect(restored?.articles[0]?.title).toBe('Tunnel plan shelved');
      await expectOnlyLiveVersion(table, 'kept');
    });
  });

  describe('throttling', () => {
    it('UnprocessedItems are retried inside the function until every item is written', async () => {
      const table = await newTable();
      let batches = 0;
      let unprocessed = 0;
      const stingy = {
        async send(command: object) {
          if (!(command instanceof BatchWriteCommand) || ++batches > 6) return docs.send(command as never);
          // write only the first third of the batch; report the rest as unprocessed
          const requests = command.input.RequestItems?.[table] ?? [];
          const cut = Math.ceil(requests.length / 3);
          await docs.send(new BatchWriteCommand({ RequestItems: { [table]: requests.slice(0, cut) } }));
          unprocessed += requests.length - cut;
          return { UnprocessedItems: requests.length > cut ? { [table]: requests.slice(cut) } : {} };
        },
      } as unknown as DynamoDBDocumentClient;
      const reference = await newTable();
      const event = created('ref', '0C01', OLD);
      await ingestObject(deps(docs, reference), event);
      await ingestObject(deps(stingy, table), event);
      expect(unprocessed).toBeGreaterThan(0);
      expect(await tableContents(table)).toEqual(await tableContents(reference));
    });

    it('UnprocessedItems that never clear fail the event (for SQS to retry), leaving the old state', async () => {
      const table = await newTable();
      await ingestObject(deps(docs, table), created('stuck', '0D01', OLD));
      const before = await view(table, 'stuck');
      const refusing = {
        async send(command: object) {
          if (command instanceof BatchWriteCommand)
            return { UnprocessedItems: command.input.RequestItems ?? {} };
          return docs.send(command as never);
        },
      } as unknown as DynamoDBDocumentClient;
      const event = created('stuck', '0D02', SMALL);
      await expect(ingestObject(deps(refusing, table), event)).rejects.toThrow(/unprocessed/);
      expect(await view(table, 'stuck')).toEqual(before);
      await ingestObject(deps(docs, table), event);
      expect((await view(table, 'stuck'))?.articles[0]?.title).toBe('Tunnel plan shelved');
      await expectOnlyLiveVersion(table, 'stuck');
    });

    it('ProvisionedThroughputExceededException responses are retried by the SDK with backoff', async () => {
      const table = await newTable();
      let requests = 0;
      let throttled = 0;
      const throttling = new DynamoDBClient({
        endpoint: sharedDynamo().endpoint,
        region: 'us-east-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        maxAttempts: 6,
      });
      // inside the SDK's retry middleware: every third request fails as DynamoDB throttling does
      throttling.middlewareStack.add(
        (next) => async (args) => {
          if (++requests % 3 === 0 && throttled < 8) {
            throttled++;
            const error = Object.assign(new Error('injected throttle'), {
              name: 'ProvisionedThroughputExceededException',
              $fault: 'client',
              $metadata: { httpStatusCode: 400 },
            });
            throw error;
          }
          return next(args);
        },
        { step: 'finalizeRequest', priority: 'low', name: 'injectThrottling' },
      );
      try {
        const reference = await newTable();
        const event = created('ref', '0E01', OLD);
        await ingestObject(deps(docs, reference), event);
        await ingestObject(deps(documentClient(throttling), table), event);
        expect(throttled).toBeGreaterThan(0);
        expect(await tableContents(table)).toEqual(await tableContents(reference));
      } finally {
        throttling.destroy();
      }
    });

    it('a commit still throttled after the SDK retries fails the event, leaving the old state; the retry completes it', async () => {
      const table = await newTable();
      await ingestObject(deps(docs, table), created('t', '0F01', OLD));
      const before = await view(table, 't');
      const failingCommit = {
        async send(command: object) {
          if (command instanceof UpdateCommand) {
            const error = new Error('injected: rate exceeded');
            error.name = 'ProvisionedThroughputExceededException';
            throw error;
          }
          return docs.send(command as never);
        },
      } as unknown as DynamoDBDocumentClient;
      const event = created('t', '0F02', NEW);
      await expect(ingestObject(deps(failingCommit, table), event)).rejects.toThrow(/rate exceeded/);
      expect(await view(table, 't')).toEqual(before);
      await ingestObject(deps(docs, table), event);
      expect((await view(table, 't'))?.articles[0]?.title).toBe('Tunnel plan replaces bridge');
      await expectOnlyLiveVersion(table, 't');
    });
  });
});
