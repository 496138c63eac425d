/**
 * End-to-end throughput and latency on the embedded local stack: a burst of uploads to the
 * articles bucket, each timed from the start of its PutObject to the end of the function
 * invocation that wrote its items (the handler returns only after its table writes). Every
 * object is then read back from the table to check it was processed. Then 20 single uploads,
 * one at a time, give the latency of an idle stack (no queueing behind the burst).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeS3EventKey } from '#local/s3-events.ts';
import { startLocalStack } from '#local/stack.ts';
import { ensureAssembly, PROJECT_ROOT } from '#local/synth.ts';

const SAMPLES = join(PROJECT_ROOT, 'events', 'articles');

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] as number;
}

export async function run(opts: { quick: boolean }): Promise<Record<string, number | string>> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const uploads = opts.quick ? 200 : 500;
  const log = (line: string) => process.stderr.write(`  ${line}\n`);
  const { cdkOut, synthMs } = await ensureAssembly({ log });
  const samples = readdirSync(SAMPLES)
    .sort()
    .map((f) => ({ name: f, bytes: readFileSync(join(SAMPLES, f)) }));
  if (!samples.length) throw new Error(`no sample articles in ${SAMPLES}`);

  const done = new Map<string, number>();
  let batches = 0;
  let records = 0;
  let invokeMs = 0;
  const started = performance.now();
  const stack = await startLocalStack({
    cdkOut,
    log,
    onBatch: (info) => {
      const at = performance.now();
      batches++;
      records += info.records;
      invokeMs += info.result.ms;
      const failed = new Set(info.failedBodies);
      for (const body of info.bodies) {
        if (failed.has(body)) continue;
        try {
          const parsed = JSON.parse(body) as { Records?: { s3: { object: { key: string } } }[] };
          for (const r of parsed.Records ?? []) done.set(decodeS3EventKey(r.s3.object.key), at);
        } catch {
          // not a notification
        }
      }
    },
  });
  const startupMs = performance.now() - started;
  try {
    // the burst: uploads as fast as 16 concurrent clients can make them
    const begun = new Map<string, number>();
    const keys = Array.from({ length: uploads }, (_, i) => {
      const sample = samples[i % samples.length] as { name: string };
      return `bench/${String(i).padStart(4, '0')}-${sample.name}`;
    });
    const t0 = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < keys.length) {
          const i = next++;
          const key = keys[i] as string;
          begun.set(key, performance.now());
          await stack.put(key, (samples[i % samples.length] as { bytes: Buffer }).bytes);
        }
      }),
    );
    const uploadPhaseMs = performance.now() - t0;
    const deadline = Date.now() + 300_000;
    while (keys.some((k) => !done.has(k))) {
      if (Date.now() > deadline)
        throw new Error(`only ${done.size} of ${keys.length} uploads processed in time`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const lastDone = Math.max(...keys.map((k) => done.get(k) as number));
    const latencies = keys
      .map((k) => (done.get(k) as number) - (begun.get(k) as number))
      .sort((a, b) => a - b);

    // read every object back: the burst counts only if the table holds all of it
    let processed = 0;
    for (const key of keys) {
      const stored = await stack.reader.getObject(stack.bucket, key);
      if (stored?.status === 'processed' && stored.articles.length) processed++;
    }
    // and one at a time, on an idle stack: the latency without queueing
    const idle: number[] = [];
    for (let i = 0; i < 20; i++) {
      const key = `bench/idle-${i}-${(samples[i % samples.length] as { name: string }).name}`;
      const t = performance.now();
      await stack.put(key, (samples[i % samples.length] as { bytes: Buffer }).bytes);
      const deadlineIdle = Date.now() + 60_000;
      while (!done.has(key)) {
        if (Date.now() > deadlineIdle) throw new Error(`${key} not processed in time`);
        await new Promise((r) => setTimeout(r, 5));
      }
      idle.push((done.get(key) as number) - t);
    }
    idle.sort((a, b) => a - b);
    const wallS = (lastDone - t0) / 1000;
    return {
      corpus: `${uploads} uploads cycling over events/articles (${samples.map((s) => s.name).join(', ')})`,
      dynamo: stack.dynamoKind,
      e2eUploads: uploads,
      e2eProcessedReadBack: processed,
      e2eConcurrentBatches: stack.pollers[0]?.concurrency ?? 0,
      e2eBatchSize: stack.model.eventSourceMappings[0]?.batchSize ?? 0,
      e2eBatches: batches,
      e2eAvgRecordsPerBatch: batches ? records / batches : 0,
      e2eFunctionMsPerRecord: records ? invokeMs / records : 0,
      e2eUploadPhaseMs: Math.round(uploadPhaseMs),
      e2eWallMs: Math.round(lastDone - t0),
      e2eThroughputArticlesPerSec: uploads / wallS,
      e2eLatencyP50Ms: Math.round(percentile(latencies, 50)),
      e2eLatencyP99Ms: Math.round(percentile(latencies, 99)),
      e2eLatencyMaxMs: Math.round(latencies[latencies.length - 1] as number),
      e2eIdleLatencyP50Ms: Math.round(percentile(idle, 50)),
      e2eIdleLatencyMaxMs: Math.round(idle[idle.length - 1] as number),
      localStackStartupMs: Math.round(startupMs),
      dynamoStartupMs: stack.timings.dynamoMs,
      s3SqsStartupMs: stack.timings.s3SqsMs,
      functionInitMs: stack.timings.functionInitMs,
      synthMs,
    };
  } finally {
    await stack.stop();
  }
}
