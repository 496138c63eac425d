import { randomBytes } from 'node:crypto';

/**
 * S3 event notifications as S3 writes them (event structure version 2.1): URL-encoded keys with
 * `+` for a space, hexadecimal `sequencer`s that order the events of a key, `versionId` on
 * versioned buckets, the eTag without quotes, the bucket's real ARN and region.
 */

export type S3EventName =
  | 'ObjectCreated:Put'
  | 'ObjectCreated:Post'
  | 'ObjectCreated:Copy'
  | 'ObjectCreated:CompleteMultipartUpload'
  | 'ObjectRemoved:Delete'
  | 'ObjectRemoved:DeleteMarkerCreated';

export interface ObjectChange {
  readonly eventName: S3EventName;
  readonly bucket: string;
  /** The object key, not encoded. */
  readonly key: string;
  readonly sequencer: string;
  readonly eventTime: string;
  readonly size?: number;
  /** Without quotes. */
  readonly eTag?: string;
  readonly versionId?: string;
}

export interface S3EventRecordShape {
  eventVersion: string;
  eventSource: 'aws:s3';
  awsRegion: string;
  eventTime: string;
  eventName: string;
  userIdentity: { principalId: string };
  requestParameters: { sourceIPAddress: string };
  responseElements: { 'x-amz-request-id': string; 'x-amz-id-2': string };
  s3: {
    s3SchemaVersion: '1.0';
    configurationId: string;
    bucket: { name: string; ownerIdentity: { principalId: string }; arn: string };
    object: { key: string; size?: number; eTag?: string; versionId?: string; sequencer: string };
  };
}

const UNRESERVED = /[A-Za-z0-9\-_.*/]/;

/**
 * Encodes a key as S3 does in notifications: like an HTML form (`application/x-www-form-urlencoded`),
 * a space becomes `+`, `/` and `-_.*` stay, every other byte of the UTF-8 form is `%XX`.
 * `incoming/2026 11/über café+1.json` -> `incoming/2026+11/%C3%BCber+caf%C3%A9%2B1.json`.
 */
export function encodeS3EventKey(key: string): string {
  let out = '';
  for (const ch of key) {
    if (ch === ' ') out += '+';
    else if (UNRESERVED.test(ch)) out += ch;
    else
      for (const byte of Buffer.from(ch, 'utf8'))
        out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** What a handler must do to get the key back: `+` to space, then percent-decoding. */
export function decodeS3EventKey(encoded: string): string {
  return decodeURIComponent(encoded.replace(/\+/g, ' '));
}

/**
 * Sequencers as S3 makes them: upper-case hexadecimal, 18 digits, strictly increasing for later
 * events (so they order correctly when compared right-padded, as S3 documents), also across
 * restarts because they start from the clock.
 */
export class Sequencer {
  private last = 0n;
  constructor(private readonly clock: () => number = Date.now) {}

  next(): string {
    const candidate = BigInt(Math.floor(this.clock())) << 16n;
    this.last = candidate > this.last ? candidate : this.last + 1n;
    return this.last.toString(16).toUpperCase().padStart(18, '0');
  }
}

/** A versionId in the alphabet and length of S3's (32 URL-safe characters). */
export function newVersionId(): string {
  return randomBytes(24).toString('base64url').slice(0, 32);
}

function requestId(): string {
  return randomBytes(8).toString('hex').toUpperCase();
}

export function toEventRecord(
  change: ObjectChange,
  options: { region: string; configurationId: string; principalId?: string; sourceIp?: string },
): S3EventRecordShape {
  const object: S3EventRecordShape['s3']['object'] = {
    key: encodeS3EventKey(change.key),
    ...(change.size !== undefined ? { size: change.size } : {}),
    ...(change.eTag !== undefined ? { eTag: change.eTag.replace(/"/g, '') } : {}),
    ...(change.versionId !== undefined ? { versionId: change.versionId } : {}),
    sequencer: change.sequencer,
  };
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: options.region,
    eventTime: change.eventTime,
    eventName: change.eventName,
    userIdentity: { principalId: options.principalId ?? 'AWS:AIDALOCALSTACKUSER' },
    requestParameters: { sourceIPAddress: options.sourceIp ?? '127.0.0.1' },
    responseElements: {
      'x-amz-request-id': requestId(),
      'x-amz-id-2': randomBytes(48).toString('base64'),
    },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: options.configurationId,
      bucket: {
        name: change.bucket,
        ownerIdentity: { principalId: 'A3LOCALOWNER' },
        arn: `arn:aws:s3:::${change.bucket}`,
      },
      object,
    },
  };
}

/** The message body S3 sends to a queue: one record per message. */
export function notificationBody(record: S3EventRecordShape): string {
  return JSON.stringify({ Records: [record] });
}

/** The message S3 sends to each destination when a notification configuration is set. */
export function testEventBody(bucket: string, eventTime: string): string {
  return JSON.stringify({
    Service: 'Amazon S3',
    Event: 's3:TestEvent',
    Time: eventTime,
    Bucket: bucket,
    RequestId: requestId(),
    HostId: randomBytes(48).toString('base64'),
  });
}
