import {
  GetObjectCommand,
  type GetObjectCommandOutput,
  NoSuchKey,
  type S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { UnusableContentError } from '#core/errors.ts';
import { ObjectGoneError } from '#ingest/errors.ts';
import type { FetchedObject, ObjectRef, ObjectSource } from '#ingest/ports.ts';

/** Reads article objects from S3, refusing bodies over the size cap without downloading them. */
export class S3ObjectSource implements ObjectSource {
  constructor(private readonly client: S3Client) {}

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
      if (error instanceof NoSuchKey || isGone(error)) {
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
}

function isGone(error: unknown): boolean {
  if (!(error instanceof S3ServiceException)) return false;
  return (
    ['NoSuchKey', 'NoSuchVersion', 'NotFound'].includes(error.name) || error.$metadata.httpStatusCode === 404
  );
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
