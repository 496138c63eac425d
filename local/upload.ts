import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  type S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';

/**
 * Uploads to the local S3 as a client uploads to S3: one PutObject up to `SINGLE_PUT_MAX_BYTES`,
 * a multipart upload above it (the emulator takes at most 11 MiB in one request, and S3 itself
 * 5 GiB), so that an object of any size arrives whole and the function sees its real size.
 */

export const SINGLE_PUT_MAX_BYTES = 8 * 1024 * 1024;
/** Parts of a multipart upload (S3's minimum is 5 MiB, but for the last part). */
export const PART_BYTES = 8 * 1024 * 1024;

export interface UploadParams {
  readonly bucket: string;
  readonly key: string;
  readonly body: Uint8Array;
  readonly contentType?: string;
  readonly contentEncoding?: string;
}

export async function uploadObject(s3: S3Client, p: UploadParams): Promise<void> {
  const meta = {
    Bucket: p.bucket,
    Key: p.key,
    ...(p.contentType ? { ContentType: p.contentType } : {}),
    ...(p.contentEncoding ? { ContentEncoding: p.contentEncoding } : {}),
  };
  if (p.body.length <= SINGLE_PUT_MAX_BYTES) {
    await s3.send(new PutObjectCommand({ ...meta, Body: p.body }));
    return;
  }
  const { UploadId } = await s3.send(new CreateMultipartUploadCommand(meta));
  if (!UploadId) throw new Error(`no upload id for a multipart upload of ${p.key}`);
  try {
    const parts: { PartNumber: number; ETag: string }[] = [];
    for (let offset = 0, n = 1; offset < p.body.length; offset += PART_BYTES, n++) {
      const { ETag } = await s3.send(
        new UploadPartCommand({
          Bucket: p.bucket,
          Key: p.key,
          UploadId,
          PartNumber: n,
          Body: p.body.subarray(offset, offset + PART_BYTES),
        }),
      );
      parts.push({ PartNumber: n, ETag: ETag ?? '' });
    }
    await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: p.bucket,
        Key: p.key,
        UploadId,
        MultipartUpload: { Parts: parts },
      }),
    );
  } catch (error) {
    await s3
      .send(new AbortMultipartUploadCommand({ Bucket: p.bucket, Key: p.key, UploadId }))
      .catch(() => {});
    throw error;
  }
}
