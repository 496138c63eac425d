import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { newVersionId, type ObjectChange, type S3EventName, Sequencer } from '../s3-events.ts';

/**
 * S3 and SQS for the local stack: fauxqs (in memory, any credentials) on 127.0.0.1 and a free
 * port. fauxqs has no bucket notifications and no versioning, so its object store is extended
 * here: every write and delete of a watched bucket becomes an `ObjectChange` (with a sequencer,
 * an eTag, a size and, on versioned buckets, a versionId), and versioned buckets keep their
 * versions, served by `GetObject`/`HeadObject` with `versionId` and reported in
 * `x-amz-version-id`, as S3 does.
 */

interface FauxObject {
  key: string;
  body: Buffer;
  contentType: string;
  contentLength: number;
  etag: string;
  lastModified: Date;
  metadata: Record<string, string>;
  /** Kept by the local stack (fauxqs drops it): the Content-Encoding given at upload. */
  contentEncoding?: string;
}

interface FauxS3Store {
  putObject(
    bucket: string,
    key: string,
    body: Buffer,
    contentType?: string,
    metadata?: Record<string, string>,
  ): FauxObject;
  getObject(bucket: string, key: string): FauxObject;
  deleteObject(bucket: string, key: string): void;
  completeMultipartUpload(uploadId: string, parts: { partNumber: number; etag: string }[]): FauxObject;
  createBucket(name: string): void;
  hasBucket(name: string): boolean;
}

type FauxS3StoreClass = new () => FauxS3Store;

interface FastifyLike {
  addHook(name: string, fn: (...args: never[]) => unknown): void;
  listen(opts: { port: number; host: string }): Promise<string>;
  close(): Promise<void>;
}

interface FauxqsModule {
  buildApp(options: {
    logger?: boolean;
    defaultRegion?: string;
    stores?: Record<string, unknown>;
  }): FastifyLike;
}

interface StoredMeta {
  key: string;
  contentType: string;
  metadata: Record<string, string>;
  versionId: string | undefined;
  contentEncoding?: string;
}

interface VersionRecord {
  readonly versionId: string;
  readonly object?: FauxObject;
  readonly deleteMarker?: boolean;
}

export interface S3SqsEmulator {
  /** One endpoint for both services. */
  readonly endpoint: string;
  readonly region: string;
  readonly startupMs: number;
  /**
   * Creates a bucket; `versioned` keeps versions and gives every write a versionId. Returns how
   * many objects were restored from the data directory.
   */
  createBucket(name: string, options?: { versioned?: boolean }): number;
  /** The last change of an object seen by the store (its sequencer, versionId, eTag). */
  lastChange(bucket: string, key: string): ObjectChange | undefined;
  /** Called, synchronously, for every object change in any bucket. */
  onChange(listener: (change: ObjectChange) => void): void;
  stop(): Promise<void>;
}

async function loadFauxqs(): Promise<{
  app: FauxqsModule;
  S3Store: FauxS3StoreClass;
  SqsStore: new () => unknown;
  SnsStore: new () => unknown;
}> {
  // the package exports only its entry point; its stores sit next to it
  const dist = dirname(fileURLToPath(import.meta.resolve('fauxqs')));
  const load = (rel: string) => import(pathToFileURL(join(dist, rel)).href);
  const [app, s3, sqs, sns] = await Promise.all([
    import('fauxqs') as Promise<unknown>,
    load('s3/s3Store.js'),
    load('sqs/sqsStore.js'),
    load('sns/snsStore.js'),
  ]);
  return {
    app: app as FauxqsModule,
    S3Store: (s3 as { S3Store: FauxS3StoreClass }).S3Store,
    SqsStore: (sqs as { SqsStore: new () => unknown }).SqsStore,
    SnsStore: (sns as { SnsStore: new () => unknown }).SnsStore,
  };
}

export interface S3SqsOptions {
  readonly region: string;
  readonly port?: number;
  /**
   * Keep the objects (the current version of each) in this directory, written through on every
   * change and loaded when a bucket is created again. Messages are never kept.
   */
  readonly dataDir?: string;
}

export async function startS3Sqs(options: S3SqsOptions): Promise<S3SqsEmulator> {
  const started = performance.now();
  const { app: fauxqs, S3Store, SqsStore, SnsStore } = await loadFauxqs();
  const sequencer = new Sequencer();
  const versioned = new Set<string>();
  const versions = new Map<string, VersionRecord[]>();
  const last = new Map<string, ObjectChange>();
  const listeners: ((change: ObjectChange) => void)[] = [];
  const id = (bucket: string, key: string) => `${bucket}\u0000${key}`;

  /**
   * Records a change and notifies it. A write or a delete marker adds a version on top; the
   * permanent deletion of a version (`removedVersionId`) has already taken it off the list.
   */
  const emit = (
    eventName: S3EventName,
    bucket: string,
    key: string,
    object?: FauxObject,
    removedVersionId?: string,
  ): void => {
    let versionId: string | undefined = removedVersionId;
    if (versioned.has(bucket) && removedVersionId === undefined) {
      versionId = newVersionId();
      const list = versions.get(id(bucket, key)) ?? [];
      list.push(object ? { versionId, object } : { versionId, deleteMarker: true });
      versions.set(id(bucket, key), list);
    }
    const change: ObjectChange = {
      eventName,
      bucket,
      key,
      sequencer: sequencer.next(),
      eventTime: new Date().toISOString(),
      ...(object ? { size: object.contentLength, eTag: object.etag.replace(/"/g, '') } : {}),
      ...(versionId ? { versionId } : {}),
    };
    last.set(id(bucket, key), change);
    if (removedVersionId === undefined) persist(bucket, key, object, versionId);
    for (const listener of listeners) listener(change);
  };

  /**
   * DeleteObject with a version id on a versioned bucket, as S3 does it (fauxqs would delete the
   * current object whatever the version): that version or delete marker is gone for good; if it
   * was on top, what is below becomes current (an older version is served again, a delete
   * marker or nothing leaves the key deleted). Notified as `ObjectRemoved:Delete` with the
   * removed version's id.
   */
  const deleteVersion = (bucket: string, key: string, versionId: string): VersionRecord | undefined => {
    const list = versions.get(id(bucket, key)) ?? [];
    const at = list.findIndex((v) => v.versionId === versionId);
    if (at < 0) return undefined;
    const [removed] = list.splice(at, 1) as [VersionRecord];
    if (at === list.length) {
      const top = list[list.length - 1];
      if (top?.object) {
        const o = top.object;
        const restored = S3Store.prototype.putObject.call(
          s3Store,
          bucket,
          key,
          o.body,
          o.contentType,
          o.metadata,
        );
        if (o.contentEncoding) restored.contentEncoding = o.contentEncoding;
        persist(bucket, key, restored, top.versionId);
      } else {
        if (bucketsOf(s3Store).get(bucket)?.has(key))
          S3Store.prototype.deleteObject.call(s3Store, bucket, key);
        persist(bucket, key, undefined, undefined);
      }
    }
    emit('ObjectRemoved:Delete', bucket, key, undefined, versionId);
    return removed;
  };

  const fileOf = (bucket: string, key: string) =>
    options.dataDir
      ? join(options.dataDir, bucket, createHash('sha256').update(key).digest('hex'))
      : undefined;
  const persist = (
    bucket: string,
    key: string,
    object: FauxObject | undefined,
    versionId: string | undefined,
  ) => {
    const file = fileOf(bucket, key);
    if (!file) return;
    if (!object) {
      rmSync(`${file}.json`, { force: true });
      rmSync(`${file}.bin`, { force: true });
      return;
    }
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(`${file}.bin`, object.body);
    const meta: StoredMeta = {
      key,
      contentType: object.contentType,
      metadata: object.metadata,
      versionId,
      ...(object.contentEncoding ? { contentEncoding: object.contentEncoding } : {}),
    };
    writeFileSync(`${file}.json`, JSON.stringify(meta));
  };
  const restore = (bucket: string) => {
    if (!options.dataDir) return 0;
    const dir = join(options.dataDir, bucket);
    if (!existsSync(dir)) return 0;
    let count = 0;
    for (const name of readdirSync(dir)) {
      if (!name.endsWith('.json')) continue;
      const base = join(dir, name.slice(0, -'.json'.length));
      const meta = JSON.parse(readFileSync(`${base}.json`, 'utf8')) as StoredMeta;
      // the store's own method: restoring is not a new write, so no event
      const object = S3Store.prototype.putObject.call(
        s3Store,
        bucket,
        meta.key,
        readFileSync(`${base}.bin`),
        meta.contentType,
        meta.metadata,
      );
      if (meta.contentEncoding) object.contentEncoding = meta.contentEncoding;
      if (meta.versionId) versions.set(id(bucket, meta.key), [{ versionId: meta.versionId, object }]);
      count++;
    }
    return count;
  };

  class NotifyingS3Store extends S3Store {
    override putObject(
      bucket: string,
      key: string,
      body: Buffer,
      contentType?: string,
      metadata?: Record<string, string>,
    ): FauxObject {
      const obj = super.putObject(bucket, key, body, contentType, metadata);
      const encoding = pendingEncoding.get(id(bucket, key));
      pendingEncoding.delete(id(bucket, key));
      if (encoding) obj.contentEncoding = encoding;
      emit('ObjectCreated:Put', bucket, key, obj);
      return obj;
    }

    override completeMultipartUpload(
      uploadId: string,
      parts: { partNumber: number; etag: string }[],
    ): FauxObject {
      const uploads = (this as unknown as { multipartUploads: Map<string, { bucket: string }> })
        .multipartUploads;
      const bucket = uploads.get(uploadId)?.bucket;
      const obj = super.completeMultipartUpload(uploadId, parts);
      if (bucket) emit('ObjectCreated:CompleteMultipartUpload', bucket, obj.key, obj);
      return obj;
    }

    override deleteObject(bucket: string, key: string): void {
      const existed = bucketsOf(this).get(bucket)?.has(key) ?? false;
      super.deleteObject(bucket, key);
      // a versioned bucket gets a delete marker (and an event) even when the key had no object
      if (versioned.has(bucket)) emit('ObjectRemoved:DeleteMarkerCreated', bucket, key);
      else if (existed) emit('ObjectRemoved:Delete', bucket, key);
    }
  }

  const s3Store = new NotifyingS3Store();
  // queue URLs on the address clients use (fauxqs would say sqs.<region>.localhost, which does not resolve)
  const sqsStore = new SqsStore() as { host?: string };
  sqsStore.host = '';
  const app = fauxqs.buildApp({
    logger: false,
    defaultRegion: options.region,
    stores: { s3Store, sqsStore, snsStore: new SnsStore() },
  });

  type Req = { method: string; params?: Record<string, string>; query?: Record<string, string> };
  type Reply = {
    header(name: string, value: string): Reply;
    status(code: number): Reply;
    send(payload?: unknown): Reply;
    statusCode: number;
  };
  const objectOf = (req: Req): { bucket: string; key: string } | undefined => {
    const bucket = req.params?.bucket;
    const key = req.params?.['*'];
    return bucket && key ? { bucket, key } : undefined;
  };

  // GET/HEAD of a given version: served from the version history (the current one by fauxqs)
  // the Content-Encoding of an upload (without the SDK's aws-chunked framing), for the object store
  const pendingEncoding = new Map<string, string>();
  app.addHook('preHandler', (async (req: Req & { headers: Record<string, string | undefined> }) => {
    const target = objectOf(req);
    if (req.method !== 'PUT' || !target || req.query?.uploadId || req.headers['x-amz-copy-source']) return;
    const encoding = (req.headers['content-encoding'] ?? '')
      .split(',')
      .map((e) => e.trim())
      .filter((e) => e && e !== 'aws-chunked')
      .join(', ');
    if (encoding) pendingEncoding.set(id(target.bucket, target.key), encoding);
    else pendingEncoding.delete(id(target.bucket, target.key));
  }) as never);

  app.addHook('preHandler', (async (req: Req, reply: Reply) => {
    if (req.method !== 'DELETE') return;
    const target = objectOf(req);
    const wanted = req.query?.versionId;
    if (!target || !wanted || !versioned.has(target.bucket)) return;
    const removed = deleteVersion(target.bucket, target.key, wanted);
    reply.status(204).header('x-amz-version-id', wanted);
    if (removed?.deleteMarker) reply.header('x-amz-delete-marker', 'true');
    return reply.send();
  }) as never);

  app.addHook('preHandler', (async (req: Req, reply: Reply) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return;
    const target = objectOf(req);
    const wanted = req.query?.versionId;
    if (!target || !wanted || !versioned.has(target.bucket)) return;
    const list = versions.get(id(target.bucket, target.key)) ?? [];
    const record = list.find((v) => v.versionId === wanted);
    const current = list[list.length - 1];
    if (record && record === current && record.object) return;
    if (!record) {
      reply.status(404).header('content-type', 'application/xml');
      return reply.send(
        req.method === 'HEAD'
          ? undefined
          : `<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchVersion</Code><Message>The specified version does not exist.</Message><Key>${escapeXml(target.key)}</Key><VersionId>${escapeXml(wanted)}</VersionId></Error>`,
      );
    }
    if (record.deleteMarker || !record.object) {
      reply.status(405).header('x-amz-delete-marker', 'true').header('x-amz-version-id', record.versionId);
      return reply.send(
        req.method === 'HEAD'
          ? undefined
          : '<?xml version="1.0" encoding="UTF-8"?><Error><Code>MethodNotAllowed</Code><Message>The specified method is not allowed against this resource.</Message></Error>',
      );
    }
    const o = record.object;
    reply
      .status(200)
      .header('content-type', o.contentType)
      .header('content-length', String(o.contentLength))
      .header('etag', o.etag)
      .header('last-modified', o.lastModified.toUTCString())
      .header('x-amz-version-id', record.versionId);
    if (o.contentEncoding) reply.header('content-encoding', o.contentEncoding);
    for (const [k, v] of Object.entries(o.metadata)) reply.header(`x-amz-meta-${k}`, v);
    return reply.send(req.method === 'HEAD' ? undefined : o.body);
  }) as never);

  // the current version's id on writes and reads, as S3 reports it
  app.addHook('onSend', (async (
    req: Req,
    reply: Reply & { getHeader(n: string): unknown },
    payload: unknown,
  ) => {
    const target = objectOf(req);
    if (!target || reply.statusCode >= 300) return payload;
    const latest = !req.query?.versionId;
    if ((req.method === 'GET' || req.method === 'HEAD') && latest && !reply.getHeader('content-encoding')) {
      const encoding = bucketsOf(s3Store).get(target.bucket)?.get(target.key)?.contentEncoding;
      if (encoding) reply.header('content-encoding', encoding);
    }
    if (!versioned.has(target.bucket) || reply.getHeader('x-amz-version-id')) return payload;
    if (req.query?.uploadId && req.method === 'PUT') return payload;
    const list = versions.get(id(target.bucket, target.key));
    const current = list?.[list.length - 1];
    if (current) {
      reply.header('x-amz-version-id', current.versionId);
      if (current.deleteMarker && req.method === 'DELETE') reply.header('x-amz-delete-marker', 'true');
    }
    return payload;
  }) as never);

  // SQS's own dead-letter redrive (StartMessageMoveTask and its companions), which fauxqs lacks
  const moveTasks: MoveTask[] = [];
  app.addHook('preHandler', (async (
    req: Req & { headers: Record<string, string | undefined>; body?: unknown },
    reply: Reply,
  ) => {
    const action = (req.headers['x-amz-target'] ?? '').replace(/^AmazonSQS\./, '');
    if (
      req.method !== 'POST' ||
      !['StartMessageMoveTask', 'ListMessageMoveTasks', 'CancelMessageMoveTask'].includes(action)
    )
      return;
    const input = (typeof req.body === 'string' ? JSON.parse(req.body) : (req.body ?? {})) as Record<
      string,
      unknown
    >;
    const answer = (status: number, payload: unknown) =>
      reply.status(status).header('content-type', 'application/x-amz-json-1.0').send(JSON.stringify(payload));
    const fail = (type: string, message: string) =>
      answer(400, { __type: `com.amazonaws.sqs#${type}`, message });
    const queues = sqsStore as unknown as SqsStoreLike;
    if (action === 'StartMessageMoveTask') {
      const source = queues.getQueueByArn(String(input.SourceArn ?? ''));
      if (!source) return fail('ResourceNotFoundException', `no queue ${String(input.SourceArn)}`);
      const destinationArn =
        typeof input.DestinationArn === 'string'
          ? input.DestinationArn
          : [...queues.queues.values()].find((q) => redriveTarget(q) === input.SourceArn)?.arn;
      const destination = destinationArn ? queues.getQueueByArn(destinationArn) : undefined;
      if (!destination)
        return fail(
          'InvalidParameterValueException',
          'the source queue is no dead-letter queue of a queue, and no DestinationArn was given',
        );
      if (moveTasks.some((t) => t.SourceArn === source.arn && t.Status === 'RUNNING'))
        return fail('UnsupportedOperation', 'a message move task is already running on this queue');
      // messages whose visibility timeout ran out are visible again, as SQS would have them
      source.processTimers?.();
      const moving = source.messages.splice(0, source.messages.length);
      for (const msg of moving) {
        msg.approximateReceiveCount = 0;
        msg.approximateFirstReceiveTimestamp = undefined;
        destination.enqueue(msg);
      }
      const task: MoveTask = {
        TaskHandle: Buffer.from(JSON.stringify({ id: randomUUID(), source: source.arn })).toString('base64'),
        Status: 'COMPLETED',
        SourceArn: source.arn,
        DestinationArn: destination.arn,
        ApproximateNumberOfMessagesMoved: moving.length,
        ApproximateNumberOfMessagesToMove: moving.length,
        StartedTimestamp: Date.now(),
      };
      moveTasks.unshift(task);
      return answer(200, { TaskHandle: task.TaskHandle });
    }
    if (action === 'ListMessageMoveTasks') {
      const results = moveTasks
        .filter((t) => t.SourceArn === input.SourceArn)
        .slice(0, Number(input.MaxResults ?? 1))
        .map(({ TaskHandle: _h, ...rest }) => rest);
      return answer(200, { Results: results });
    }
    const task = moveTasks.find((t) => t.TaskHandle === input.TaskHandle);
    if (!task) return fail('ResourceNotFoundException', 'no such task');
    if (task.Status !== 'RUNNING') return fail('UnsupportedOperation', `the task is ${task.Status}`);
    task.Status = 'CANCELLED';
    return answer(200, { ApproximateNumberOfMessagesMoved: task.ApproximateNumberOfMessagesMoved });
  }) as never);

  const address = await app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  const url = new URL(address);
  return {
    endpoint: `http://127.0.0.1:${url.port}`,
    region: options.region,
    startupMs: Math.round(performance.now() - started),
    createBucket(name, opts) {
      s3Store.createBucket(name);
      if (opts?.versioned) versioned.add(name);
      return restore(name);
    },
    lastChange: (bucket, key) => last.get(id(bucket, key)),
    onChange(listener) {
      listeners.push(listener);
    },
    stop: () => app.close(),
  };
}

interface MoveTask {
  TaskHandle: string;
  Status: 'RUNNING' | 'COMPLETED' | 'CANCELLED' | 'FAILED';
  SourceArn: string;
  DestinationArn: string;
  ApproximateNumberOfMessagesMoved: number;
  ApproximateNumberOfMessagesToMove: number;
  StartedTimestamp: number;
}

interface FauxMessage {
  approximateReceiveCount: number;
  approximateFirstReceiveTimestamp?: number;
}

interface FauxQueue {
  arn: string;
  attributes: Record<string, string>;
  messages: FauxMessage[];
  enqueue(msg: FauxMessage): void;
  processTimers?(): void;
}

interface SqsStoreLike {
  queues: Map<string, FauxQueue>;
  getQueueByArn(arn: string): FauxQueue | undefined;
}

function redriveTarget(queue: FauxQueue): string | undefined {
  try {
    return (JSON.parse(queue.attributes.RedrivePolicy ?? '{}') as { deadLetterTargetArn?: string })
      .deadLetterTargetArn;
  } catch {
    return undefined;
  }
}

function bucketsOf(store: unknown): Map<string, Map<string, FauxObject>> {
  return (store as { buckets: Map<string, Map<string, FauxObject>> }).buckets;
}

function escapeXml(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
