import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareSequencers } from '#ingest/sequencer.ts';
import { type S3SqsEmulator, startS3Sqs } from '#local/emulators/s3-sqs.ts';
import type { ObjectChange } from '#local/s3-events.ts';

let emulator: S3SqsEmulator;
let s3: S3Client;
const changes: ObjectChange[] = [];

beforeAll(async () => {
  emulator = await startS3Sqs({ region: 'eu-west-1' });
  emulator.createBucket('versioned-bucket', { versioned: true });
  emulator.createBucket('plain-bucket');
  emulator.onChange((c) => changes.push(c));
  s3 = new S3Client({
    endpoint: emulator.endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  });
});

afterAll(async () => {
  s3?.destroy();
  await emulator?.stop();
});

describe('S3 emulation with notifications and versions', () => {
  const text = async (key: string, versionId?: string) => {
    const out = await s3.send(
      new GetObjectCommand({
        Bucket: 'versioned-bucket',
        Key: key,
        ...(versionId ? { VersionId: versionId } : {}),
      }),
    );
    return out.Body?.transformToString();
  };
  const gone = (key: string) =>
    expect(s3.send(new HeadObjectCommand({ Bucket: 'versioned-bucket', Key: key }))).rejects.toMatchObject({
      $metadata: { httpStatusCode: 404 },
    });

  it('keeps the other versions when a version is deleted by id, and notifies ObjectRemoved:Delete', async () => {
    changes.length = 0;
    const key = 'versions/keep.txt';
    const v1 = await s3.send(new PutObjectCommand({ Bucket: 'versioned-bucket', Key: key, Body: 'one' }));
    const v2 = await s3.send(new PutObjectCommand({ Bucket: 'versioned-bucket', Key: key, Body: 'two' }));
    const removed = await s3.send(
      new DeleteObjectCommand({ Bucket: 'versioned-bucket', Key: key, VersionId: v1.VersionId }),
    );
    expect(removed.VersionId).toBe(v1.VersionId);
    expect(removed.DeleteMarker).toBeUndefined();
    // the non-current version is gone, the current one untouched
    expect(await text(key)).toBe('two');
    expect(await text(key, v2.VersionId)).toBe('two');
    await expect(
      s3.send(new GetObjectCommand({ Bucket: 'versioned-bucket', Key: key, VersionId: v1.VersionId })),
    ).rejects.toMatchObject({ name: 'NoSuchVersion' });
    const last = changes.at(-1);
    expect(last).toMatchObject({ eventName: 'ObjectRemoved:Delete', key, versionId: v1.VersionId });
    expect(last?.size).toBeUndefined();
    expect(last?.eTag).toBeUndefined();
    expect(compareSequencers(changes[1]?.sequencer as string, last?.sequencer as string)).toBe(-1);
  });

  it('serves the version below when the latest is deleted by id, and nothing when none is left', async () => {
    const key = 'versions/latest.txt';
    const v1 = await s3.send(new PutObjectCommand({ Bucket: 'versioned-bucket', Key: key, Body: 'old' }));
    const v2 = await s3.send(new PutObjectCommand({ Bucket: 'versioned-bucket', Key: key, Body: 'new' }));
    await s3.send(new DeleteObjectCommand({ Bucket: 'versioned-bucket', Key: key, VersionId: v2.VersionId }));
    expect(await text(key)).toBe('old');
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'versioned-bucket', Key: key }));
    expect(head.VersionId).toBe(v1.VersionId);
    await s3.send(new DeleteObjectCommand({ Bucket: 'versioned-bucket', Key: key, VersionId: v1.VersionId }));
    await gone(key);
  });

  it('restores the object when its delete marker is deleted by id', async () => {
    changes.length = 0;
    const key = 'versions/marker.txt';
    const v1 = await s3.send(new PutObjectCommand({ Bucket: 'versioned-bucket', Key: key, Body: 'back' }));
    const marker = await s3.send(new DeleteObjectCommand({ Bucket: 'versioned-bucket', Key: key }));
    expect(marker.DeleteMarker).toBe(true);
    await gone(key);
    const removal = await s3.send(
      new DeleteObjectCommand({ Bucket: 'versioned-bucket', Key: key, VersionId: marker.VersionId }),
    );
    expect(removal.DeleteMarker).toBe(true);
    expect(await text(key)).toBe('back');
    expect((await s3.send(new HeadObjectCommand({ Bucket: 'versioned-bucket', Key: key }))).VersionId).toBe(
      v1.VersionId,
    );
    expect(changes.map((c) => [c.eventName, c.versionId])).toEqual([
      ['ObjectCreated:Put', v1.VersionId],
      ['ObjectRemoved:DeleteMarkerCreated', marker.VersionId],
      ['ObjectRemoved:Delete', marker.VersionId],
    ]);
  });

  it('reports every write with a versionId, an eTag, a size and increasing sequencers', async () => {
    changes.length = 0;
    const key = 'a dir/über+1%.txt';
    const v1 = await s3.send(new PutObjectCommand({ Bucket: 'versioned-bucket', Key: key, Body: 'first' }));
    const v2 = await s3.send(new PutObjectCommand({ Bucket: 'versioned-bucket', Key: key, Body: 'second!' }));
    expect(changes.map((c) => [c.eventName, c.key, c.size])).toEqual([
      ['ObjectCreated:Put', key, 5],
      ['ObjectCreated:Put', key, 7],
    ]);
    expect(v1.VersionId).toBe(changes[0]?.versionId);
    expect(v2.VersionId).toBe(changes[1]?.versionId);
    expect(changes[0]?.eTag).toMatch(/^[0-9a-f]{32}$/);
    expect(compareSequencers(changes[0]?.sequencer as string, changes[1]?.sequencer as string)).toBe(-1);

    // each version stays readable by its id, the current one by default
    const old = await s3.send(
      new GetObjectCommand({ Bucket: 'versioned-bucket', Key: key, VersionId: v1.VersionId }),
    );
    expect(await old.Body?.transformToString()).toBe('first');
    expect(old.VersionId).toBe(v1.VersionId);
    const current = await s3.send(new GetObjectCommand({ Bucket: 'versioned-bucket', Key: key }));
    expect(await current.Body?.transformToString()).toBe('second!');
    await expect(
      s3.send(new GetObjectCommand({ Bucket: 'versioned-bucket', Key: key, VersionId: 'no-such-version' })),
    ).rejects.toMatchObject({ name: 'NoSuchVersion' });
  });

  it('turns a delete into a delete marker on a versioned bucket, a plain delete elsewhere', async () => {
    changes.length = 0;
    await s3.send(new PutObjectCommand({ Bucket: 'plain-bucket', Key: 'k.txt', Body: 'x' }));
    await s3.send(new DeleteObjectCommand({ Bucket: 'plain-bucket', Key: 'k.txt' }));
    await s3.send(new DeleteObjectCommand({ Bucket: 'plain-bucket', Key: 'never-existed.txt' }));
    await s3.send(new PutObjectCommand({ Bucket: 'versioned-bucket', Key: 'k.txt', Body: 'x' }));
    const del = await s3.send(new DeleteObjectCommand({ Bucket: 'versioned-bucket', Key: 'k.txt' }));
    expect(changes.map((c) => c.eventName)).toEqual([
      'ObjectCreated:Put',
      'ObjectRemoved:Delete',
      'ObjectCreated:Put',
      'ObjectRemoved:DeleteMarkerCreated',
    ]);
    expect(changes[0]?.versionId).toBeUndefined();
    expect(changes[3]?.versionId).toBe(del.VersionId);
    expect(changes[3]?.size).toBeUndefined();
  });

  it('keeps the Content-Encoding of an upload, as S3 does', async () => {
    const { gzipSync } = await import('node:zlib');
    await s3.send(
      new PutObjectCommand({
        Bucket: 'plain-bucket',
        Key: 'z.txt',
        Body: gzipSync('zipped'),
        ContentEncoding: 'gzip',
      }),
    );
    const got = await s3.send(new GetObjectCommand({ Bucket: 'plain-bucket', Key: 'z.txt' }));
    expect(got.ContentEncoding).toBe('gzip');
    await s3.send(new PutObjectCommand({ Bucket: 'plain-bucket', Key: 'z.txt', Body: 'plain' }));
    expect(
      (await s3.send(new GetObjectCommand({ Bucket: 'plain-bucket', Key: 'z.txt' }))).ContentEncoding,
    ).toBeUndefined();
  });

  it('reports a multipart upload once, with the multipart eTag', async () => {
    changes.length = 0;
    const part = Buffer.alloc(5 * 1024 * 1024, 'a');
    const { UploadId } = await s3.send(
      new CreateMultipartUploadCommand({ Bucket: 'plain-bucket', Key: 'big.txt' }),
    );
    const p1 = await s3.send(
      new UploadPartCommand({ Bucket: 'plain-bucket', Key: 'big.txt', UploadId, PartNumber: 1, Body: part }),
    );
    const p2 = await s3.send(
      new UploadPartCommand({
        Bucket: 'plain-bucket',
        Key: 'big.txt',
        UploadId,
        PartNumber: 2,
        Body: 'tail',
      }),
    );
    await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: 'plain-bucket',
        Key: 'big.txt',
        UploadId,
        MultipartUpload: {
          Parts: [
            { PartNumber: 1, ETag: p1.ETag },
            { PartNumber: 2, ETag: p2.ETag },
          ],
        },
      }),
    );
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({
      eventName: 'ObjectCreated:CompleteMultipartUpload',
      key: 'big.txt',
      size: part.length + 4,
    });
    expect(changes[0]?.eTag).toMatch(/^[0-9a-f]{32}-2$/);
  });
});
