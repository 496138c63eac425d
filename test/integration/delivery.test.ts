import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#local/stack.ts';
import { eventTracker, passed, runLoad } from '../load/harness.ts';
import { startProjectStack } from './support.ts';

/**
 * Delivery semantics through the whole local stack (S3 notifications, SQS with partial batch
 * failures and redrive, the bundled function, DynamoDB Local): a small concurrent burst of
 * uploads, overwrites, deletes and bad files, with duplicated notifications, older notifications
 * delivered late, and consumers that crash after receiving. The table must end exactly right.
 * `npm run test:load` runs the same harness at full size.
 */

let stack: LocalStack | undefined;
const tracker = eventTracker();

beforeAll(async () => {
  stack = await startProjectStack({ onBatch: tracker.onBatch, visibilityTimeoutS: 2, concurrency: 3 });
});

afterAll(async () => {
  await stack?.stop();
});

describe('delivery through the local stack', () => {
  it('duplicates, reordering and consumer crashes leave nothing lost, corrupted or stale', async () => {
    if (!stack) throw new Error('the local stack did not start');
    const { figures, problems } = await runLoad(stack, tracker, {
      uploads: 40,
      overwrites: 10,
      deletes: 8,
      noncurrentDeletes: 4,
      markerRemovals: 3,
      bad: 7,
      clients: 8,
      duplicateRate: 0.5,
      timeoutS: 240,
    });
    expect(problems).toEqual([]);
    // 40 uploads, 8 deleted of which 3 restored by removing their delete marker
    expect(figures).toMatchObject({ expected: 35, present: 35, lost: 0, corrupted: 0, stale: 0 });
    expect(figures).toMatchObject({
      noncurrentDeletes: 4,
      markerRemovals: 3,
      s3Changes: 40 + 10 + 8 + 4 + 3 + 7,
    });
    expect(figures.failureItems).toBe(7);
    expect(figures.dlq).toBe(0);
    expect(figures.duplicatesInjected).toBeGreaterThan(10);
    expect(figures.reordered).toBe(18);
    expect(passed(figures)).toBe(true);
  });
});
