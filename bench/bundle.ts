/**
 * Bundle figures: the ingest function's asset as `cdk synth` builds it (the code and the entity
 * model file beside it, zipped size), and a fresh-process cold start of that exact asset (module load, then
 * a first invocation that really reads one article from S3 and writes DynamoDB, against in-process
 * fauxqs and dynalite).
 *
 * `BENCH_BASELINE_ASSET=DIR` (an asset directory synthesised from other code, e.g. main's) runs that
 * asset's cold start too, alternating with this one's in the same run, and reports both; the
 * baseline runs with `--enable-source-maps` unless `BENCH_BASELINE_SOURCE_MAPS=0`. This asset runs
 * with source maps as its template's NODE_OPTIONS says, and once more the other way round.
 * `BENCH_CPU_PROF=DIR` writes a V8 CPU profile of every cold-start process into DIR (`node --cpu-prof`).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, type CreateTableCommandInput, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { build } from 'esbuild';
import { zipSync } from 'fflate';
import {
  bundleInspectionOptions,
  INGEST_ENTRY,
  NER_MODEL_ASSET_NAME,
} from '#infra/constructs/ingest-function.ts';
import { synthesize } from '#infra/synth.ts';
import { mergeStacks, readAssemblyStacks } from '#local/template.ts';

const REGION = 'eu-west-1';
const CREDENTIALS = { accessKeyId: 'bench', secretAccessKey: 'bench' };

type Resource = { Type: string; Properties: Record<string, unknown>; Metadata?: Record<string, unknown> };

/** A short article written for this benchmark (not from any corpus). */
const ARTICLE = [
  'Harbor Ledger',
  'City council approves new ferry route',
  'The service will link the old port with the northern suburbs by spring.',
  'PORTSMOUTH -- The city council on Tuesday approved a ferry route between the old port and the northern suburbs.',
  '"This is the connection people have asked for since the bridge closed," said Mayor Elena Brandt after the vote.',
  'Transport director Samuel Okafor said the first boats would run in April, and that the Harbor Authority would pay for the new piers.',
  'Critics, including the Portsmouth Taxpayers Association, said the cost had not been made public.',
].join('\n\n');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Bytes each input contributes to the minified output, with the same esbuild options as the asset. */
async function measureInputs(): Promise<{ totalBytes: number; esbuildMs: number }> {
  const started = performance.now();
  const result = await build(bundleInspectionOptions(INGEST_ENTRY));
  const esbuildMs = performance.now() - started;
  const [output] = Object.values(result.metafile.outputs);
  if (!output) throw new Error('esbuild produced no output');
  return { totalBytes: output.bytes, esbuildMs };
}

interface ColdStart {
  moduleLoadMs: number;
  firstInvokeMs: number;
  /** CPU time of the whole process (Node's own start included) up to the end of the invocation. */
  cpuMs: number;
  ok: boolean;
  /** The function's own (JSON) log lines, shown when the invocation fails. */
  logs?: string;
}

function runColdStart(assetFile: string, env: Record<string, string>, sourceMaps = true): Promise<ColdStart> {
  const script = `
    const t0 = performance.now();
    const mod = await import(${JSON.stringify(assetFile)});
    const t1 = performance.now();
    const event = JSON.parse(process.env.BENCH_EVENT);
    // what Lambda passes: the deadline the batch checks, the ids the logger adds to its lines
    const started = Date.now();
    const context = {
      functionName: 'news-ingest-bench',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:news-ingest-bench',
      memoryLimitInMB: '1024',
      awsRequestId: 'bench-request',
      logGroupName: '/aws/lambda/news-ingest-bench',
      logStreamName: 'bench',
      callbackWaitsForEmptyEventLoop: true,
      getRemainingTimeInMillis: () => Number(process.env.BENCH_TIMEOUT_MS) - (Date.now() - started),
    };
    const res = await mod.handler(event, context);
    const t2 = performance.now();
    const cpu = process.cpuUsage();
    process.stderr.write('BENCH_RESULT ' + JSON.stringify({ moduleLoadMs: t1 - t0, firstInvokeMs: t2 - t1, cpuMs: (cpu.user + cpu.system) / 1000, ok: res.batchItemFailures.length === 0 }) + '\\n');
  `;
  return new Promise((resolve, reject) => {
    const flags = sourceMaps ? ['--enable-source-maps'] : [];
    if (process.env.BENCH_CPU_PROF) flags.push('--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`);
    // the flag is given on the command line either way, never through NODE_OPTIONS
    const { NODE_OPTIONS: _, ...withoutOptions } = env;
    const child = spawn(process.execPath, [...flags, '--input-type=module', '-e', script], {
      env: withoutOptions,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const line = stderr.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
      if (code !== 0 || !line) reject(new Error(`cold-start child exited ${code}: ${stderr.slice(-2000)}`));
      else
        resolve({ ...(JSON.parse(line.slice('BENCH_RESULT '.length)) as ColdStart), logs: stdout + stderr });
    });
  });
}

export async function run(opts: { quick: boolean }): Promise<Record<string, number | string>> {
  const outdir = mkdtempSync(join(tmpdir(), 'news-ingest-bench-'));
  const stops: Array<() => Promise<void>> = [];
  try {
    const synthStarted = performance.now();
    const { assembly } = synthesize({ outdir });
    const synthMs = performance.now() - synthStarted;
    // the function in the app's stack, the table in the data stack: every stack's resources
    const { template } = mergeStacks(readAssemblyStacks(assembly.directory));
    const resources = Object.entries(template.Resources as unknown as Record<string, Resource>);
    const [, fn] = resources.find(
      ([, r]) => r.Type === 'AWS::Lambda::Function' && r.Metadata?.['aws:asset:is-bundled'] === true,
    ) as [string, Resource];
    const assetDir = join(outdir, fn.Metadata?.['aws:asset:path'] as string);
    const code = readFileSync(join(assetDir, 'index.mjs'));
    const map = readFileSync(join(assetDir, 'index.mjs.map'));
    const model = readFileSync(join(assetDir, NER_MODEL_ASSET_NAME));
    const zipped = zipSync(
      Object.fromEntries(readdirSync(assetDir).map((f) => [f, readFileSync(join(assetDir, f))])),
      { level: 9 },
    );
    const inputs = await measureInputs();

    // Emulators, and the bucket and table as the template defines them.
    const { startFauxqs } = await import('fauxqs');
    const fauxqs = await startFauxqs({ port: 0, logger: false, host: '127.0.0.1', defaultRegion: REGION });
    stops.push(() => fauxqs.stop());
    const s3Endpoint = `http://127.0.0.1:${fauxqs.port}`;
    // dynalite ships no type declarations: import it through a variable and type what is used.
    const dynaliteName = 'dynalite';
    const dynaliteModule = (await import(dynaliteName)) as {
      default: (o: Record<string, number>) => import('node:http').Server;
    };
    const dynalite = dynaliteModule.default({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
    await new Promise<void>((resolve) => dynalite.listen(0, '127.0.0.1', resolve));
    stops.push(() => new Promise((resolve) => dynalite.close(() => resolve())));
    const ddbEndpoint = `http://127.0.0.1:${(dynalite.address() as AddressInfo).port}`;

    const [, tableResource] = resources.find(([, r]) => r.Type === 'AWS::DynamoDB::Table') as [
      string,
      Resource,
    ];
    const t = tableResource.Properties as Record<string, unknown>;
    const ddb = new DynamoDBClient({ endpoint: ddbEndpoint, region: REGION, credentials: CREDENTIALS });
    stops.push(async () => ddb.destroy());
    const s3 = new S3Client({
      endpoint: s3Endpoint,
      region: REGION,
      credentials: CREDENTIALS,
      forcePathStyle: true,
    });
    stops.push(async () => s3.destroy());

    const runs = opts.quick ? 1 : 5;
    const loads: number[] = [];
    const invokes: number[] = [];
    const cpus: number[] = [];
    const bareTotals: number[] = [];
    const bareCpus: number[] = [];
    const baselineAsset = process.env.BENCH_BASELINE_ASSET;
    // Source maps as the template deploys them (NODE_OPTIONS); the baseline's as main deployed them
    // (on) unless BENCH_BASELINE_SOURCE_MAPS=0.
    const fnEnv = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    const deployedWithMaps = String(fnEnv.NODE_OPTIONS ?? '').includes('--enable-source-maps');
    const baselineWithMaps = process.env.BENCH_BASELINE_SOURCE_MAPS !== '0';
    const baseTotals: number[] = [];
    const baseLoads: number[] = [];
    const baseCpus: number[] = [];
    for (let i = 0; i < runs; i++) {
      // A fresh table and object per run, so every first invocation does the full write.
      const tableName = `bench-articles-${i}`;
      const bucketName = `bench-articles-${i}`;
      await ddb.send(
        new CreateTableCommand({
          TableName: tableName,
          KeySchema: t.KeySchema,
          AttributeDefinitions: t.AttributeDefinitions,
          GlobalSecondaryIndexes: t.GlobalSecondaryIndexes,
          BillingMode: t.BillingMode,
        } as CreateTableCommandInput),
      );
      await s3.send(new CreateBucketCommand({ Bucket: bucketName }));
      const key = 'incoming/bench article.txt';
      await s3.send(new PutObjectCommand({ Bucket: bucketName, Key: key, Body: ARTICLE }));
      const s3Event = {
        Records: [
          {
            eventVersion: '2.1',
            eventSource: 'aws:s3',
            awsRegion: REGION,
            eventTime: '2026-11-27T09:00:00.000Z',
            eventName: 'ObjectCreated:Put',
            s3: {
              s3SchemaVersion: '1.0',
              bucket: { name: bucketName, arn: `arn:aws:s3:::${bucketName}` },
              object: {
                key: encodeURIComponent(key).replace(/%20/g, '+').replace(/%2F/g, '/'),
                size: Buffer.byteLength(ARTICLE),
                sequencer: '0055AED6DCD90281E5',
              },
            },
          },
        ],
      };
      const sqsEvent = {
        Records: [
          {
            messageId: `bench-${i}`,
            receiptHandle: 'bench',
            body: JSON.stringify(s3Event),
            attributes: { ApproximateReceiveCount: '1' },
            messageAttributes: {},
            md5OfBody: '',
            eventSource: 'aws:sqs',
            eventSourceARN: `arn:aws:sqs:${REGION}:000000000000:bench`,
            awsRegion: REGION,
          },
        ],
      };
      const env: Record<string, string> = { PATH: process.env.PATH ?? '' };
      for (const [name, value] of Object.entries(
        (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables,
      )) {
        if (typeof value === 'string') env[name] = value;
      }
      Object.assign(env, {
        TABLE_NAME: tableName,
        BUCKET_NAME: bucketName,
        POWERTOOLS_TRACE_ENABLED: 'false',
        AWS_REGION: REGION,
        AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
        AWS_ENDPOINT_URL_S3: s3Endpoint,
        AWS_ENDPOINT_URL_DYNAMODB: ddbEndpoint,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        BENCH_EVENT: JSON.stringify(sqsEvent),
        BENCH_TIMEOUT_MS: String(Number(fn.Properties.Timeout) * 1000),
      });
      const cold = await runColdStart(join(assetDir, 'index.mjs'), env, deployedWithMaps);
      if (!cold.ok)
        throw new Error(`the first invocation reported a batch item failure: ${cold.logs?.slice(-3000)}`);
      loads.push(cold.moduleLoadMs);
      invokes.push(cold.firstInvokeMs);
      cpus.push(cold.cpuMs);
      // the same with source maps switched the other way (what parsing the map at load costs)
      env.TABLE_NAME = `${tableName}-othermaps`;
      await ddb.send(
        new CreateTableCommand({
          TableName: env.TABLE_NAME,
          KeySchema: t.KeySchema,
          AttributeDefinitions: t.AttributeDefinitions,
          GlobalSecondaryIndexes: t.GlobalSecondaryIndexes,
          BillingMode: t.BillingMode,
        } as CreateTableCommandInput),
      );
      const bare = await runColdStart(join(assetDir, 'index.mjs'), env, !deployedWithMaps);
      if (!bare.ok)
        throw new Error(`the first invocation reported a batch item failure: ${bare.logs?.slice(-3000)}`);
      bareTotals.push(bare.moduleLoadMs + bare.firstInvokeMs);
      bareCpus.push(bare.cpuMs);
      if (baselineAsset) {
        env.TABLE_NAME = `${tableName}-baseline`;
        await ddb.send(
          new CreateTableCommand({
            TableName: env.TABLE_NAME,
            KeySchema: t.KeySchema,
            AttributeDefinitions: t.AttributeDefinitions,
            GlobalSecondaryIndexes: t.GlobalSecondaryIndexes,
            BillingMode: t.BillingMode,
          } as CreateTableCommandInput),
        );
        const base = await runColdStart(join(baselineAsset, 'index.mjs'), env, baselineWithMaps);
        if (!base.ok) throw new Error(`the baseline's first invocation failed: ${base.logs?.slice(-3000)}`);
        baseLoads.push(base.moduleLoadMs);
        baseTotals.push(base.moduleLoadMs + base.firstInvokeMs);
        baseCpus.push(base.cpuMs);
      }
    }

    return {
      synthWithBundlingMs: Math.round(synthMs),
      esbuildMs: Math.round(inputs.esbuildMs),
      bundleBytes: code.length + model.length,
      bundleModelBytes: model.length,
      bundleCodeBytes: code.length,
      sourceMapBytes: map.length,
      assetZipBytes: zipped.length,
      assetFileCount: readdirSync(assetDir).length,
      coldStartRuns: runs,
      coldStartModuleLoadMs: Math.round(median(loads)),
      coldStartFirstInvokeMs: Math.round(median(invokes)),
      coldStartTotalMs: Math.round(median(loads.map((l, i) => l + (invokes[i] as number)))),
      coldStartCpuMs: Math.round(median(cpus)),
      coldStartSourceMaps: deployedWithMaps ? 'on (as deployed)' : 'off (as deployed)',
      [deployedWithMaps ? 'coldStartWithoutSourceMapsMs' : 'coldStartWithSourceMapsMs']: Math.round(
        median(bareTotals),
      ),
      [deployedWithMaps ? 'coldStartWithoutSourceMapsCpuMs' : 'coldStartWithSourceMapsCpuMs']: Math.round(
        median(bareCpus),
      ),
      ...(baselineAsset
        ? {
            baselineColdStartModuleLoadMs: Math.round(median(baseLoads)),
            baselineColdStartTotalMs: Math.round(median(baseTotals)),
            baselineColdStartCpuMs: Math.round(median(baseCpus)),
            baselineSourceMaps: baselineWithMaps ? 'on' : 'off',
          }
        : {}),
      coldStartNote: `node ${process.version} on ${process.arch}, fresh process per run, median; S3 fauxqs + DynamoDB dynalite in process`,
    };
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    rmSync(outdir, { recursive: true, force: true });
  }
}
