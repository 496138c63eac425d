import { NewsIngestError } from '#core/errors.ts';

export interface HandlerConfig {
  readonly tableName: string;
  readonly bucketName: string;
  readonly maxObjectBytes: number;
  readonly maxDecompressedBytes: number;
  /** Characters of an article body handed to extraction; the rest is not extracted (flagged). */
  readonly maxExtractChars: number;
  /** No record is started with less time left than this (ms): the longest a record may take. */
  readonly deadlineReserveMs: number;
  readonly stage: string;
}

/** Defaults when the stack does not set them (it always does); see docs/reliability.md. */
export const DEFAULT_MAX_EXTRACT_CHARS = 200_000;
export const DEFAULT_DEADLINE_RESERVE_MS = 30_000;

/** The one place the function reads its environment; fails fast with a clear message. */
export function readConfig(env: Record<string, string | undefined>): HandlerConfig {
  const missing = ['TABLE_NAME', 'BUCKET_NAME'].filter((n) => !env[n]);
  if (missing.length) throw new NewsIngestError(`missing environment variables: ${missing.join(', ')}`);
  return {
    tableName: env.TABLE_NAME as string,
    bucketName: env.BUCKET_NAME as string,
    maxObjectBytes: positiveInt(env, 'MAX_OBJECT_BYTES', 10 * 1024 * 1024),
    maxDecompressedBytes: positiveInt(env, 'MAX_DECOMPRESSED_BYTES', 20 * 1024 * 1024),
    maxExtractChars: positiveInt(env, 'MAX_EXTRACT_CHARS', DEFAULT_MAX_EXTRACT_CHARS),
    deadlineReserveMs: positiveInt(env, 'DEADLINE_RESERVE_MS', DEFAULT_DEADLINE_RESERVE_MS),
    stage: env.STAGE ?? 'dev',
  };
}

function positiveInt(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0)
    throw new NewsIngestError(`${name} must be a positive integer, got ${JSON.stringify(raw)}`);
  return n;
}
