import { join } from 'node:path';
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DynamoDBClient,
  ResourceInUseException,
} from '@aws-sdk/client-dynamodb';
import { DeleteObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient as DocumentClient, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ArticleReader, type StoredObject } from '#adapters/aws/dynamodb/reader.ts';
import { normalizeSequencer } from '#ingest/sequencer.ts';
import { type DynamoEmulator, startDynamo } from './emulators/dynamodb.ts';
import { startS3Sqs } from './emulators/s3-sqs.ts';
import { type BatchInfo, FunctionHost, type InvokeResult, SqsPoller } from './runner.ts';
import {
  decodeS3EventKey,
  notificationBody,
  type ObjectChange,
  testEventBody,
  toEventRecord,
} from './s3-events.ts';
import {
  bucketNameFrom,
  loadStackModel,
  matchingNotifications,
  type PhysicalResource,
  type ResolveContext,
  resolveEnvironment,
  type StackModel,
} from './template.ts';
import { uploadObject } from './upload.ts';

/**
 * The embedded local stack: the resources of the synthesized template, created in local
 * emulators, and its bundled functions running against them.
 *
 *   S3 (fauxqs) --notification filters of the template--> SQS queue (fauxqs, redrive to the DLQ)
 *     --event source mapping (batch size, partial failures)--> bundled function (worker thread)
 *     --> DynamoDB Local (tables with the template's keys and indexes)
 */

/** fauxqs puts every queue in this account; the whole local stack uses it. */
export const LOCAL_ACCOUNT_ID = '000000000000';
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

export interface LocalStackOptions {
  /** The cloud assembly directory (`cdk.out`). */
  readonly cdkOut: string;
  readonly stackId?: string;
  /** Keep DynamoDB's data (in `dynamodb/`) and the S3 objects (in `s3/`) here; in memory when absent. */
  readonly dataDir?: string;
  readonly region?: string;
  /** Override the queues' visibility timeout (seconds), so retries and redrive happen quickly in tests. */
  readonly visibilityTimeoutS?: number;
  /** Concurrent batches per event source mapping (capped by its MaximumConcurrency). */
  readonly concurrency?: number;
  readonly dynamo?: 'dynamodb-local' | 'dynalite';
  /**
   * Use this running DynamoDB (one shared by several stacks, as the test suite does) instead of
   * starting one; it is not stopped with the stack.
   */
  readonly dynamodb?: { readonly endpoint: string; readonly kind: DynamoEmulator['kind'] };
  /**
   * A prefix of every physical name (tables, buckets, queues), so that several stacks share
   * emulators without seeing each other's resources.
   */
  readonly namespace?: string;
  /** Start one execution environment of each function before returning. Default true. */
  readonly warm?: boolean;
  /** Progress lines. */
  readonly log?: (line: string) => void;
  /** The functions' own output (structured logs). Discarded when absent. */
  readonly functionLog?: (functionLogicalId: string, chunk: Buffer) => void;
  /** Called after each batch a function handled. */
  readonly onBatch?: (info: BatchInfo & { functionLogicalId: string }) => void;
}

export interface StartupTimings {
  dynamoMs: number;
  s3SqsMs: number;
  resourcesMs: number;
  warmMs: number;
  functionInitMs: number;
  totalMs: number;
}

export interface LocalStack {
  readonly model: StackModel;
  readonly region: string;
  readonly endpoints: { readonly s3: string; readonly sqs: string; readonly dynamodb: string };
  readonly dynamoKind: DynamoEmulator['kind'];
  /** The bucket whose notifications feed a function through a queue. */
  readonly bucket: string;
  readonly queueUrl: string;
  readonly dlqUrl: string | undefined;
  readonly table: string;
  readonly resources: ReadonlyMap<string, PhysicalResource>;
  readonly s3: S3Client;
  readonly sqs: SQSClient;
  readonly dynamodb: DynamoDBClient;
  readonly documents: DynamoDBDocumentClient;
  readonly reader: ArticleReader;
  readonly timings: StartupTimings;
  readonly pollers: readonly SqsPoller[];
  /**
   * Uploads an object (by multipart above the emulator's single-request limit, as S3 clients
   * do); resolves with the change S3 notified (sequencer, versionId, eTag).
   */
  put(
    key: string,
    body: Uint8Array | string,
    options?: { contentType?: string; contentEncoding?: string; bucket?: string },
  ): Promise<ObjectChange>;
  /**
   * Deletes an object (a delete marker on a versioned bucket) or, with `versionId`, that version
   * or delete marker for good; resolves with the change S3 notified.
   */
  delete(key: string, options?: { bucket?: string; versionId?: string }): Promise<ObjectChange | undefined>;
  /** Waits until the table reflects `change` (or a later change) of its object. */
  waitFor(
    change: ObjectChange,
    options?: { timeoutMs?: number; signal?: AbortSignal },
  ): Promise<StoredObject | undefined>;
  /** Resolves once every notification emitted so far has been sent to its queue. */
  flushNotifications(): Promise<void>;
  /** Approximate number of messages (visible + in flight) in a queue. */
  queueDepth(queueUrl: string): Promise<number>;
  /** Invokes a function of the template (by logical id) as Lambda would, in its own environment. */
  invoke(functionLogicalId: string, event: unknown): Promise<InvokeResult>;
  stop(): Promise<void>;
}

const sdkConfig = (endpoint: string, region: string) => ({
  endpoint,
  region,
  credentials: LOCAL_CREDENTIALS,
});

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const t0 = performance.now();
  const log = options.log ?? (() => {});
  const region = options.region ?? 'us-east-1';
  const model = namespaced(loadStackModel(options.cdkOut, options.stackId), options.namespace);
  const cleanups: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const c of cleanups.reverse()) await c().catch(() => {});
    cleanups.length = 0;
  };

  try {
    log('starting DynamoDB and S3/SQS emulators ...');
    const shared = options.dynamodb;
    const [dynamo, s3sqs] = await Promise.all([
      shared
        ? Promise.resolve({ ...shared, startupMs: 0, stop: async () => {} })
        : startDynamo({
            ...(options.dataDir ? { dataDir: join(options.dataDir, 'dynamodb') } : {}),
            ...(options.dynamo ? { prefer: options.dynamo } : {}),
            log,
          }).then((d) => {
            cleanups.push(() => d.stop());
            log(
              `  ${d.kind === 'dynamodb-local' ? 'DynamoDB Local' : 'dynalite'} ready at ${d.endpoint} (${d.startupMs} ms)`,
            );
            return d;
          }),
      startS3Sqs({ region, ...(options.dataDir ? { dataDir: join(options.dataDir, 's3') } : {}) }).then(
        (e) => {
          cleanups.push(() => e.stop());
          log(`  S3 + SQS (fauxqs) ready at ${e.endpoint} (${e.startupMs} ms)`);
          return e;
        },
      ),
    ]);
    const s3 = new S3Client({ ...sdkConfig(s3sqs.endpoint, region), forcePathStyle: true });
    const sqs = new SQSClient(sdkConfig(s3sqs.endpoint, region));
    const dynamodb = new DynamoDBClient({ ...sdkConfig(dynamo.endpoint, region), maxAttempts: 6 });
    const documents = DocumentClient.from(dynamodb, { marshallOptions: { removeUndefinedValues: true } });
    cleanups.push(async () => {
      s3.destroy();
      sqs.destroy();
      dynamodb.destroy();
    });

    // ---- resources of the template
    const tResources = performance.now();
    const resources = new Map<string, PhysicalResource>();
    const ctx: ResolveContext = {
      region,
      accountId: LOCAL_ACCOUNT_ID,
      stackName: model.stackName,
      resources,
    };
    for (const table of model.tables) {
      try {
        await dynamodb.send(
          new CreateTableCommand({
            ...(table.createTable as unknown as CreateTableCommandInput),
            TableName: table.name,
          }),
        );
      } catch (error) {
        if (!(error instanceof ResourceInUseException)) throw error; // kept from a previous run (--data-dir)
      }
      resources.set(table.logicalId, {
        ref: table.name,
        attributes: { Arn: `arn:aws:dynamodb:${region}:${LOCAL_ACCOUNT_ID}:table/${table.name}` },
      });
    }
    for (const bucket of model.buckets) {
      const restored = s3sqs.createBucket(bucket.name, { versioned: bucket.versioned });
      if (restored) log(`  restored ${restored} object(s) of ${bucket.name} from ${options.dataDir}`);
      resources.set(bucket.logicalId, {
        ref: bucket.name,
        attributes: {
          Arn: `arn:aws:s3:::${bucket.name}`,
          DomainName: `${bucket.name}.s3.amazonaws.com`,
          RegionalDomainName: `${bucket.name}.s3.${region}.amazonaws.com`,
          WebsiteURL: `http://${bucket.name}.s3-website-${region}.amazonaws.com`,
        },
      });
    }
    for (const queue of model.queues) {
      const attributes: Record<string, string> = { ...queue.attributes };
      if (options.visibilityTimeoutS !== undefined)
        attributes.VisibilityTimeout = String(options.visibilityTimeoutS);
      if (queue.redrive) {
        const dlqArn = resources.get(queue.redrive.deadLetterQueue)?.attributes.Arn;
        if (!dlqArn) throw new Error(`queue ${queue.logicalId}: its dead-letter queue was not created first`);
        attributes.RedrivePolicy = JSON.stringify({
          deadLetterTargetArn: dlqArn,
          maxReceiveCount: queue.redrive.maxReceiveCount,
        });
      }
      const created = await sqs.send(
        new CreateQueueCommand({ QueueName: queue.name, Attributes: attributes }),
      );
      const url = created.QueueUrl as string;
      const got = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }),
      );
      resources.set(queue.logicalId, {
        ref: url,
        attributes: { Arn: got.Attributes?.QueueArn as string, QueueName: queue.name, QueueUrl: url },
      });
    }
    for (const fn of model.functions) {
      resources.set(fn.logicalId, {
        ref: fn.name,
        attributes: { Arn: `arn:aws:lambda:${region}:${LOCAL_ACCOUNT_ID}:function:${fn.name}` },
      });
    }
    const resourcesMs = Math.round(performance.now() - tResources);
    log(
      `  created ${model.tables.length} table(s), ${model.buckets.length} bucket(s), ${model.queues.length} queue(s) from ${model.templatePath} (${resourcesMs} ms)`,
    );

    // ---- functions and event source mappings
    const hosts = new Map<string, FunctionHost>();
    for (const fn of model.functions) {
      const env = {
        ...baseEnvironment(),
        ...resolveEnvironment(fn.environment, ctx),
        AWS_ENDPOINT_URL_S3: s3sqs.endpoint,
        AWS_ENDPOINT_URL_SQS: s3sqs.endpoint,
        AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
        AWS_REGION: region,
        AWS_DEFAULT_REGION: region,
        AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
        AWS_LAMBDA_FUNCTION_NAME: fn.name,
        AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memoryMb),
        AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${fn.name}`,
        AWS_LAMBDA_LOG_STREAM_NAME: `local/[$LATEST]${fn.logicalId}`,
        // only this emulation runs on the local Node 20; the deployed runtime is the template's
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      };
      const sink = options.functionLog;
      const host = new FunctionHost({
        spec: fn,
        env,
        region,
        accountId: LOCAL_ACCOUNT_ID,
        logSink: sink ? (chunk) => sink(fn.logicalId, chunk) : () => {},
      });
      hosts.set(fn.logicalId, host);
      cleanups.push(() => host.stop());
    }
    const tWarm = performance.now();
    let functionInitMs = 0;
    if (options.warm !== false) {
      const inits = await Promise.all([...hosts.values()].map((h) => h.warm()));
      functionInitMs = Math.round(Math.max(0, ...inits));
    }
    const warmMs = Math.round(performance.now() - tWarm);
    if (hosts.size) log(`  ${hosts.size} function(s) loaded from their bundled assets (${warmMs} ms)`);

    const pollers: SqsPoller[] = [];
    /** The S3 events (bucket, key, sequencer) that a function invocation handled successfully. */
    const handled = new Set<string>();
    for (const mapping of model.eventSourceMappings) {
      const host = hosts.get(mapping.function);
      const queue = resources.get(mapping.queue);
      if (!host || !queue) continue;
      const poller = new SqsPoller({
        mapping,
        host,
        sqs,
        queueUrl: queue.ref,
        queueArn: queue.attributes.Arn as string,
        region,
        ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
        onBatch: (info) => {
          const failed = new Set(info.failedBodies);
          for (const body of info.bodies)
            if (!failed.has(body)) for (const id of eventIds(body)) handled.add(id);
          while (handled.size > 100_000) handled.delete(handled.values().next().value as string);
          options.onBatch?.({ functionLogicalId: mapping.function, ...info });
        },
        onError: (error) => log(`  poller of ${mapping.queue}: ${(error as Error).message}`),
      });
      pollers.push(poller);
      cleanups.push(() => poller.stop());
    }

    // ---- S3 notifications, routed by the template's filters
    const pending = new Set<Promise<unknown>>();
    const track = (p: Promise<unknown>) => {
      pending.add(p);
      p.catch((error) => log(`  notification delivery failed: ${(error as Error).message}`)).finally(() =>
        pending.delete(p),
      );
    };
    const bucketIds = new Map(model.buckets.map((b) => [b.name, b.logicalId]));
    s3sqs.onChange((change) => {
      const bucketId = bucketIds.get(change.bucket);
      if (!bucketId) return;
      for (const n of matchingNotifications(model.notifications, bucketId, change.eventName, change.key)) {
        const record = toEventRecord(change, { region, configurationId: n.id });
        if (n.target.kind === 'queue') {
          const queue = resources.get(n.target.logicalId);
          if (queue)
            track(
              sqs.send(
                new SendMessageCommand({ QueueUrl: queue.ref, MessageBody: notificationBody(record) }),
              ),
            );
        } else if (n.target.kind === 'lambda') {
          const host = hosts.get(n.target.logicalId);
          if (host) track(host.invoke({ Records: [record] }));
        }
      }
    });
    // S3 sends a test event to each queue when notifications are configured
    const now = new Date().toISOString();
    const tested = new Set<string>();
    for (const n of model.notifications) {
      const queue = n.target.kind === 'queue' ? resources.get(n.target.logicalId) : undefined;
      const bucket = resources.get(n.bucket);
      if (!queue || !bucket || tested.has(`${bucket.ref} ${queue.ref}`)) continue;
      tested.add(`${bucket.ref} ${queue.ref}`);
      await sqs.send(
        new SendMessageCommand({ QueueUrl: queue.ref, MessageBody: testEventBody(bucket.ref, now) }),
      );
    }
    for (const p of pollers) p.start();

    // ---- the main path: bucket -> queue -> function, and the table it writes
    const fed = new Set(model.eventSourceMappings.map((m) => m.queue));
    const main = model.notifications.find((n) => n.target.kind === 'queue' && fed.has(n.target.logicalId));
    const mainBucket = main
      ? resources.get(main.bucket)?.ref
      : resources.get(model.buckets[0]?.logicalId ?? '')?.ref;
    const mainQueueSpec = model.queues.find((q) => q.logicalId === main?.target.logicalId);
    const queueUrl = mainQueueSpec ? resources.get(mainQueueSpec.logicalId)?.ref : undefined;
    const dlqUrl = mainQueueSpec?.redrive
      ? resources.get(mainQueueSpec.redrive.deadLetterQueue)?.ref
      : undefined;
    const table = model.tables[0]?.name;
    if (!mainBucket || !queueUrl || !table)
      throw new Error('the template has no bucket -> queue -> function -> table path');
    const reader = new ArticleReader(documents, table);
    const viaQueue = pollers.length > 0;

    const timings: StartupTimings = {
      dynamoMs: dynamo.startupMs,
      s3SqsMs: s3sqs.startupMs,
      resourcesMs,
      warmMs,
      functionInitMs,
      totalMs: Math.round(performance.now() - t0),
    };

    const stack: LocalStack = {
      model,
      region,
      endpoints: { s3: s3sqs.endpoint, sqs: s3sqs.endpoint, dynamodb: dynamo.endpoint },
      dynamoKind: dynamo.kind,
      bucket: mainBucket,
      queueUrl,
      dlqUrl,
      table,
      resources,
      s3,
      sqs,
      dynamodb,
      documents,
      reader,
      timings,
      pollers,
      async put(key, body, opts = {}) {
        const bucket = opts.bucket ?? mainBucket;
        await uploadObject(s3, {
          bucket,
          key,
          body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
          ...(opts.contentType ? { contentType: opts.contentType } : {}),
          ...(opts.contentEncoding ? { contentEncoding: opts.contentEncoding } : {}),
        });
        const change = s3sqs.lastChange(bucket, key);
        if (!change) throw new Error(`no change recorded for ${bucket}/${key}`);
        return change;
      },
      async delete(key, opts = {}) {
        const bucket = opts.bucket ?? mainBucket;
        await s3.send(
          new DeleteObjectCommand({
            Bucket: bucket,
            Key: key,
            ...(opts.versionId ? { VersionId: opts.versionId } : {}),
          }),
        );
        return s3sqs.lastChange(bucket, key);
      },
      async waitFor(change, opts = {}) {
        const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
        const wanted = normalizeSequencer(change.sequencer);
        for (;;) {
          opts.signal?.throwIfAborted();
          // the table reflects the change once the invocation that handled it has returned (the
          // handler commits, then removes the older version's items) or a later change is stored
          const done = !viaQueue || handled.has(eventId(change.bucket, change.key, change.sequencer));
          const stored = done ? await reader.getObject(change.bucket, change.key) : undefined;
          const seq = stored?.state.sequencer;
          if (stored && typeof seq === 'string' && seq >= wanted) {
            if (seq > wanted || done) return stored;
          }
          if (Date.now() > deadline) {
            throw new Error(
              `timed out waiting for ${change.key} (${change.eventName}, sequencer ${change.sequencer}) to reach the table`,
            );
          }
          await new Promise((r) => setTimeout(r, 50));
        }
      },
      async flushNotifications() {
        while (pending.size) await Promise.allSettled([...pending]);
      },
      async queueDepth(url) {
        const out = await sqs.send(
          new GetQueueAttributesCommand({
            QueueUrl: url,
            AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
          }),
        );
        return (
          Number(out.Attributes?.ApproximateNumberOfMessages ?? 0) +
          Number(out.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0)
        );
      },
      invoke(functionLogicalId, event) {
        const host = hosts.get(functionLogicalId);
        if (!host) throw new Error(`no function ${functionLogicalId} in the template`);
        return host.invoke(event);
      },
      async stop() {
        await Promise.allSettled([...pending]);
        await stopAll();
      },
    };
    return stack;
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** The model with every physical name prefixed by `namespace`. */
function namespaced(model: StackModel, namespace: string | undefined): StackModel {
  if (!namespace) return model;
  return {
    ...model,
    tables: model.tables.map((t) => ({ ...t, name: `${namespace}-${t.name}`.slice(0, 255) })),
    buckets: model.buckets.map((b) => ({ ...b, name: bucketNameFrom(`${namespace}-${b.name}`) })),
    queues: model.queues.map((q) => {
      const base = q.fifo ? q.name.slice(0, -'.fifo'.length) : q.name;
      const name = `${namespace}-${base}`.slice(0, q.fifo ? 75 : 80);
      return { ...q, name: q.fifo ? `${name}.fifo` : name };
    }),
  };
}

/** What Lambda's runtime environment has besides the function's own variables. */
function baseEnvironment(): Record<string, string> {
  const env: Record<string, string> = { TZ: 'UTC', LANG: 'en_US.UTF-8' };
  if (process.env.PATH) env.PATH = process.env.PATH;
  if (process.env.HOME) env.HOME = process.env.HOME;
  return env;
}

function eventId(bucket: string, key: string, sequencer: string): string {
  return `${bucket}\u0000${key}\u0000${sequencer}`;
}

/** Ids of the S3 events carried by a notification message body. */
function eventIds(body: string): string[] {
  try {
    const parsed = JSON.parse(body) as {
      Records?: { s3?: { bucket?: { name?: string }; object?: { key?: string; sequencer?: string } } }[];
    };
    return (parsed.Records ?? []).flatMap((r) => {
      const o = r.s3?.object;
      const bucket = r.s3?.bucket?.name;
      return bucket && o?.key && o.sequencer ? [eventId(bucket, decodeS3EventKey(o.key), o.sequencer)] : [];
    });
  } catch {
    return [];
  }
}
