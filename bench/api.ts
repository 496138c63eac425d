/**
 * Read API figures:
 * - the read function's cold start, measured as for the ingest function (bench/bundle.ts): the
 *   asset `cdk synth` builds, imported in a fresh Node process, then a first invocation that
 *   queries a table (dynalite) for a speaker's quotes;
 * - latency of a speaker query on the local stack holding 2,000 articles: the API over HTTP
 *   (local server -> bundled handler in its execution environment -> DynamoDB Local), beside the
 *   CLI's `query --speaker` (its reader call in process, and the whole command as a process);
 * - the page's first render of a speaker with 200 quotes, from a Chromium trace.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CreateTableCommand, type CreateTableCommandInput, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { nameKey, speakerPk } from '#adapters/aws/dynamodb/keys.ts';
import { nameId } from '#adapters/aws/dynamodb/read-model.ts';
import { synthesize } from '#infra/synth.ts';
import { startHttpApi } from '#local/http-api.ts';
import type { ObjectChange } from '#local/s3-events.ts';
import { startLocalStack } from '#local/stack.ts';
import { ensureAssembly, PROJECT_ROOT } from '#local/synth.ts';
import { mergeStacks, readAssemblyStacks } from '#local/template.ts';
import { launchChromium, renderedAfterMs, traced } from '../test/support/chromium.ts';

const REGION = 'eu-west-1';
const CREDENTIALS = { accessKeyId: 'bench', secretAccessKey: 'bench' };
type Resource = { Type: string; Properties: Record<string, unknown>; Metadata?: Record<string, unknown> };

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] as number;
}
const median = (v: number[]) => percentile(v, 50);
const round = (n: number) => Math.round(n * 10) / 10;

// ---------------------------------------------------------------------------------------------
// invented articles

const FIRST = ['Nadia', 'Tomas', 'Lena', 'Priya', 'Oskar', 'Mara', 'Jonah', 'Ines', 'Felix', 'Ruth'];
const LAST = [
  'Okonjo',
  'Varga',
  'Brandt',
  'Raman',
  'Lindqvist',
  'Castell',
  'Mbeki',
  'Soto',
  'Harrow',
  'Quint',
];
const TOPICS = ['ferry', 'library', 'transit', 'water', 'school', 'harbor', 'budget', 'housing'];
const speakerOf = (i: number) => `${FIRST[i % 10]} ${LAST[Math.floor(i / 10) % 10]}`;

function article(i: number): string {
  const topic = TOPICS[i % TOPICS.length];
  const a = speakerOf((i * 7) % 100);
  const b = speakerOf((i * 13 + 5) % 100);
  return [
    'Valley Courier',
    `Council weighs the ${topic} plan, item ${i}`,
    `GREENFIELD -- The council discussed the ${topic} plan on Monday, the ${i}th item this year.`,
    `"We cannot wait another year for the ${topic} plan," said ${a}, the committee chair.`,
    `"The numbers for item ${i} do not add up yet," said ${b}.`,
    `${a} said the vote would come next month. "Residents deserve an answer," ${a} added.`,
  ].join('\n\n');
}

// ---------------------------------------------------------------------------------------------

export async function coldStart(runs: number): Promise<Record<string, number>> {
  const outdir = mkdtempSync(join(tmpdir(), 'news-ingest-bench-api-'));
  const stops: (() => Promise<void>)[] = [];
  try {
    const { assembly } = synthesize({ outdir });
    // the function in the app's stack, the table in the data stack: every stack's resources
    const { template } = mergeStacks(readAssemblyStacks(assembly.directory));
    const resources = Object.entries(template.Resources as unknown as Record<string, Resource>);
    const [, fn] = resources.find(
      ([id, r]) => id.startsWith('ReadApiFunction') && r.Type === 'AWS::Lambda::Function',
    ) as [string, Resource];
    const assetFile = join(outdir, fn.Metadata?.['aws:asset:path'] as string, 'index.mjs');
    const [, table] = resources.find(([, r]) => r.Type === 'AWS::DynamoDB::Table') as [string, Resource];
    const dynaliteName = 'dynalite';
    const dynalite = (
      (await import(dynaliteName)) as { default: (o: object) => import('node:http').Server }
    ).default({
      createTableMs: 0,
    });
    await new Promise<void>((r) => dynalite.listen(0, '127.0.0.1', r));
    stops.push(() => new Promise((r) => dynalite.close(() => r())));
    const endpoint = `http://127.0.0.1:${(dynalite.address() as AddressInfo).port}`;
    const ddb = new DynamoDBClient({ endpoint, region: REGION, credentials: CREDENTIALS });
    stops.push(async () => ddb.destroy());
    const t = table.Properties;
    await ddb.send(
      new CreateTableCommand({
        TableName: 'articles',
        KeySchema: t.KeySchema,
        AttributeDefinitions: t.AttributeDefinitions,
        GlobalSecondaryIndexes: t.GlobalSecondaryIndexes,
        BillingMode: t.BillingMode,
      } as CreateTableCommandInput),
    );
    // one committed article with 20 quotes by the speaker
    const docs = DynamoDBDocumentClient.from(ddb);
    const pk = `OBJ#${'a'.repeat(40)}`;
    const version = '0000000000000000000000000001.abcdef01';
    const items: Record<string, unknown>[] = [
      { pk, sk: 'STATE', kind: 'state', version, status: 'processed', bucket: 'b', key: 'k' },
      {
        pk,
        sk: `V#${version}#A#00000`,
        kind: 'article',
        version,
        articleIndex: 0,
        title: 'Ferry plan',
        sortDate: '2026-01-01T00:00:00.000Z',
        bucket: 'b',
        key: 'k',
      },
    ];
    for (let m = 0; m < 20; m++)
      items.push({
        pk,
        sk: `V#${version}#A#00000#Q#${String(m).padStart(5, '0')}`,
        kind: 'quote',
        version,
        bucket: 'b',
        key: 'k',
        articleIndex: 0,
        quoteType: 'direct',
        text: `Quote ${m}`,
        start: m * 10,
        end: m * 10 + 8,
        speaker: 'Nadia Okonjo',
        gsi1pk: speakerPk('Nadia Okonjo'),
        gsi1sk: `2026-01-01T00:00:00.000Z#${'a'.repeat(40)}#00000#${String(m).padStart(5, '0')}`,
        sortDate: '2026-01-01T00:00:00.000Z',
      });
    for (let i = 0; i < items.length; i += 25)
      await docs.send(
        new BatchWriteCommand({
          RequestItems: { articles: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) },
        }),
      );
    const event = {
      version: '2.0',
      routeKey: 'GET /speakers/{id}/quotes',
      rawPath: `/speakers/${nameId(nameKey('Nadia Okonjo'))}/quotes`,
      rawQueryString: 'limit=50',
      headers: {},
      requestContext: {
        http: { method: 'GET', path: '/' },
        requestId: 'bench',
        routeKey: 'GET /speakers/{id}/quotes',
      },
      isBase64Encoded: false,
    };
    const script = `
      const t0 = performance.now();
      const mod = await import(${JSON.stringify(assetFile)});
      const t1 = performance.now();
      const res = await mod.handler(JSON.parse(process.env.BENCH_EVENT), {});
      const t2 = performance.now();
      const body = JSON.parse(res.body);
      const cpu = process.cpuUsage();
      process.stderr.write('BENCH_RESULT ' + JSON.stringify({ load: t1 - t0, invoke: t2 - t1, cpu: (cpu.user + cpu.system) / 1000, ok: res.statusCode === 200 && body.items.length === 20 }) + '\\n');`;
    type Run = { load: number; invoke: number; cpu: number; ok: boolean };
    const runOnce = (sourceMaps: boolean) =>
      new Promise<Run>((resolve, reject) => {
        const flags = sourceMaps ? ['--enable-source-maps'] : [];
        const child = spawn(process.execPath, [...flags, '--input-type=module', '-e', script], {
          env: {
            PATH: process.env.PATH ?? '',
            TABLE_NAME: 'articles',
            AWS_REGION: REGION,
            AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
            AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
            AWS_ENDPOINT_URL_DYNAMODB: endpoint,
            AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
            BENCH_EVENT: JSON.stringify(event),
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let stderr = '';
        child.stderr.on('data', (c: Buffer) => {
          stderr += c.toString();
        });
        child.stdout.resume();
        child.on('close', (code) => {
          const line = stderr.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
          if (code !== 0 || !line)
            reject(new Error(`cold-start child exited ${code}: ${stderr.slice(-1500)}`));
          else resolve(JSON.parse(line.slice(13)));
        });
      });
    const loads: number[] = [];
    const invokes: number[] = [];
    const cpus: number[] = [];
    const bare: number[] = [];
    const bareCpus: number[] = [];
    for (let i = 0; i < runs; i++) {
      const out = await runOnce(true);
      if (!out.ok) throw new Error('the first invocation did not return the 20 quotes');
      loads.push(out.load);
      invokes.push(out.invoke);
      cpus.push(out.cpu);
      // the same without --enable-source-maps (what parsing the map at load costs)
      const b = await runOnce(false);
      if (!b.ok) throw new Error('the first invocation did not return the 20 quotes');
      bare.push(b.load + b.invoke);
      bareCpus.push(b.cpu);
    }
    const total = loads.map((l, i) => l + (invokes[i] as number));
    return {
      readColdStartMs: round(median(total)),
      readColdStartLoadMs: round(median(loads)),
      readColdStartFirstInvokeMs: round(median(invokes)),
      readColdStartCpuMs: round(median(cpus)),
      readColdStartWithoutSourceMapsMs: round(median(bare)),
      readColdStartWithoutSourceMapsCpuMs: round(median(bareCpus)),
      readColdStartRuns: runs,
    };
  } finally {
    for (const s of stops.reverse()) await s().catch(() => {});
    rmSync(outdir, { recursive: true, force: true });
  }
}

async function latency(quick: boolean): Promise<Record<string, number | string>> {
  const articles = quick ? 300 : 2000;
  const log = (line: string) => process.stderr.write(`  ${line}\n`);
  const { cdkOut } = await ensureAssembly({ log });
  const stack = await startLocalStack({ cdkOut, log });
  try {
    const api = await startHttpApi({ stack, web: false });
    try {
      log(`uploading ${articles} articles ...`);
      const changes: ObjectChange[] = [];
      let next = 0;
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: 16 }, async () => {
          while (next < articles) {
            const i = next++;
            changes.push(await stack.put(`bench-api/${String(i).padStart(5, '0')}.txt`, article(i)));
          }
        }),
      );
      for (const c of changes) await stack.waitFor(c, { timeoutMs: 600_000 });
      log(`ingested in ${Math.round((performance.now() - t0) / 1000)} s`);

      // the most quoted speaker
      const counts = new Map<string, number>();
      for (let i = 0; i < articles; i++) {
        const a = speakerOf((i * 7) % 100);
        const b = speakerOf((i * 13 + 5) % 100);
        counts.set(a, (counts.get(a) ?? 0) + 3);
        counts.set(b, (counts.get(b) ?? 0) + 1);
      }
      const speaker = [...counts].sort((x, y) => y[1] - x[1])[0]?.[0] as string;
      const id = nameId(nameKey(speaker));
      const n = quick ? 50 : 200;
      const time = async (f: () => Promise<unknown>, times: number) => {
        const out: number[] = [];
        for (let i = 0; i < 5; i++) await f();
        for (let i = 0; i < times; i++) {
          const t = performance.now();
          await f();
          out.push(performance.now() - t);
        }
        return out;
      };
      const get = async (path: string) => {
        const res = await fetch(`${api.url}${path}`);
        if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
        return res.json() as Promise<{ items: unknown[] }>;
      };
      const page = await get(`/speakers/${id}/quotes?limit=50`);
      const apiQuotes = await time(() => get(`/speakers/${id}/quotes?limit=50`), n);
      const apiSearch = await time(() => get(`/speakers?q=${encodeURIComponent(speaker)}`), n);
      const cliInProcess = await time(() => stack.reader.quotesBySpeaker(speaker, 50), n);
      // the whole command, as a user runs it (a process each time)
      const line = JSON.stringify({
        dynamodbEndpoint: stack.endpoints.dynamodb,
        region: stack.region,
        table: stack.table,
      });
      const run = promisify(execFile);
      const cliProcess = await time(
        () =>
          run(
            process.execPath,
            [
              '--import',
              'tsx',
              'functions/cli/run.ts',
              'query',
              '--stack',
              line,
              '--speaker',
              speaker,
              '--json',
            ],
            {
              cwd: PROJECT_ROOT,
              env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
            },
          ),
        quick ? 3 : 10,
      );
      const quotes = (await get(`/speakers?q=${encodeURIComponent(speaker)}`)) as {
        items: { quoteCount: number }[];
      };
      return {
        articles,
        speaker,
        speakerQuotes: quotes.items[0]?.quoteCount ?? 0,
        pageSize: page.items.length,
        apiSpeakerQuotesP50Ms: round(percentile(apiQuotes, 50)),
        apiSpeakerQuotesP99Ms: round(percentile(apiQuotes, 99)),
        apiSpeakerSearchP50Ms: round(percentile(apiSearch, 50)),
        apiSpeakerSearchP99Ms: round(percentile(apiSearch, 99)),
        cliQueryInProcessP50Ms: round(percentile(cliInProcess, 50)),
        cliQueryInProcessP99Ms: round(percentile(cliInProcess, 99)),
        cliQueryProcessP50Ms: round(percentile(cliProcess, 50)),
        cliQueryProcessMaxMs: round(Math.max(...cliProcess)),
        apiP50OverCliInProcessP50:
          round((percentile(apiQuotes, 50) / percentile(cliInProcess, 50)) * 100) / 100,
        requests: n,
      };
    } finally {
      await api.stop();
    }
  } finally {
    await stack.stop();
  }
}

async function firstRender(runs: number): Promise<Record<string, number>> {
  const { cdkOut } = await ensureAssembly({});
  const browser = await launchChromium();
  const stack = await startLocalStack({ cdkOut });
  try {
    const api = await startHttpApi({ stack });
    try {
      const paragraphs = [];
      for (let i = 0; i < 200; i++)
        paragraphs.push(
          `"The orchard plan, part ${i + 1}, needs another look before the vote," said Tomas Varga.`,
        );
      const change = await stack.put(
        'bench-page/varga.json',
        JSON.stringify({
          title: 'Orchard growers count the cost',
          published: '2026-04-02T08:00:00Z',
          body: paragraphs.join('\n\n'),
        }),
      );
      await stack.waitFor(change, { timeoutMs: 60_000 });
      const id = nameId(nameKey('Tomas Varga'));
      const figures: number[] = [];
      for (let i = 0; i < runs; i++) {
        const page = await browser.context.newPage();
        const events = await traced(browser.context, page, async () => {
          await page.goto(`${api.webUrl}#/speaker/${id}`);
          await page.locator('#quotes > li:nth-child(200)').waitFor({ timeout: 30_000 });
        });
        figures.push(renderedAfterMs(events, 'news-ingest:quotes-rendered'));
        await page.close();
      }
      return { pageFirstRender200QuotesMs: round(median(figures)), pageFirstRenderRuns: runs };
    } finally {
      await api.stop();
    }
  } finally {
    await stack.stop();
    await browser.close();
  }
}

export async function run(opts: { quick: boolean }): Promise<Record<string, number | string>> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const cold = await coldStart(opts.quick ? 1 : 5);
  const lat = await latency(opts.quick);
  const page = await firstRender(opts.quick ? 2 : 5);
  return { ...cold, ...lat, ...page };
}
