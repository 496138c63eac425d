import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '#local/stack.ts';
import { fixtureAssembly } from './support.ts';

/**
 * The harness itself, on a small hand-made template (test/fixtures/local/template.json): prefix
 * and suffix filters, the template's environment resolved, partial batch failures, and redrive to
 * the dead-letter queue after maxReceiveCount. DynamoDB is dynalite here, the fallback without Java.
 */

const HANDLER = `
import { appendFileSync } from 'node:fs';
const seen = new URL('./seen.jsonl', import.meta.url);
const env = { TABLE_NAME: process.env.TABLE_NAME, BUCKET: process.env.BUCKET, QUEUE_URL: process.env.QUEUE_URL, WHERE: process.env.WHERE, S3: process.env.AWS_ENDPOINT_URL_S3 };
export const handler = async (event) => {
  const batchItemFailures = [];
  for (const record of event.Records) {
    const body = JSON.parse(record.body);
    const key = body.Event === 's3:TestEvent' ? 'TEST' : body.Records[0].s3.object.key;
    appendFileSync(seen, JSON.stringify({ key, receive: record.attributes.ApproximateReceiveCount, env }) + '\\n');
    if (key.includes('fail')) batchItemFailures.push({ itemIdentifier: record.messageId });
  }
  return { batchItemFailures };
};
`;

let dir: string;
let stack: LocalStack;
const seen = () =>
  readFileSync(join(dir, 'asset.abc', 'seen.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { key: string; receive: string; env: Record<string, string> });

const until = async (check: () => Promise<boolean> | boolean, timeoutMs = 20_000) => {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
};

beforeAll(async () => {
  dir = await fixtureAssembly(HANDLER);
  writeFileSync(join(dir, 'asset.abc', 'seen.jsonl'), '');
  stack = await startLocalStack({
    cdkOut: dir,
    dynamo: 'dynalite',
    visibilityTimeoutS: 1,
    region: 'eu-west-1',
  });
});

afterAll(async () => {
  await stack?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('local stack harness on a hand-made template', () => {
  it('runs the function with the resolved environment and skips nothing but filtered keys', async () => {
    await stack.put('in/ok file.txt', 'hello');
    await stack.put('out/ignored.txt', 'not under the prefix');
    await stack.put('in/ignored.json', 'not the suffix');
    await until(() => seen().some((s) => s.key === 'in/ok+file.txt'));
    await new Promise((r) => setTimeout(r, 500));
    const keys = seen().map((s) => s.key);
    expect(keys).toContain('TEST');
    expect(keys.filter((k) => k.includes('ignored'))).toEqual([]);
    const env = seen()[0]?.env;
    expect(env).toEqual({
      TABLE_NAME: 'demo-dev-Table1',
      BUCKET: 'demo-dev-uploads',
      QUEUE_URL: stack.queueUrl,
      WHERE: `eu-west-1/000000000000/demo-dev-uploads/demo-dev-Dead/$\{Literal}`,
      S3: stack.endpoints.s3,
    });
  });

  it('leaves a failed record for redelivery and moves it to the DLQ after maxReceiveCount', async () => {
    await stack.put('in/fail.txt', 'this one fails');
    const dlqUrl = stack.dlqUrl as string;
    await until(async () => (await stack.queueDepth(dlqUrl)) > 0, 30_000);
    const receives = seen()
      .filter((s) => s.key === 'in/fail.txt')
      .map((s) => s.receive);
    expect(receives).toEqual(['1', '2', '3']); // maxReceiveCount of the template
    const out = await stack.sqs.send(
      new ReceiveMessageCommand({ QueueUrl: dlqUrl, MaxNumberOfMessages: 10 }),
    );
    const body = JSON.parse(out.Messages?.[0]?.Body ?? '{}') as {
      Records: { s3: { object: { key: string } } }[];
    };
    expect(body.Records[0]?.s3.object.key).toBe('in/fail.txt');
    expect(stack.pollers[0]?.stats.failed).toBe(3);
  });

  it('deletes become ObjectRemoved events routed by the unfiltered rule', async () => {
    await stack.delete('out/ignored.txt');
    await until(() => seen().some((s) => s.key === 'out/ignored.txt'));
  });
});
