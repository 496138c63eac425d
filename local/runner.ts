import { availableParallelism } from 'node:os';
import type { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import {
  DeleteMessageBatchCommand,
  type Message,
  ReceiveMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { EventSourceMappingSpec, FunctionSpec } from './template.ts';

/**
 * Runs bundled functions from `cdk.out` as Lambda would: each execution environment is a worker
 * thread that imports the asset with the function's own resolved environment (so module-level
 * `process.env` reads see their own values), handles one invocation at a time, and is replaced
 * when an invocation exceeds the function's timeout. Queues are polled like an SQS event source
 * mapping: batch size, partial batch responses, maximum concurrency.
 */

export interface InvokeResult {
  readonly ok: boolean;
  readonly result?: unknown;
  readonly error?: { name: string; message: string; stack?: string };
  readonly ms: number;
  readonly timedOut?: boolean;
}

export interface FunctionHostOptions {
  readonly spec: FunctionSpec;
  /** The function's environment, resolved, plus the local endpoints, region and credentials. */
  readonly env: Record<string, string>;
  readonly region: string;
  readonly accountId: string;
  /** Where the function's stdout and stderr (its logs) go. */
  readonly logSink: (chunk: Buffer) => void;
}

const WORKER_URL = new URL('./lambda-worker.mjs', import.meta.url);

/** One execution environment (a worker thread). */
class Environment {
  private readonly worker: Worker;
  readonly ready: Promise<void>;
  private readonly pending = new Map<number, (r: InvokeResult) => void>();
  private nextId = 1;
  dead = false;
  initMs = 0;

  constructor(private readonly options: FunctionHostOptions) {
    const { spec } = options;
    this.worker = new Worker(WORKER_URL, {
      env: options.env,
      // a plain Node environment, like Lambda's: no loaders or flags of the parent process
      execArgv: [],
      stdout: true,
      stderr: true,
      workerData: {
        assetDir: spec.assetDir,
        handler: spec.handler,
        functionName: spec.name,
        memoryMb: spec.memoryMb,
        timeoutS: spec.timeoutS,
        region: options.region,
        accountId: options.accountId,
      },
      resourceLimits: { maxOldGenerationSizeMb: Math.max(128, spec.memoryMb) },
    });
    pipe(this.worker.stdout, options.logSink);
    pipe(this.worker.stderr, options.logSink);
    this.ready = new Promise<void>((resolve, reject) => {
      this.worker.on(
        'message',
        (msg: { type: string; id?: number; initMs?: number } & Partial<InvokeResult>) => {
          if (msg.type === 'ready') {
            this.initMs = msg.initMs ?? 0;
            resolve();
          } else if (msg.type === 'init-error') {
            this.dead = true;
            reject(new Error(`function ${spec.logicalId} failed to initialize: ${msg.error?.message}`));
          } else if (msg.type === 'result' && msg.id !== undefined) {
            const done = this.pending.get(msg.id);
            this.pending.delete(msg.id);
            done?.({
              ok: Boolean(msg.ok),
              result: msg.result,
              ...(msg.error ? { error: msg.error } : {}),
              ms: msg.ms ?? 0,
            });
          }
        },
      );
      this.worker.on('error', (error) => {
        this.dead = true;
        reject(error);
        this.failAll({ name: error.name, message: error.message });
      });
      this.worker.on('exit', (code) => {
        this.dead = true;
        reject(new Error(`worker exited with code ${code}`));
        this.failAll({ name: 'Runtime.ExitError', message: `the runtime exited with code ${code}` });
      });
    });
    this.ready.catch(() => {});
  }

  private failAll(error: { name: string; message: string }): void {
    for (const [, done] of this.pending) done({ ok: false, error, ms: 0 });
    this.pending.clear();
  }

  async invoke(event: unknown): Promise<InvokeResult> {
    await this.ready;
    const id = this.nextId++;
    const timeoutMs = this.options.spec.timeoutS * 1000;
    return new Promise<InvokeResult>((resolve) => {
      const timer = setTimeout(() => {
        if (!this.pending.has(id)) return;
        this.pending.delete(id);
        // Lambda ends the environment of an invocation that times out
        void this.terminate();
        resolve({
          ok: false,
          timedOut: true,
          error: {
            name: 'Sandbox.Timedout',
            message: `Task timed out after ${this.options.spec.timeoutS} seconds`,
          },
          ms: timeoutMs,
        });
      }, timeoutMs);
      this.pending.set(id, (r) => {
        clearTimeout(timer);
        resolve(r);
      });
      this.worker.postMessage({ type: 'invoke', id, event });
    });
  }

  async terminate(): Promise<void> {
    this.dead = true;
    await this.worker.terminate();
  }
}

function pipe(stream: Readable | null | undefined, sink: (chunk: Buffer) => void): void {
  stream?.on('data', (chunk: Buffer) => sink(chunk));
}

/** A function with a pool of execution environments, created on demand, one invocation each at a time. */
export class FunctionHost {
  private readonly idle: Environment[] = [];
  private readonly all = new Set<Environment>();
  private stopped = false;
  coldStarts = 0;
  invocations = 0;

  constructor(readonly options: FunctionHostOptions) {}

  get spec(): FunctionSpec {
    return this.options.spec;
  }

  /** Starts one environment ahead of the first event (what Lambda calls a cold start). */
  async warm(): Promise<number> {
    const env = this.create();
    await env.ready;
    this.idle.push(env);
    return env.initMs;
  }

  private create(): Environment {
    if (this.stopped) throw new Error('function host stopped');
    const env = new Environment(this.options);
    this.all.add(env);
    this.coldStarts++;
    return env;
  }

  async invoke(event: unknown): Promise<InvokeResult> {
    let env = this.idle.pop();
    while (env?.dead) env = this.idle.pop();
    env ??= this.create();
    this.invocations++;
    try {
      await env.ready;
    } catch (error) {
      this.all.delete(env);
      const e = error as Error;
      return { ok: false, error: { name: 'Runtime.InitError', message: e.message }, ms: 0 };
    }
    const result = await env.invoke(event);
    if (env.dead) this.all.delete(env);
    else this.idle.push(env);
    return result;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all([...this.all].map((e) => e.terminate()));
    this.all.clear();
    this.idle.length = 0;
  }
}

export interface PollerStats {
  batches: number;
  received: number;
  deleted: number;
  failed: number;
  invokeErrors: number;
}

export interface BatchInfo {
  readonly records: number;
  readonly failures: number;
  /** Bodies of every message of the batch. */
  readonly bodies: readonly string[];
  /** Bodies of the messages that failed (left for redelivery). */
  readonly failedBodies: readonly string[];
  readonly result: InvokeResult;
}

export interface PollerOptions {
  readonly mapping: EventSourceMappingSpec;
  readonly host: FunctionHost;
  readonly sqs: SQSClient;
  readonly queueUrl: string;
  readonly queueArn: string;
  readonly region: string;
  /** Concurrent batches; the mapping's MaximumConcurrency caps it (default: the machine's cores). */
  readonly concurrency?: number;
  /** Long-poll wait of each receive, in seconds (default 1, so that stopping is quick). */
  readonly waitTimeS?: number;
  readonly onBatch?: (info: BatchInfo) => void;
  readonly onError?: (error: unknown) => void;
}

/** Polls a queue like Lambda's SQS event source mapping and invokes the function with each batch. */
export class SqsPoller {
  private running = false;
  private loops: Promise<void>[] = [];
  private controller = new AbortController();
  readonly stats: PollerStats = { batches: 0, received: 0, deleted: 0, failed: 0, invokeErrors: 0 };
  readonly concurrency: number;

  constructor(private readonly options: PollerOptions) {
    const wanted = options.concurrency ?? Math.max(1, availableParallelism());
    this.concurrency = Math.max(1, Math.min(wanted, options.mapping.maximumConcurrency ?? wanted));
  }

  start(): void {
    if (this.running || !this.options.mapping.enabled) return;
    this.running = true;
    for (let i = 0; i < this.concurrency; i++) this.loops.push(this.loop());
  }

  async stop(): Promise<void> {
    this.running = false;
    this.controller.abort();
    await Promise.all(this.loops);
    this.loops = [];
  }

  private async loop(): Promise<void> {
    while (this.running) {
      try {
        const messages = await this.receive();
        if (!this.running) return; // received messages become visible again after their timeout
        if (messages.length) await this.handle(messages);
      } catch (error) {
        if (!this.running) return;
        this.options.onError?.(error);
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  private async receive(): Promise<Message[]> {
    const { mapping, sqs, queueUrl } = this.options;
    const out: Message[] = [];
    const windowEnd = Date.now() + mapping.maximumBatchingWindowS * 1000;
    // up to 10 messages per call, as SQS allows; more calls to fill a larger batch
    do {
      const page = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: Math.min(10, mapping.batchSize - out.length),
          WaitTimeSeconds: out.length ? 0 : (this.options.waitTimeS ?? 1),
          MessageSystemAttributeNames: ['All'],
          MessageAttributeNames: ['All'],
        }),
        { abortSignal: this.controller.signal },
      );
      const got = page.Messages ?? [];
      out.push(...got);
      if (!got.length && Date.now() >= windowEnd) break;
    } while (
      out.length < mapping.batchSize &&
      this.running &&
      (out.length % 10 === 0 || Date.now() < windowEnd)
    );
    return out;
  }

  private async handle(messages: Message[]): Promise<void> {
    const { mapping, host, sqs, queueUrl } = this.options;
    this.stats.batches++;
    this.stats.received += messages.length;
    const event: SQSEvent = { Records: messages.map((m) => this.toRecord(m)) };
    const result = await host.invoke(event);
    let succeeded: Message[];
    if (!result.ok) {
      this.stats.invokeErrors++;
      succeeded = [];
    } else if (mapping.reportBatchItemFailures) {
      succeeded = successesOf(messages, result.result);
    } else succeeded = messages;
    const failures = messages.length - succeeded.length;
    this.stats.failed += failures;
    // failed messages are left alone: they reappear after the visibility timeout, and the queue's
    // redrive policy moves them to the dead-letter queue after maxReceiveCount receives
    for (let i = 0; i < succeeded.length; i += 10) {
      const chunk = succeeded.slice(i, i + 10);
      await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: chunk.map((m, j) => ({ Id: String(j), ReceiptHandle: m.ReceiptHandle })),
        }),
      );
      this.stats.deleted += chunk.length;
    }
    const kept = new Set(succeeded);
    const failedBodies = messages.filter((m) => !kept.has(m)).map((m) => m.Body ?? '');
    this.options.onBatch?.({
      records: messages.length,
      failures,
      bodies: messages.map((m) => m.Body ?? ''),
      failedBodies,
      result,
    });
  }

  private toRecord(m: Message): SQSRecord {
    const attrs = m.Attributes ?? {};
    const messageAttributes: SQSRecord['messageAttributes'] = {};
    for (const [name, a] of Object.entries(m.MessageAttributes ?? {})) {
      messageAttributes[name] = {
        dataType: a.DataType ?? 'String',
        ...(a.StringValue !== undefined ? { stringValue: a.StringValue } : {}),
        ...(a.BinaryValue !== undefined
          ? { binaryValue: Buffer.from(a.BinaryValue).toString('base64') }
          : {}),
        stringListValues: a.StringListValues ?? [],
        binaryListValues: (a.BinaryListValues ?? []).map((b) => Buffer.from(b).toString('base64')),
      };
    }
    return {
      messageId: m.MessageId ?? '',
      receiptHandle: m.ReceiptHandle ?? '',
      body: m.Body ?? '',
      attributes: {
        ApproximateReceiveCount: attrs.ApproximateReceiveCount ?? '1',
        SentTimestamp: attrs.SentTimestamp ?? String(Date.now()),
        SenderId: attrs.SenderId ?? 'AIDALOCALSTACK',
        ApproximateFirstReceiveTimestamp: attrs.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
        ...(attrs.MessageGroupId ? { MessageGroupId: attrs.MessageGroupId } : {}),
        ...(attrs.MessageDeduplicationId ? { MessageDeduplicationId: attrs.MessageDeduplicationId } : {}),
        ...(attrs.SequenceNumber ? { SequenceNumber: attrs.SequenceNumber } : {}),
      },
      messageAttributes,
      md5OfBody: m.MD5OfBody ?? '',
      eventSource: 'aws:sqs',
      eventSourceARN: this.options.queueArn,
      awsRegion: this.options.region,
    };
  }
}

/**
 * The messages to delete after a partial batch response, by Lambda's rules: an empty or null
 * `batchItemFailures` means all succeeded; an entry that is not one of the batch's message ids
 * (or is empty) fails the whole batch; a response that is not an object of that shape succeeds.
 */
export function successesOf(messages: readonly Message[], response: unknown): Message[] {
  if (response === null || typeof response !== 'object') return [...messages];
  const failures = (response as Partial<SQSBatchResponse>).batchItemFailures;
  if (failures === undefined || failures === null) return [...messages];
  if (!Array.isArray(failures)) return [];
  const ids = new Set(messages.map((m) => m.MessageId));
  const failed = new Set<string>();
  for (const f of failures) {
    const id = (f as { itemIdentifier?: unknown })?.itemIdentifier;
    if (typeof id !== 'string' || !id || !ids.has(id)) return [];
    failed.add(id);
  }
  return messages.filter((m) => !failed.has(m.MessageId ?? ''));
}
