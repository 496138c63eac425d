import type { S3EventRecord, SQSRecord } from 'aws-lambda';
import type { ObjectEvent } from '#ingest/ports.ts';

/** S3 URL-encodes keys in notifications, with `+` for a space: decode them to the real key. */
export function decodeS3Key(encoded: string): string {
  return decodeURIComponent(encoded.replace(/\+/g, ' '));
}

export type ParsedMessage =
  | { readonly kind: 'events'; readonly events: ObjectEvent[] }
  | { readonly kind: 'test-event' }
  | { readonly kind: 'invalid'; readonly why: string };

/** Reads the S3 notification carried by one SQS message body. Never throws. */
export function parseSqsRecord(record: Pick<SQSRecord, 'body'>): ParsedMessage {
  let body: unknown;
  try {
    body = JSON.parse(record.body);
  } catch {
    return { kind: 'invalid', why: 'message body is not JSON' };
  }
  if (!body || typeof body !== 'object') return { kind: 'invalid', why: 'message body is not an object' };
  if ((body as { Event?: unknown }).Event === 's3:TestEvent') return { kind: 'test-event' };
  const records = (body as { Records?: unknown }).Records;
  if (!Array.isArray(records)) return { kind: 'invalid', why: 'message has no Records' };
  const events: ObjectEvent[] = [];
  for (const r of records as S3EventRecord[]) {
    const event = toObjectEvent(r);
    if (typeof event === 'string') return { kind: 'invalid', why: event };
    if (event) events.push(event);
  }
  return { kind: 'events', events };
}

/** Sequencers are hexadecimal, at most 40 digits once normalized (see ingest/sequencer.ts). */
const SEQUENCER = /^[0-9A-Fa-f]{1,40}$/;

/** An S3 event record as an ObjectEvent; undefined for event types we do not act on; a string says why invalid. */
export function toObjectEvent(r: S3EventRecord): ObjectEvent | undefined | string {
  if (r?.eventSource !== 'aws:s3' || !r.s3?.object || !r.s3.bucket) return 'not an S3 event record';
  const name = String(r.eventName ?? '');
  const kind = name.startsWith('ObjectCreated:')
    ? 'created'
    : name.startsWith('ObjectRemoved:')
      ? 'removed'
      : undefined;
  if (!kind) return undefined;
  const { object, bucket } = r.s3;
  if (typeof bucket.name !== 'string' || bucket.name === '') return 'S3 record without a bucket name';
  if (typeof object.key !== 'string' || object.key === '') return 'S3 record without a key';
  if (typeof object.sequencer !== 'string' || !SEQUENCER.test(object.sequencer))
    return 'S3 record without a hexadecimal sequencer';
  let key: string;
  try {
    key = decodeS3Key(object.key);
  } catch {
    return 'S3 record key is not valid URL encoding';
  }
  if (key === '') return 'S3 record without a key';
  const versionId = object.versionId && object.versionId !== 'null' ? object.versionId : undefined;
  return {
    kind,
    ref: { bucket: bucket.name, key, ...(versionId ? { versionId } : {}) },
    sequencer: object.sequencer,
    eventTime: r.eventTime,
    ...(object.eTag ? { eTag: object.eTag } : {}),
    ...(typeof object.size === 'number' ? { size: object.size } : {}),
    ...((r as { reprocess?: boolean }).reprocess === true ? { reprocess: true } : {}),
    ...(name === 'ObjectRemoved:DeleteMarkerCreated' ? { deleteMarker: true } : {}),
  };
}
