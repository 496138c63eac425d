import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface IngestQueueProps {
  /**
   * Visibility timeout of the queue. Must be at least 6 times the consuming function's timeout
   * (AWS guidance for SQS event sources), so a message is never redelivered while a retry of the
   * same batch may still be running.
   */
  readonly visibilityTimeout: Duration;
  /** Receives before a message is moved to the dead-letter queue. */
  readonly maxReceiveCount: number;
  /** What happens to both queues (and the messages in them) when they leave the stack. */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The queue S3 notifications land in, and its dead-letter queue.
 *
 * Both queues: SQS-managed server-side encryption (S3 can publish to it without a KMS key
 * policy), TLS-only queue policy. The dead-letter queue keeps messages for 14 days, the maximum.
 */
export class IngestQueue extends Construct {
  /** The queue the ingest function consumes. */
  readonly queue: sqs.Queue;
  /** Messages that failed `maxReceiveCount` times. */
  readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: IngestQueueProps) {
    super(scope, id);
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      ...(props.removalPolicy ? { removalPolicy: props.removalPolicy } : {}),
    });
    this.queue = new sqs.Queue(this, 'Queue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: props.visibilityTimeout,
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: props.maxReceiveCount },
      ...(props.removalPolicy ? { removalPolicy: props.removalPolicy } : {}),
    });
  }
}
