import { NewsIngestError } from '#core/errors.ts';

export interface HandlerConfig {
  readonly tableName: string;
  readonly bucketName: string;
  readonly maxObjectBytes: number;
  readonly maxDecompressedBytes: number;
  readonly stage: string;
}

/** The one place the function reads its environment; fails fast with a clear message. */
export function readConfig(env: Record<string, string | undefined>): HandlerConfig {
  const missing = ['TABLE_NAME', 'BUCKET_NAME'].filter((n) => !env[n]);
  if (missing.length) throw new NewsIngestError(`missing environment variables: ${missing.join(', ')}`);
  return {
    tableName: env.TABLE_NAME as string,
    bucketName: env.BUCKET_NAME as string,
    maxObjectBytes: positiveInt(env, 'MAX_OBJECT_BYTES', 10 * 1024 * 1024),
    maxDecompressedBytes: positiveInt(env, 'MAX_DECOMPRESSED_BYTES', 20 * 1024 * 1024),
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
