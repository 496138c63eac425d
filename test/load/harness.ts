/**
 * A concurrent workload for the embedded local stack, with injected duplicates, late (older)
 * notifications and consumer crashes, and the read-back that counts what is lost, corrupted or
 * stale. Used by `npm run test:load` (test/load/run.ts) at full size and by
 * test/integration/delivery.test.ts at a small one.
 */
import { gzipSync } from 'node:zlib';
import { ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { objectPk, STATE_SK } from '#adapters/aws/dynamodb/keys.ts';
import type { BatchInfo } from '#local/runner.ts';
import { decodeS3EventKey, notificationBody, type ObjectChange, toEventRecord } from '#local/s3-events.ts';
import type { LocalStack } from '#local/stack.ts';
import { seeded } from '../../bench/adversarial-inputs.ts';

export interface LoadPlan {
  readonly uploads: number;
  readonly overwrites: number;
  readonly deletes: number;
  readonly bad: number;
  /** Overwritten keys whose first (now non-current) version is then deleted by version id. */
  readonly noncurrentDeletes?: number;
  /** Deleted keys whose delete marker is then deleted by version id (the object comes back). */
  readonly markerRemovals?: number;
  /** Concurrent S3 clients making the changes. */
  readonly clients?: number;
  readonly seed?: number;
  /** Share of notifications delivered a second time. */
  readonly duplicateRate?: number;
  readonly timeoutS?: number;
}

export interface LoadFigures {
  expected: number;
  present: number;
  lost: number;
  corrupted: number;
  stale: number;
  failureItems: number;
  failureItemsExpected: number;
  dlq: number;
  uploads: number;
  overwrites: number;
  deletes: number;
  noncurrentDeletes: number;
  markerRemovals: number;
  badFiles: number;
  s3Changes: number;
  duplicatesInjected: number;
  reordered: number;
  faultsInjected: number;
  faultKinds: string;
  throughputPerSec: number;
  p50Ms: number;
  p99Ms: number;
  latencySamples: number;
  burstMs: number;
  wallMs: number;
}

const eventId = (key: string, sequencer: string) => `${key}\n${sequencer}`;

/** Records when each S3 event was first handled successfully: pass `onBatch` to startLocalStack. */
export function eventTracker() {
  const handledAt = new Map<string, number>();
  return {
    handledAt,
    onBatch(info: BatchInfo) {
      const at = performance.now();
      const failed = new Set(info.failedBodies);
      for (const body of info.bodies) {
        if (failed.has(body)) continue;
        try {
          const parsed = JSON.parse(body) as {
            Records?: { s3: { object: { key: string; sequencer: string } } }[];
          };
          for (const r of parsed.Records ?? []) {
            const id = eventId(decodeS3EventKey(r.s3.object.key), r.s3.object.sequencer);
            if (!handledAt.has(id)) handledAt.set(id, at);
          }
        } catch {
          // not a notification
        }
      }
    },
  };
}

const FIRST = ['Ann', 'Tom', 'Maria', 'Peter', 'Sarah', 'David', 'Laura', 'James', 'Olga', 'Hans', 'Yuki'];
const LAST = ['Lee', 'Casey', 'Gonzalez', 'Novak', 'Johnson', 'Kim', 'Smith', 'Brown', 'Petrova', 'Weber'];
const CITIES = ['Chicago', 'Berlin', 'Lagos', 'Lima', 'Osaka', 'Madrid', 'Toronto'];

export function articleText(i: number, version: number): { text: string; title: string } {
  const title = `Story ${i} version ${version}`;
  const people = Array.from(
    { length: 2 + (i % 3) },
    (_, j) => `${FIRST[(i + j) % FIRST.length]} ${LAST[(i * 3 + j) % LAST.length]}`,
  );
  const city = CITIES[(i + version) % CITIES.length] as string;
  const paragraphs = people.map(
    (p, j) => `"Item ${j} of story ${i} is on schedule," ${p} told reporters in ${city} on Monday.`,
  );
  return {
    title,
    text: `Daily Planet\n\n${title}\n\nA report from ${city}\n\n${city.toUpperCase()} -- The council met.\n\n${paragraphs.join('\n\n')}\n`,
  };
}

/** Keys with what S3 encodes: spaces, `+`, `%`, non-ASCII. */
export function keyOf(i: number): string {
  const forms = [
    `load/${i}.txt`,
    `load/with space ${i}.txt`,
    `load/plus+${i}.txt`,
    `load/pct%25 ${i}.txt`,
    `load/über/${i} café.txt`,
  ];
  return forms[i % forms.length] as string;
}

let bombBytes: Uint8Array | undefined;
const BAD: { name: string; ext: string; bytes: () => Uint8Array }[] = [
  { name: 'empty', ext: 'txt', bytes: () => new Uint8Array(0) },
  { name: 'whitespace', ext: 'txt', bytes: () => Buffer.from(' \n\t\r\n  \n') },
  {
    name: 'png',
    ext: 'png',
    bytes: () => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  },
  {
    name: 'pdf',
    ext: 'pdf',
    bytes: () => Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n', 'latin1'),
  },
  { name: 'zip', ext: 'zip', bytes: () => Buffer.from([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0, 8, 0]) },
  {
    name: 'gzip-bomb',
    ext: 'txt.gz',
    bytes: () => {
      bombBytes ??= gzipSync(Buffer.alloc(40 * 1024 * 1024, 0x20));
      return bombBytes;
    },
  },
  {
    name: 'binary',
    ext: 'txt',
    bytes: () => Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 7) % 32)),
  },
];

interface Tracked {
  key: string;
  /** What the table must show at the end. */
  expect: { status: 'processed'; title: string } | { status: 'deleted' } | { status: 'failed' };
  changes: ObjectChange[];
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

function shuffle<T>(xs: T[], random: () => number): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [xs[i], xs[j]] = [xs[j] as T, xs[i] as T];
  }
  return xs;
}

export function passed(f: LoadFigures): boolean {
  return (
    f.lost === 0 &&
    f.corrupted === 0 &&
    f.stale === 0 &&
    f.present === f.expected &&
    f.failureItems === f.failureItemsExpected &&
    f.dlq === 0
  );
}

/** Runs the plan against a started stack whose `onBatch` is `tracker.onBatch`. */
export async function runLoad(
  stack: LocalStack,
  tracker: ReturnType<typeof eventTracker>,
  plan: LoadPlan,
  log: (line: string) => void = () => {},
): Promise<{ figures: LoadFigures; problems: string[] }> {
  if (plan.overwrites + plan.deletes > plan.uploads)
    throw new Error('overwrites + deletes must not exceed uploads');
  const noncurrentDeletes = plan.noncurrentDeletes ?? 0;
  const markerRemovals = plan.markerRemovals ?? 0;
  if (noncurrentDeletes > plan.overwrites) throw new Error('noncurrentDeletes must not exceed overwrites');
  if (markerRemovals > plan.deletes) throw new Error('markerRemovals must not exceed deletes');
  const random = seeded(plan.seed ?? 20261127);
  const duplicateRate = plan.duplicateRate ?? 1 / 6;
  const clients = plan.clients ?? 16;
  const tracked: Tracked[] = [];
  const begunAt = new Map<string, number>();
  let duplicatesInjected = 0;
  let reordered = 0;
  let consumerCrashes = 0;
  const inject = async (change: ObjectChange) => {
    const body = notificationBody(
      toEventRecord(change, { region: stack.region, configurationId: 'load-injected' }),
    );
    await stack.sqs.send(new SendMessageCommand({ QueueUrl: stack.queueUrl, MessageBody: body }));
  };
  const timed = async (make: () => Promise<ObjectChange | undefined>) => {
    const started = performance.now();
    const change = await make();
    if (change) begunAt.set(eventId(change.key, change.sequencer), started);
    return change;
  };

  // which uploads get overwritten, which deleted
  const order = shuffle(
    Array.from({ length: plan.uploads }, (_, i) => i),
    random,
  );
  const overwritten = new Set(order.slice(0, plan.overwrites));
  const deleted = new Set(order.slice(plan.overwrites, plan.overwrites + plan.deletes));
  const noncurrent = new Set(order.slice(0, noncurrentDeletes));
  const restored = new Set(order.slice(plan.overwrites, plan.overwrites + markerRemovals));
  const jobs: (() => Promise<void>)[] = [];
  for (let i = 0; i < plan.uploads; i++) {
    jobs.push(async () => {
      const key = keyOf(i);
      const first = articleText(i, 1);
      const t: Tracked = { key, expect: { status: 'processed', title: first.title }, changes: [] };
      tracked.push(t);
      const created = await timed(() => stack.put(key, first.text));
      if (created) t.changes.push(created);
      if (overwritten.has(i)) {
        const second = articleText(i, 2);
        const change = await timed(() => stack.put(key, second.text));
        if (change) t.changes.push(change);
        t.expect = { status: 'processed', title: second.title };
        if (noncurrent.has(i) && created?.versionId) {
          // the first version, no longer current, deleted for good: the article must not change
          const removal = await timed(() => stack.delete(key, { versionId: created.versionId as string }));
          if (removal) t.changes.push(removal);
        }
      } else if (deleted.has(i)) {
        const change = await timed(() => stack.delete(key));
        if (change) t.changes.push(change);
        t.expect = { status: 'deleted' };
        if (restored.has(i) && change?.versionId) {
          // the delete marker deleted for good: the first version is current again
          const removal = await timed(() => stack.delete(key, { versionId: change.versionId as string }));
          if (removal) t.changes.push(removal);
          t.expect = { status: 'processed', title: first.title };
        }
      }
      for (const c of t.changes)
        if (random() < duplicateRate) {
          await inject(c);
          duplicatesInjected++;
        }
      // the older change of an overwritten or deleted key arrives again, after the newer one
      if (t.changes.length > 1) {
        await inject(t.changes[0] as ObjectChange);
        reordered++;
      }
    });
  }
  for (let i = 0; i < plan.bad; i++) {
    jobs.push(async () => {
      const kind = BAD[i % BAD.length] as (typeof BAD)[number];
      const key = `bad/${kind.name} ${i}.${kind.ext}`;
      const t: Tracked = { key, expect: { status: 'failed' }, changes: [] };
      tracked.push(t);
      const change = await timed(() => stack.put(key, kind.bytes()));
      if (change) t.changes.push(change);
    });
  }
  shuffle(jobs, random);

  // consumer crashes: a rogue consumer receives messages and dies without deleting them
  let burstOver = false;
  const thief = (async () => {
    while (!burstOver) {
      const got = await stack.sqs.send(
        new ReceiveMessageCommand({ QueueUrl: stack.queueUrl, MaxNumberOfMessages: 3, VisibilityTimeout: 2 }),
      );
      consumerCrashes += got.Messages?.length ?? 0;
      await new Promise((r) => setTimeout(r, 250));
    }
  })();

  log(
    `load: ${plan.uploads} uploads, ${plan.overwrites} overwrites, ${plan.deletes} deletes, ${plan.bad} bad files, ${clients} concurrent clients`,
  );
  const t0 = performance.now();
  let next = 0;
  try {
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (next < jobs.length) await (jobs[next++] as () => Promise<void>)();
      }),
    );
  } finally {
    burstOver = true;
    await thief;
  }
  await stack.flushNotifications();
  const burstMs = performance.now() - t0;
  log(`load: burst sent in ${(burstMs / 1000).toFixed(1)} s; waiting for the queue to drain`);

  // drained: the queue empty (visible and in flight) three times in a row
  const deadline = Date.now() + (plan.timeoutS ?? 1200) * 1000;
  let empty = 0;
  let lastLog = 0;
  while (empty < 3) {
    if (Date.now() > deadline) throw new Error('the queue did not drain in time');
    const depth = await stack.queueDepth(stack.queueUrl);
    empty = depth === 0 ? empty + 1 : 0;
    if (Date.now() - lastLog > 10_000) {
      log(`load: queue depth ${depth}, ${tracker.handledAt.size} events handled`);
      lastLog = Date.now();
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  const drainedAt = performance.now();

  // read back
  let expected = 0;
  let present = 0;
  let lost = 0;
  let corrupted = 0;
  let stale = 0;
  let failureItems = 0;
  const problems: string[] = [];
  for (const t of tracked) {
    const stored = await stack.reader.getObject(stack.bucket, t.key);
    const raw = await stack.documents.send(
      new QueryCommand({
        TableName: stack.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': objectPk(stack.bucket, t.key) },
        ConsistentRead: true,
      }),
    );
    const items = raw.Items ?? [];
    const state = items.find((i) => i.sk === STATE_SK);
    const leftovers = items.filter((i) => i.sk !== STATE_SK && i.version !== state?.version).length;
    const last = t.changes[t.changes.length - 1];
    const seqOk =
      last !== undefined &&
      typeof state?.sequencer === 'string' &&
      state.sequencer.startsWith(last.sequencer);
    if (t.expect.status === 'processed') {
      expected++;
      if (stored?.status !== 'processed') {
        lost++;
        problems.push(`lost: ${t.key} (${stored?.status ?? 'absent'})`);
        continue;
      }
      const article = stored.articles[0];
      const complete =
        stored.articles.length === 1 &&
        article?.entities.length === Number(stored.state.entityCount) &&
        article?.quotes.length === Number(stored.state.quoteCount) &&
        (article?.quotes.length ?? 0) > 0;
      if (!seqOk || article?.meta.title !== t.expect.title || leftovers > 0) {
        stale++;
        problems.push(`stale: ${t.key} shows ${String(article?.meta.title)}, ${leftovers} old items`);
      } else if (!complete) {
        corrupted++;
        problems.push(`corrupted: ${t.key}`);
      } else present++;
    } else if (t.expect.status === 'deleted') {
      if (stored?.status !== 'deleted' || items.length !== 1 || !seqOk) {
        stale++;
        problems.push(
          `stale: deleted ${t.key} shows ${stored?.status ?? 'nothing'} with ${items.length} items`,
        );
      }
    } else if (stored?.status === 'failed' && stored.failure?.reason) failureItems++;
    else {
      lost++;
      problems.push(`bad file ${t.key}: ${stored?.status ?? 'absent'}`);
    }
  }
  const dlq = stack.dlqUrl ? await stack.queueDepth(stack.dlqUrl) : 0;

  const latencies: number[] = [];
  for (const t of tracked)
    for (const c of t.changes) {
      const id = eventId(c.key, c.sequencer);
      const a = begunAt.get(id);
      const b = tracker.handledAt.get(id);
      if (a !== undefined && b !== undefined) latencies.push(b - a);
    }
  latencies.sort((a, b) => a - b);
  const changes = tracked.reduce((s, t) => s + t.changes.length, 0);
  const wallS = (drainedAt - t0) / 1000;
  return {
    problems,
    figures: {
      expected,
      present,
      lost,
      corrupted,
      stale,
      failureItems,
      failureItemsExpected: plan.bad,
      dlq,
      uploads: plan.uploads,
      overwrites: plan.overwrites,
      deletes: plan.deletes,
      noncurrentDeletes,
      markerRemovals,
      badFiles: plan.bad,
      s3Changes: changes,
      duplicatesInjected,
      reordered,
      faultsInjected: consumerCrashes,
      faultKinds:
        'consumer crash after receive (message abandoned, redelivered after the visibility timeout)',
      throughputPerSec: Math.round((changes / wallS) * 10) / 10,
      p50Ms: Math.round(percentile(latencies, 50)),
      p99Ms: Math.round(percentile(latencies, 99)),
      latencySamples: latencies.length,
      burstMs: Math.round(burstMs),
      wallMs: Math.round(drainedAt - t0),
    },
  };
}
