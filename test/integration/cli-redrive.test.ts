import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { sqsClient } from '../../functions/adapters/aws/clients.ts';
import { command, redrive, redriveNative } from '../../functions/cli/commands/redrive.ts';
import { type S3SqsEmulator, startS3Sqs } from '../../local/emulators/s3-sqs.ts';

/** `news-ingest redrive` against fauxqs (SQS emulator, in process): nothing lost, send before delete. */

let emulator: S3SqsEmulator;
let sqs: SQSClient;
let run = 0;
let queue: string;
let dlq: string;

const body = (i: number) =>
  JSON.stringify({
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        eventName: 'ObjectCreated:Put',
        eventTime: '2026-11-27T10:00:00.000Z',
        s3: {
          bucket: { name: 'articles' },
          object: { key: `k${i}.txt`, size: 10, sequencer: `00${i.toString(16).padStart(4, '0')}` },
        },
      },
    ],
  });

async function drain(url: string): Promise<string[]> {
  const out: string[] = [];
  for (;;) {
    const r = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
    );
    if (!r.Messages?.length) return out;
    out.push(...r.Messages.map((m) => m.Body ?? ''));
    await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: url,
        Entries: r.Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle ?? '' })),
      }),
    );
  }
}

async function visible(url: string): Promise<number> {
  const a = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] }),
  );
  return Number(a.Attributes?.ApproximateNumberOfMessages);
}

async function fillDlq(n: number): Promise<string[]> {
  const bodies = Array.from({ length: n }, (_, i) => body(i));
  for (const b of bodies) await sqs.send(new SendMessageCommand({ QueueUrl: dlq, MessageBody: b }));
  return bodies;
}

/** A client whose calls of one command class behave differently (fault injection). */
function wrap(
  inner: SQSClient,
  intercept: (command: object, send: () => Promise<unknown>) => Promise<unknown>,
): SQSClient {
  return { send: (c: object) => intercept(c, () => inner.send(c as never)) } as unknown as SQSClient;
}

beforeAll(async () => {
  emulator = await startS3Sqs({ region: 'us-east-1' });
  sqs = sqsClient({ endpoint: emulator.endpoint, region: 'us-east-1' });
});

afterAll(async () => {
  sqs?.destroy();
  await emulator?.stop();
});

beforeEach(async () => {
  run++;
  queue = (await sqs.send(new CreateQueueCommand({ QueueName: `ingest-${run}` }))).QueueUrl as string;
  dlq = (await sqs.send(new CreateQueueCommand({ QueueName: `ingest-dlq-${run}` }))).QueueUrl as string;
});

describe('redrive', () => {
  it('moves every message, in parts with --max, and a dry run changes nothing', async () => {
    const bodies = await fillDlq(25);
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: dlq,
        MessageBody: body(99),
        MessageAttributes: { origin: { DataType: 'String', StringValue: 'test' } },
      }),
    );
    bodies.push(body(99));

    const dry = await redrive(sqs, { dlq, queue, dryRun: true, waitSeconds: 0 });
    expect(dry.listed).toHaveLength(26);
    expect(dry.listed[0]?.events).toEqual(['created s3://articles/k0.txt']);
    expect(dry.moved).toBe(0);
    expect(await visible(dlq)).toBe(26);
    expect(await visible(queue)).toBe(0);

    const first = await redrive(sqs, { dlq, queue, max: 7, waitSeconds: 0 });
    expect(first).toMatchObject({ moved: 7, sendFailed: 0, deleteFailed: 0 });
    expect(await visible(queue)).toBe(7);
    expect(await visible(dlq)).toBe(19);

    const rest = await redrive(sqs, { dlq, queue, waitSeconds: 0 });
    expect(rest.moved).toBe(19);
    expect(await visible(dlq)).toBe(0);

    const withAttribute = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queue, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'] }),
    );
    const tagged = (withAttribute.Messages ?? []).concat(
      (
        await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: queue,
            MaxNumberOfMessages: 10,
            MessageAttributeNames: ['All'],
          }),
        )
      ).Messages ?? [],
      (
        await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: queue,
            MaxNumberOfMessages: 10,
            MessageAttributeNames: ['All'],
          }),
        )
      ).Messages ?? [],
    );
    expect(tagged).toHaveLength(26);
    expect(tagged.map((m) => m.Body).sort()).toEqual([...bodies].sort());
    expect(tagged.find((m) => m.Body === body(99))?.MessageAttributes?.origin?.StringValue).toBe('test');
  });

  it('leaves in the DLQ what the ingest queue refused, and loses nothing', async () => {
    const bodies = await fillDlq(23);
    let calls = 0;
    const flaky = wrap(sqs, async (c, send) => {
      if (!(c instanceof SendMessageBatchCommand)) return send();
      calls++;
      if (calls !== 2) return send();
      // the second batch: the queue accepts only its first 4 entries
      const entries = c.input.Entries ?? [];
      const accepted = new SendMessageBatchCommand({ ...c.input, Entries: entries.slice(0, 4) });
      const out = (await sqs.send(accepted)) as { Successful?: unknown[] };
      return {
        ...out,
        Failed: entries
          .slice(4)
          .map((e) => ({ Id: e.Id, Code: 'InternalError', SenderFault: false, Message: 'injected' })),
      };
    });
    const summary = await redrive(flaky, { dlq, queue, visibilitySeconds: 30, waitSeconds: 0 });
    expect(summary).toMatchObject({ moved: 17, sendFailed: 6, deleteFailed: 0 });
    expect(await visible(queue)).toBe(17);
    const moved = await drain(queue);
    // the refused ones are hidden for the visibility timeout, then back in the DLQ
    const attrs = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: dlq,
        AttributeNames: ['ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessages'],
      }),
    );
    const left =
      Number(attrs.Attributes?.ApproximateNumberOfMessages) +
      Number(attrs.Attributes?.ApproximateNumberOfMessagesNotVisible);
    expect(left).toBe(6);
    expect(moved.length + left).toBe(bodies.length);
  });

  it('a crash between send and delete duplicates a message, never loses it', async () => {
    const bodies = await fillDlq(12);
    const crashing = wrap(sqs, async (c, send) => {
      if (c instanceof DeleteMessageBatchCommand) throw new Error('injected crash before delete');
      return send();
    });
    await expect(redrive(crashing, { dlq, queue, visibilitySeconds: 1, waitSeconds: 0 })).rejects.toThrow(
      'injected crash',
    );
    // the first batch of 10 was sent, not deleted: it is in both queues
    expect(await visible(queue)).toBe(10);
    await new Promise((r) => setTimeout(r, 1200));
    const again = await redrive(sqs, { dlq, queue, waitSeconds: 0 });
    expect(again.moved).toBe(12);
    expect(await visible(dlq)).toBe(0);
    const delivered = await drain(queue);
    expect(delivered).toHaveLength(22);
    expect([...new Set(delivered)].sort()).toEqual([...bodies].sort());
  });
});

describe('redrive by SQS itself (StartMessageMoveTask)', () => {
  it('moves every message of the DLQ to the named queue, receive counts reset', async () => {
    const bodies = await fillDlq(12);
    // one message received before, as a failing function would have
    await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: dlq, MaxNumberOfMessages: 1, VisibilityTimeout: 0 }),
    );
    const progress: number[] = [];
    const summary = await redriveNative(sqs, { dlq, queue, pollMs: 10, onProgress: (d) => progress.push(d) });
    expect(summary).toEqual({ native: true, moved: 12, status: 'COMPLETED' });
    expect(progress.at(-1)).toBe(12);
    expect(await visible(dlq)).toBe(0);
    const got = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queue,
        MaxNumberOfMessages: 10,
        MessageSystemAttributeNames: ['All'],
      }),
    );
    for (const m of got.Messages ?? []) expect(m.Attributes?.ApproximateReceiveCount).toBe('1');
    const rest = await drain(queue);
    expect([...(got.Messages ?? []).map((m) => m.Body ?? ''), ...rest].sort()).toEqual([...bodies].sort());
  });

  it('a second task on the emptied queue moves nothing and reports its own end', async () => {
    await fillDlq(2);
    await redriveNative(sqs, { dlq, queue, pollMs: 10 });
    const again = await redriveNative(sqs, { dlq, queue, pollMs: 10 });
    expect(again).toMatchObject({ moved: 0, status: 'COMPLETED' });
  });
});

describe('news-ingest redrive (command line)', () => {
  it('documents that duplicates are harmless, and reads the --stack line', async () => {
    const out: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out.push(String(chunk));
      return true;
    });
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await command.run(['--help'])).toBe(0);
      expect(out.join('')).toMatch(/idempotent by S3 sequencer/);
      await fillDlq(3);
      out.length = 0;
      const stack = JSON.stringify({ sqsEndpoint: emulator.endpoint, region: 'us-east-1', queue, dlq });
      expect(await command.run(['--stack', stack, '--dry-run'])).toBe(0);
      expect(out.join('')).toMatch(/dry run: 3 message\(s\) would be moved/);
      out.length = 0;
      expect(await command.run(['--stack', stack])).toBe(0);
      expect(out.join('')).toMatch(
        /SQS moved 3 message\(s\) from the DLQ to the ingest queue \(task completed\)/,
      );
    } finally {
      spy.mockRestore();
      err.mockRestore();
    }
    expect(await visible(queue)).toBe(3);
    expect(await visible(dlq)).toBe(0);
  });

  it('refuses a missing queue with a usage error', async () => {
    await expect(command.run(['--dlq', 'http://x/q'])).rejects.toThrow(/--queue/);
  });
});
