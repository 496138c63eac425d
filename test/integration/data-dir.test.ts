import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack } from '#local/stack.ts';
import { fixtureAssembly } from './support.ts';

let assembly: string;
let dataDir: string;

beforeAll(async () => {
  assembly = await fixtureAssembly('export const handler = async () => ({ batchItemFailures: [] });');
  dataDir = mkdtempSync(join(tmpdir(), 'local-stack-data-'));
});

afterAll(() => {
  for (const d of [assembly, dataDir]) if (d) rmSync(d, { recursive: true, force: true });
});

describe('local stack with a data directory', () => {
  it('finds its table and objects again after a restart, with versions and without new events', async () => {
    const options = { cdkOut: assembly, dataDir, dynamo: 'dynalite' as const, warm: false };
    const first = await startLocalStack(options);
    let versionId: string | undefined;
    try {
      const change = await first.put('in/kept file.txt', 'kept across restarts', {
        contentType: 'text/plain',
      });
      versionId = change.versionId;
      await first.put('in/gone.txt', 'deleted before the restart');
      await first.delete('in/gone.txt');
    } finally {
      await first.stop();
    }

    const second = await startLocalStack(options);
    try {
      expect((await second.dynamodb.send(new ListTablesCommand({}))).TableNames).toContain(second.table);
      const got = await second.s3.send(
        new GetObjectCommand({ Bucket: second.bucket, Key: 'in/kept file.txt', VersionId: versionId }),
      );
      expect(await got.Body?.transformToString()).toBe('kept across restarts');
      expect(got.ContentType).toBe('text/plain');
      expect(got.VersionId).toBe(versionId);
      await expect(
        second.s3.send(new HeadObjectCommand({ Bucket: second.bucket, Key: 'in/gone.txt' })),
      ).rejects.toThrow();
      // restoring is not an upload: only the start-up s3:TestEvent is queued
      await second.flushNotifications();
      expect(await second.queueDepth(second.queueUrl)).toBeLessThanOrEqual(1);
    } finally {
      await second.stop();
    }
  });
});
