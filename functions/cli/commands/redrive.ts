import {
  ChangeMessageVisibilityBatchCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ListMessageMoveTasksCommand,
  type Message,
  type MessageAttributeValue,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  type SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { connection, sqsClient } from '#adapters/aws/clients.ts';
import { parseSqsRecord } from '../../handlers/s3-records.ts';
import { parse } from '../args.ts';
import { type Command, UsageError } from '../command.ts';
import { Progress, positiveInt, readStackLine } from '../stack-line.ts';

const usage = `usage: news-ingest redrive (--dlq URL --queue URL | --stack JSON|FILE) [options]

Moves the messages of the dead-letter queue back to the ingest queue, where the function
processes them again. By default SQS moves them itself (a message move task,
StartMessageMoveTask): server-side, nothing passes through this machine, and the command waits
until the task ends. With --max, --dry-run or --client-side the messages are moved here instead:
each is deleted from the DLQ only after its copy was accepted by the ingest queue, so nothing is
lost: a crash between the two steps leaves the message in both queues, and that duplicate is
harmless because processing is idempotent by S3 sequencer (an event already applied, or older
than the stored state, changes nothing).

  --dlq URL          dead-letter queue URL (default: from --stack)
  --queue URL        ingest queue URL (default: from --stack)
  --stack JSON|FILE  the line 'npm start -- --serve' prints (sqsEndpoint, region, queue, dlq)
  --endpoint URL     SQS endpoint (default: from --stack, else AWS with the default credentials)
  --region REGION    AWS region (default: from --stack or the environment)
  --max N            move at most N messages (default: all; moved here, not by SQS)
  --dry-run          list what would be moved, move nothing (messages stay in the DLQ)
  --client-side      move the messages here rather than with SQS's move task
  --rate N           with the move task: at most N messages per second (default: SQS's own)
  --visibility S     seconds a received message stays hidden while it is moved (default 60)
  --json             print the summary as JSON

Progress goes to stderr; the summary (and, with --dry-run, one line per message) to stdout.
Exit code 0 when every message was moved, 1 when some could not be (they stay in the DLQ).`;

const BATCH = 10;

export interface RedriveOptions {
  readonly dlq: string;
  readonly queue: string;
  readonly max?: number;
  readonly dryRun?: boolean;
  readonly visibilitySeconds?: number;
  /** Long-poll wait of each receive; the DLQ is taken as drained after one empty receive. */
  readonly waitSeconds?: number;
  readonly onProgress?: (done: number, total: number | undefined) => void;
}

export interface RedrivenMessage {
  readonly messageId: string;
  readonly receiveCount?: number;
  /** The S3 events the message carries, as `kind s3://bucket/key`. */
  readonly events: readonly string[];
}

export interface RedriveSummary {
  /** Messages sent to the ingest queue and deleted from the DLQ. */
  moved: number;
  /** Messages the ingest queue refused: still in the DLQ. */
  sendFailed: number;
  /** Messages sent but not deleted from the DLQ: they will be moved again (a harmless duplicate). */
  deleteFailed: number;
  /** With dryRun: the messages that would be moved. */
  listed: RedrivenMessage[];
  dryRun: boolean;
  /** ApproximateNumberOfMessages of the DLQ before the run, when known. */
  dlqBefore?: number;
}

function copyAttributes(message: Message): Record<string, MessageAttributeValue> | undefined {
  const out: Record<string, MessageAttributeValue> = {};
  for (const [name, value] of Object.entries(message.MessageAttributes ?? {})) {
    if (!value.DataType) continue;
    out[name] = {
      DataType: value.DataType,
      ...(value.StringValue !== undefined ? { StringValue: value.StringValue } : {}),
      ...(value.BinaryValue !== undefined ? { BinaryValue: value.BinaryValue } : {}),
    };
  }
  return Object.keys(out).length ? out : undefined;
}

function describe(message: Message): RedrivenMessage {
  const parsed = parseSqsRecord({ body: message.Body ?? '' });
  const events =
    parsed.kind === 'events'
      ? parsed.events.map((e) => `${e.kind} s3://${e.ref.bucket}/${e.ref.key}`)
      : [parsed.kind === 'test-event' ? 's3:TestEvent' : `not an S3 notification (${parsed.why})`];
  const count = Number(message.Attributes?.ApproximateReceiveCount);
  return {
    messageId: message.MessageId ?? '?',
    ...(Number.isFinite(count) ? { receiveCount: count } : {}),
    events,
  };
}

/** Moves messages from `dlq` to `queue`: send first, delete after, batch by batch. */
export async function redrive(sqs: SQSClient, options: RedriveOptions): Promise<RedriveSummary> {
  const max = options.max ?? Number.POSITIVE_INFINITY;
  const visibility = options.visibilitySeconds ?? 60;
  const summary: RedriveSummary = {
    moved: 0,
    sendFailed: 0,
    deleteFailed: 0,
    listed: [],
    dryRun: options.dryRun ?? false,
  };
  try {
    const attrs = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: options.dlq,
        AttributeNames: ['ApproximateNumberOfMessages'],
      }),
    );
    const n = Number(attrs.Attributes?.ApproximateNumberOfMessages);
    if (Number.isFinite(n)) summary.dlqBefore = n;
  } catch {
    // the count only feeds the progress display
  }
  const total = summary.dlqBefore === undefined ? undefined : Math.min(summary.dlqBefore, max);
  const hidden: { Id: string; ReceiptHandle: string }[] = [];
  const handled = () => summary.moved + summary.sendFailed + summary.deleteFailed + summary.listed.length;

  try {
    while (handled() < max) {
      const received = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: options.dlq,
          MaxNumberOfMessages: Math.min(BATCH, max - handled()),
          WaitTimeSeconds: options.waitSeconds ?? 2,
          VisibilityTimeout: visibility,
          MessageAttributeNames: ['All'],
          MessageSystemAttributeNames: ['ApproximateReceiveCount'],
        }),
      );
      const messages = (received.Messages ?? []).filter((m) => m.ReceiptHandle && m.Body !== undefined);
      if (messages.length === 0) break;

      if (summary.dryRun) {
        for (const m of messages) {
          summary.listed.push(describe(m));
          hidden.push({ Id: String(hidden.length), ReceiptHandle: m.ReceiptHandle as string });
        }
        options.onProgress?.(handled(), total);
        continue;
      }

      const sent = await sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: options.queue,
          Entries: messages.map((m, i) => {
            const attributes = copyAttributes(m);
            return {
              Id: String(i),
              MessageBody: m.Body as string,
              ...(attributes ? { MessageAttributes: attributes } : {}),
            };
          }),
        }),
      );
      const ok = new Set((sent.Successful ?? []).map((s) => s.Id));
      summary.sendFailed += messages.length - ok.size;
      // only what the ingest queue accepted leaves the DLQ
      const toDelete = messages
        .map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle as string }))
        .filter((e) => ok.has(e.Id));
      if (toDelete.length) {
        const deleted = await sqs.send(
          new DeleteMessageBatchCommand({ QueueUrl: options.dlq, Entries: toDelete }),
        );
        const failed = deleted.Failed?.length ?? 0;
        summary.moved += toDelete.length - failed;
        summary.deleteFailed += failed;
      }
      options.onProgress?.(handled(), total);
    }
  } finally {
    // a dry run puts back what it looked at: visible again at once
    for (let i = 0; i < hidden.length; i += BATCH) {
      await sqs
        .send(
          new ChangeMessageVisibilityBatchCommand({
            QueueUrl: options.dlq,
            Entries: hidden.slice(i, i + BATCH).map((h) => ({ ...h, VisibilityTimeout: 0 })),
          }),
        )
        .catch(() => {});
    }
  }
  return summary;
}

export interface NativeRedriveSummary {
  readonly native: true;
  readonly moved: number;
  readonly status: string;
  readonly failureReason?: string;
}

/**
 * The dead-letter queue's messages moved back by SQS itself (StartMessageMoveTask), waiting until
 * the task is no longer running. The destination is named explicitly (the ingest queue).
 */
export async function redriveNative(
  sqs: SQSClient,
  options: {
    dlq: string;
    queue: string;
    rate?: number;
    pollMs?: number;
    onProgress?: (done: number, total?: number) => void;
  },
): Promise<NativeRedriveSummary> {
  const arnOf = async (url: string) =>
    (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] })))
      .Attributes?.QueueArn as string;
  const [sourceArn, destinationArn] = await Promise.all([arnOf(options.dlq), arnOf(options.queue)]);
  await sqs.send(
    new StartMessageMoveTaskCommand({
      SourceArn: sourceArn,
      DestinationArn: destinationArn,
      ...(options.rate ? { MaxNumberOfMessagesPerSecond: options.rate } : {}),
    }),
  );
  for (;;) {
    const list = await sqs.send(new ListMessageMoveTasksCommand({ SourceArn: sourceArn, MaxResults: 1 }));
    const task = list.Results?.[0];
    const moved = Number(task?.ApproximateNumberOfMessagesMoved ?? 0);
    options.onProgress?.(moved, task?.ApproximateNumberOfMessagesToMove);
    if (task && task.Status !== 'RUNNING') {
      return {
        native: true,
        moved,
        status: String(task.Status),
        ...(task.FailureReason ? { failureReason: task.FailureReason } : {}),
      };
    }
    await new Promise((r) => setTimeout(r, options.pollMs ?? 2000));
  }
}

export const command: Command = {
  name: 'redrive',
  summary: 'move dead-letter messages back to the ingest queue',
  usage,
  async run(argv) {
    const { values } = parse(
      argv,
      {
        dlq: { type: 'string' },
        queue: { type: 'string' },
        stack: { type: 'string' },
        endpoint: { type: 'string' },
        region: { type: 'string' },
        max: { type: 'string' },
        'dry-run': { type: 'boolean' },
        'client-side': { type: 'boolean' },
        rate: { type: 'string' },
        visibility: { type: 'string' },
        json: { type: 'boolean' },
      },
      false,
    );
    if (values.help) {
      process.stdout.write(`${usage}\n`);
      return 0;
    }
    const stack = readStackLine(values.stack);
    const dlq = values.dlq ?? stack.dlq ?? undefined;
    const queue = values.queue ?? stack.queue;
    if (!dlq) throw new UsageError('name the dead-letter queue with --dlq URL (or --stack)');
    if (!queue) throw new UsageError('name the ingest queue with --queue URL (or --stack)');
    if (dlq === queue) throw new UsageError('--dlq and --queue are the same queue');
    const max = values.max === undefined ? undefined : positiveInt(values.max, '--max', 1);
    const visibilitySeconds = positiveInt(values.visibility, '--visibility', 60);
    const sqs = sqsClient(connection(values.endpoint ?? stack.sqsEndpoint, values.region ?? stack.region));
    const progress = new Progress(values['dry-run'] ? 'redrive (dry run)' : 'redrive');
    const native = max === undefined && !values['dry-run'] && !values['client-side'];
    if (native) {
      const rate = values.rate === undefined ? undefined : positiveInt(values.rate, '--rate', 1);
      try {
        const summary = await redriveNative(sqs, {
          dlq,
          queue,
          ...(rate !== undefined ? { rate } : {}),
          onProgress: (done, total) => progress.update(done, total),
        });
        progress.done();
        if (values.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
        else
          process.stdout.write(
            `SQS moved ${summary.moved} message(s) from the DLQ to the ingest queue (task ${summary.status.toLowerCase()}${summary.failureReason ? `: ${summary.failureReason}` : ''})\n`,
          );
        return summary.status === 'COMPLETED' ? 0 : 1;
      } finally {
        progress.done();
        sqs.destroy();
      }
    }
    try {
      const summary = await redrive(sqs, {
        dlq,
        queue,
        ...(max !== undefined ? { max } : {}),
        dryRun: values['dry-run'] ?? false,
        visibilitySeconds,
        onProgress: (done, total) => progress.update(done, total),
      });
      progress.done();
      if (values.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
      else {
        for (const m of summary.listed) {
          process.stdout.write(
            `${m.messageId}  receives=${m.receiveCount ?? '?'}  ${m.events.join(', ') || '(no events)'}\n`,
          );
        }
        process.stdout.write(
          summary.dryRun
            ? `dry run: ${summary.listed.length} message(s) would be moved; nothing was changed\n`
            : `moved ${summary.moved} message(s) from the DLQ to the ingest queue` +
                `${summary.sendFailed ? `; ${summary.sendFailed} could not be sent and stay in the DLQ` : ''}` +
                `${summary.deleteFailed ? `; ${summary.deleteFailed} were sent but not deleted (they will be moved again, harmlessly)` : ''}\n`,
        );
      }
      return summary.sendFailed > 0 ? 1 : 0;
    } finally {
      progress.done();
      sqs.destroy();
    }
  },
};
