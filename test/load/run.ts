/**
 * `npm run test:load [-- --json FILE] [-- --uploads N --overwrites N --deletes N --bad N]`
 *
 * Pushes a concurrent burst through the embedded local stack (S3 + SQS in fauxqs, DynamoDB Local,
 * the bundled function polling the queue): uploads, overwrites, deletes and bad files, with
 * injected duplicate notifications, reordered (late, older) notifications, and consumer crashes
 * (messages received and abandoned, so SQS redelivers them after the visibility timeout). Then
 * reads every object back from the table and counts what is lost, corrupted or stale.
 * Exit code 1 unless lost, corrupted and stale are 0 and present equals expected.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { objectPk, STATE_SK } from '#adapters/aws/dynamodb/keys.ts';
import { decodeS3EventKey, notificationBody, type ObjectChange, toEventRecord } from '#local/s3-events.ts';
import { startLocalStack } from '#local/stack.ts';
import { ensureAssembly } from '#local/synth.ts';
import { seeded } from '../../bench/adversarial-inputs.ts';

const { values } = parseArgs({
  options: {
    json: { type: 'string' },
    uploads: { type: 'string', default: '2000' },
    overwrites: { type: 'string', default: '300' },
    deletes: { type: 'string', default: '200' },
    bad: { type: 'string', default: '100' },
    concurrency: { type: 'string' },
    'timeout-s': { type: 'string', default: '1200' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  process.stdout.write(
    'usage: npm run -s test:load -- [--json FILE] [--uploads 2000] [--overwrites 300] [--deletes 200] [--bad 100] [--concurrency N] [--timeout-s 1200]\n',
  );
  process.exit(0);
}
const count = (name: keyof typeof values) => {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer`);
  return n;
};
const N = {
  uploads: count('uploads'),
  overwrites: count('overwrites'),
  deletes: count('deletes'),
  bad: count('bad'),
};
if (N.overwrites + N.deletes > N.uploads) throw new Error('overwrites + deletes must not exceed uploads');
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const log = (line: string) => process.stderr.write(`${line}\n`);
const random = seeded(20261127);

// ---------------------------------------------------------------- the workload
const FIRST = ['Ann', 'Tom', 'Maria', 'Peter', 'Sarah', 'David', 'Laura', 'James', 'Olga', 'Hans', 'Yuki'];
const LAST = ['Lee', 'Casey', 'Gonzalez', 'Novak', 'Johnson', 'Kim', 'Smith', 'Brown', 'Petrova', 'Weber'];
const CITIES = ['Chicago', 'Berlin', 'Lagos', 'Lima', 'Osaka', 'Madrid', 'Toronto'];

function articleText(i: number, version: number): { text: string; title: string } {
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
function keyOf(i: number): string {
  const forms = [
    `load/${i}.txt`,
    `load/with space ${i}.txt`,
    `load/plus+${i}.txt`,
    `load/pct%25 ${i}.txt`,
    `load/über/${i} café.txt`,
  ];
  return forms[i % forms.length] as string;
}

const bomb = gzipSync(Buffer.alloc(40 * 1024 * 1024, 0x20));
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
  { name: 'gzip-bomb', ext: 'txt.gz', bytes: () => bomb },
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

// ---------------------------------------------------------------- the run
const { cdkOut } = await ensureAssembly({ log });
const handledAt = new Map<string, number>();
const eventId = (key: string, sequencer: string) => `${key}\n${sequencer}`;
const stack = await startLocalStack({
  cdkOut,
  log,
  visibilityTimeoutS: 2,
  ...(values.concurrency ? { concurrency: Number(values.concurrency) } : {}),
  onBatch: (info) => {
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
});

let exitCode = 1;
try {
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
  const put = async (key: string, bytes: Uint8Array | string) => {
    const started = performance.now();
    const change = await stack.put(key, bytes);
    begunAt.set(eventId(change.key, change.sequencer), started);
    return change;
  };

  // the plan: which uploads get overwritten, which deleted
  const order = Array.from({ length: N.uploads }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  const overwritten = new Set(order.slice(0, N.overwrites));
  const deleted = new Set(order.slice(N.overwrites, N.overwrites + N.deletes));
  const jobs: (() => Promise<void>)[] = [];
  for (let i = 0; i < N.uploads; i++) {
    jobs.push(async () => {
      const key = keyOf(i);
      const first = articleText(i, 1);
      const t: Tracked = { key, expect: { status: 'processed', title: first.title }, changes: [] };
      tracked.push(t);
      t.changes.push(await put(key, first.text));
      if (overwritten.has(i)) {
        const second = articleText(i, 2);
        t.changes.push(await put(key, second.text));
        t.expect = { status: 'processed', title: second.title };
      } else if (deleted.has(i)) {
        const started = performance.now();
        const change = await stack.delete(key);
        if (change) {
          begunAt.set(eventId(change.key, change.sequencer), started);
          t.changes.push(change);
        }
        t.expect = { status: 'deleted' };
      }
      // duplicates: about one change in six is delivered again
      for (const c of t.changes)
        if (random() < 1 / 6) {
          await inject(c);
          duplicatesInjected++;
        }
      // reordering: the older change of an overwritten or deleted key arrives again, late
      if (t.changes.length > 1) {
        await inject(t.changes[0] as ObjectChange);
        reordered++;
      }
    });
  }
  for (let i = 0; i < N.bad; i++) {
    jobs.push(async () => {
      const kind = BAD[i % BAD.length] as (typeof BAD)[number];
      const key = `bad/${kind.name} ${i}.${kind.ext}`;
      const t: Tracked = { key, expect: { status: 'failed' }, changes: [] };
      tracked.push(t);
      t.changes.push(await put(key, kind.bytes()));
    });
  }
  for (let i = jobs.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [jobs[i], jobs[j]] = [jobs[j] as () => Promise<void>, jobs[i] as () => Promise<void>];
  }

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
    `load: ${N.uploads} uploads, ${N.overwrites} overwrites, ${N.deletes} deletes, ${N.bad} bad files, 16 concurrent clients`,
  );
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < jobs.length) await (jobs[next++] as () => Promise<void>)();
    }),
  );
  burstOver = true;
  await thief;
  await stack.flushNotifications();
  const burstMs = performance.now() - t0;
  log(`load: burst sent in ${(burstMs / 1000).toFixed(1)} s; waiting for the queue to drain`);

  // drained: the queue empty (visible and in flight) three times in a row
  const deadline = Date.now() + Number(values['timeout-s']) * 1000;
  let empty = 0;
  let lastLog = 0;
  while (empty < 3) {
    if (Date.now() > deadline) throw new Error('the queue did not drain in time');
    const depth = await stack.queueDepth(stack.queueUrl);
    empty = depth === 0 ? empty + 1 : 0;
    if (Date.now() - lastLog > 10_000) {
      log(`load: queue depth ${depth}, ${handledAt.size} events handled`);
      lastLog = Date.now();
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  const drainedAt = performance.now();

  // ---------------------------------------------------------------- verification
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
    const last = t.changes[t.changes.length - 1] as ObjectChange;
    const seqOk = typeof state?.sequencer === 'string' && state.sequencer.startsWith(last.sequencer);
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
    } else {
      if (stored?.status === 'failed' && stored.failure?.reason) failureItems++;
      else {
        lost++;
        problems.push(`bad file ${t.key}: ${stored?.status ?? 'absent'}`);
      }
    }
  }
  const dlq = stack.dlqUrl ? await stack.queueDepth(stack.dlqUrl) : 0;

  const latencies: number[] = [];
  for (const t of tracked)
    for (const c of t.changes) {
      const id = eventId(c.key, c.sequencer);
      const a = begunAt.get(id);
      const b = handledAt.get(id);
      if (a !== undefined && b !== undefined) latencies.push(b - a);
    }
  latencies.sort((a, b) => a - b);
  const changes = tracked.reduce((s, t) => s + t.changes.length, 0);
  const wallS = (drainedAt - t0) / 1000;
  const figures = {
    expected,
    present,
    lost,
    corrupted,
    stale,
    failureItems,
    failureItemsExpected: N.bad,
    dlq,
    uploads: N.uploads,
    overwrites: N.overwrites,
    deletes: N.deletes,
    badFiles: N.bad,
    s3Changes: changes,
    duplicatesInjected,
    reordered,
    faultsInjected: consumerCrashes,
    faultKinds: 'consumer crash after receive (message abandoned, redelivered after the visibility timeout)',
    throughputPerSec: Math.round((changes / wallS) * 10) / 10,
    p50Ms: Math.round(percentile(latencies, 50)),
    p99Ms: Math.round(percentile(latencies, 99)),
    latencySamples: latencies.length,
    burstMs: Math.round(burstMs),
    wallMs: Math.round(drainedAt - t0),
    dynamo: stack.dynamoKind,
    concurrency: stack.pollers[0]?.concurrency ?? 0,
  };
  const width = Math.max(...Object.keys(figures).map((k) => k.length));
  process.stdout.write(
    `\nload test\n${Object.entries(figures)
      .map(([k, v]) => `  ${k.padEnd(width)}  ${v}`)
      .join('\n')}\n`,
  );
  for (const p of problems.slice(0, 20)) log(`  ${p}`);
  if (values.json) writeFileSync(values.json, `${JSON.stringify(figures, null, 2)}\n`);
  const ok =
    lost === 0 &&
    corrupted === 0 &&
    stale === 0 &&
    present === expected &&
    failureItems === N.bad &&
    dlq === 0;
  log(ok ? 'load: PASS' : 'load: FAIL');
  exitCode = ok ? 0 : 1;
} finally {
  await stack.stop();
}
process.exit(exitCode);
