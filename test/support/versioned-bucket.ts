import type { S3EventRecord } from 'aws-lambda';
import { ObjectGoneError } from '#ingest/errors.ts';
import type { CurrentVersion, FetchedObject, ObjectEvent, ObjectRef, ObjectSource } from '#ingest/ports.ts';
import { parseSqsRecord } from '../../functions/handlers/s3-records.ts';

interface Version {
  readonly versionId: string;
  readonly body?: Uint8Array;
  readonly deleteMarker?: boolean;
}

/**
 * An S3 bucket with versioning enabled, in memory, with S3's documented semantics: a PUT adds a
 * version on top; a DELETE without a version id adds a delete marker on top
 * (`ObjectRemoved:DeleteMarkerCreated`); a DELETE with a version id removes that version or
 * marker for good (`ObjectRemoved:Delete`), and whatever is then on top is current. Every change
 * returns the S3 event record S3 would send (event structure 2.1, URL-encoded key, increasing
 * hexadecimal sequencer), decoded by the handler's own parser.
 */
export class VersionedBucket implements ObjectSource {
  private readonly versions = new Map<string, Version[]>();
  private sequencer = 0x5500_0000_0000n;
  private nextVersion = 0;
  fetched = 0;

  constructor(readonly name = 'articles') {}

  put(key: string, body: string | Uint8Array): ObjectEvent {
    const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
    const version: Version = { versionId: this.newVersionId(), body: bytes };
    this.stack(key).push(version);
    return this.event('ObjectCreated:Put', key, version.versionId, bytes.length);
  }

  /** DeleteObject without a version id: a delete marker on top. */
  delete(key: string): ObjectEvent {
    const marker: Version = { versionId: this.newVersionId(), deleteMarker: true };
    this.stack(key).push(marker);
    return this.event('ObjectRemoved:DeleteMarkerCreated', key, marker.versionId);
  }

  /** DeleteObject with a version id: that version (or delete marker) is gone for good. */
  deleteVersion(key: string, versionId: string): ObjectEvent {
    const list = this.stack(key);
    const at = list.findIndex((v) => v.versionId === versionId);
    if (at < 0) throw new Error(`no version ${versionId} of ${key}`);
    list.splice(at, 1);
    return this.event('ObjectRemoved:Delete', key, versionId);
  }

  /** What a GET without a version id returns now: the text, or undefined when deleted. */
  currentText(key: string): string | undefined {
    const top = this.stack(key).at(-1);
    return top?.body ? new TextDecoder().decode(top.body) : undefined;
  }

  versionIds(key: string): string[] {
    return this.stack(key).map((v) => v.versionId);
  }

  async fetch(ref: ObjectRef): Promise<FetchedObject> {
    this.fetched++;
    const list = this.stack(ref.key);
    const version = ref.versionId ? list.find((v) => v.versionId === ref.versionId) : list.at(-1);
    if (!version?.body) throw new ObjectGoneError('no such version');
    return { bytes: version.body, versionId: version.versionId };
  }

  async current(ref: ObjectRef): Promise<CurrentVersion | undefined> {
    const top = this.stack(ref.key).at(-1);
    if (!top?.body) return undefined;
    return { versionId: top.versionId, size: top.body.length };
  }

  private stack(key: string): Version[] {
    let list = this.versions.get(key);
    if (!list) {
      list = [];
      this.versions.set(key, list);
    }
    return list;
  }

  private newVersionId(): string {
    return `v${String(++this.nextVersion).padStart(4, '0')}.${'x'.repeat(27)}`;
  }

  private event(eventName: string, key: string, versionId: string, size?: number): ObjectEvent {
    this.sequencer += 1n;
    const record = {
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: 'eu-west-1',
      eventTime: '2026-11-27T10:00:00.000Z',
      eventName,
      userIdentity: { principalId: 'AWS:EXAMPLE' },
      requestParameters: { sourceIPAddress: '192.0.2.1' },
      responseElements: { 'x-amz-request-id': 'EXAMPLE', 'x-amz-id-2': 'EXAMPLE' },
      s3: {
        s3SchemaVersion: '1.0',
        configurationId: 'ingest',
        bucket: {
          name: this.name,
          ownerIdentity: { principalId: 'EXAMPLE' },
          arn: `arn:aws:s3:::${this.name}`,
        },
        object: {
          key: encodeURIComponent(key).replace(/%20/g, '+').replace(/%2F/g, '/'),
          ...(size !== undefined ? { size, eTag: `etag${this.sequencer}` } : {}),
          versionId,
          sequencer: this.sequencer.toString(16).toUpperCase().padStart(18, '0'),
        },
      },
    } as unknown as S3EventRecord;
    const parsed = parseSqsRecord({ body: JSON.stringify({ Records: [record] }) });
    if (parsed.kind !== 'events' || parsed.events.length !== 1)
      throw new Error(`the handler did not read the ${eventName} record`);
    return parsed.events[0] as ObjectEvent;
  }
}
