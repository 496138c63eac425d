import {
  GetObjectCommand,
  type GetObjectCommandOutput,
  HeadObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  type S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { UnusableContentError } from '#core/errors.ts';
import { ObjectGoneError } from '#ingest/errors.ts';
import type { CurrentVersion, FetchedObject, ObjectRef, ObjectSource } from '#ingest/ports.ts';

/**
 * Reads article objects from S3, refusing bodies over the size cap without downloading them.
 *
 * A missing key or version is "gone", whichever way S3 says it: 404 (`NoSuchKey`,
 * `NoSuchVersion`) when the caller may list the bucket, 403 when it may not (S3 hides whether
 * the key exists), 405 for a version that is a delete marker. A 403 is taken as gone only when
 * a listing confirms the key is absent; for an object that exists it is a real denial and is
 * thrown, so the message is retried and ends in the dead-letter queue where someone sees it.
 */
export class S3ObjectSource implements ObjectSource {
  constructor(private readonly client: S3Client) {}

  async current(ref: ObjectRef): Promise<CurrentVersion | undefined> {
    try {
      const out = await this.client.send(new HeadObjectCommand({ Bucket: ref.bucket, Key: ref.key }));
      if (out.DeleteMarker) return undefined;
      return {
        ...(out.VersionId && out.VersionId !== 'null' ? { versionId: out.VersionId } : {}),
        ...(out.ETag ? { eTag: out.ETag.replace(/"/g, '') } : {}),
        ...(out.ContentLength !== undefined ? { size: out.ContentLength } : {}),
      };
    } catch (error) {
      if (await this.isGone(error, ref)) return undefined;
      throw error;
    }
  }

  async fetch(ref: ObjectRef, maxBytes: number): Promise<FetchedObject> {
    let out: GetObjectCommandOutput;
    try {
      out = await this.client.send(
        new GetObjectCommand({
          Bucket: ref.bucket,
          Key: ref.key,
          ...(ref.versionId ? { VersionId: ref.versionId } : {}),
        }),
      );
    } catch (error) {
      if (await this.isGone(error, ref)) {
        throw new ObjectGoneError(`object ${ref.versionId ? 'version ' : ''}no longer exists`, {
          cause: error,
        });
      }
      throw error;
    }
    const length = out.ContentLength;
    if (length !== undefined && length > maxBytes) {
      out.Body?.transformToWebStream()
        .cancel()
        .catch(() => {});
      throw new UnusableContentError(
        'TOO_LARGE',
        `object is ${length} bytes, over the ${maxBytes}-byte limit`,
      );
    }
    const bytes = await readCapped(out.Body, maxBytes);
    return {
      bytes,
      ...(out.ContentType ? { contentType: out.ContentType } : {}),
      ...(out.ContentEncoding ? { contentEncoding: out.ContentEncoding } : {}),
      ...(out.ETag ? { eTag: out.ETag.replace(/"/g, '') } : {}),
      ...(out.VersionId ? { versionId: out.VersionId } : {}),
    };
  }

  /** Whether an error of a read of `ref` means that the key (or the version) does not exist. */
  private async isGone(error: unknown, ref: ObjectRef): Promise<boolean> {
    if (error instanceof NoSuchKey) return true;
    if (!(error instanceof S3ServiceException)) return false;
    const status = error.$metadata.httpStatusCode;
    if (['NoSuchKey', 'NoSuchVersion', 'NotFound'].includes(error.name) || status === 404) return true;
    // GET of a version that is a delete marker
    if (status === 405 && ref.versionId) return true;
    if (status !== 403 && error.name !== 'AccessDenied' && error.name !== 'Forbidden') return false;
    // without s3:ListBucket S3 answers 403 for a missing key: ask the listing
    const listed = await this.client.send(
      new ListObjectsV2Command({ Bucket: ref.bucket, Prefix: ref.key, MaxKeys: 1 }),
    );
    return listed.Contents?.[0]?.Key !== ref.key;
  }
}

/** Reads a body stream, stopping as soon as it passes the cap (the length header may be missing). */
async function readCapped(
  body: { transformToWebStream(): ReadableStream<Uint8Array> } | undefined,
  maxBytes: number,
): Promise<Uint8Array> {
  if (!body) return new Uint8Array(0);
  const reader = body.transformToWebStream().getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new UnusableContentError('TOO_LARGE', `object is over the ${maxBytes}-byte limit`);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.byteLength;
  }
  return bytes;
}
