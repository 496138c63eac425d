import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { type NewsIngestConfig, VISIBILITY_TIMEOUT_FACTOR } from '../config.ts';
import { ArticlesBucket } from '../constructs/articles-bucket.ts';
import { ArticlesTable } from '../constructs/articles-table.ts';
import { IngestQueue } from '../constructs/ingest-queue.ts';
import { retainLogsOfProviderFunctions } from '../constructs/log-retention.ts';
import { S3QueueDestination } from '../constructs/s3-queue-destination.ts';

/**
 * What another stack may use of the data stack: references through exports with fixed names
 * (`news-ingest-<stage>-data:<Name>`), so that templates, cdk-nag acknowledgements and the local
 * stack read the same names whatever the construct tree looks like.
 */
export interface DataRefs {
  readonly articles: { readonly bucket: s3.IBucket };
  readonly table: { readonly table: dynamodb.ITable };
  readonly queues: { readonly queue: sqs.IQueue; readonly deadLetterQueue: sqs.IQueue };
}

export interface NewsIngestDataStackProps extends StackProps {
  /** Validated configuration (see `loadConfig`). */
  readonly config: NewsIngestConfig;
}

/**
 * The stateful half of news-ingest: the articles bucket (and its access-log bucket), the table,
 * and the notification queue with its dead-letter queue, wired bucket -> queue. Nothing here
 * changes when the code does, so a code deploy never puts data at risk; its removal policy is
 * RETAIN unless configured otherwise (never in prod), and prod turns on termination and deletion
 * protection.
 *
 * The queues live here rather than beside the function: CDK puts the
 * `Custom::S3BucketNotifications` resource in the bucket's stack, where it references the queue,
 * and the queue's policy references the bucket; a bucket and a queue in different stacks would
 * form a dependency cycle.
 */
export class NewsIngestDataStack extends Stack {
  readonly articles: ArticlesBucket;
  readonly table: ArticlesTable;
  readonly queues: IngestQueue;

  constructor(scope: Construct, id: string, props: NewsIngestDataStackProps) {
    super(scope, id, props);
    const { config } = props;
    const removalPolicy = config.removalPolicy === 'destroy' ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;

    this.articles = new ArticlesBucket(this, 'ArticlesBucket', {
      removalPolicy,
      noncurrentVersionExpirationDays: config.noncurrentVersionExpirationDays,
      accessLogExpirationDays: config.accessLogExpirationDays,
    });
    this.table = new ArticlesTable(this, 'ArticlesTable', {
      removalPolicy,
      deletionProtection: config.deletionProtection,
    });
    this.queues = new IngestQueue(this, 'IngestQueue', {
      visibilityTimeout: Duration.seconds(config.functionTimeoutSeconds * VISIBILITY_TIMEOUT_FACTOR),
      maxReceiveCount: config.maxReceiveCount,
      removalPolicy,
    });

    const destination = new S3QueueDestination(this.queues.queue);
    this.articles.bucket.addEventNotification(s3.EventType.OBJECT_CREATED, destination);
    this.articles.bucket.addEventNotification(s3.EventType.OBJECT_REMOVED, destination);
    this.acknowledgeNotificationsHandler();
    // CDK's own functions (notifications, auto-delete) log to a group that expires like ours
    retainLogsOfProviderFunctions(this, { retentionDays: config.logRetentionDays, removalPolicy });

    new CfnOutput(this, 'BucketName', { value: this.articles.bucket.bucketName });
    new CfnOutput(this, 'TableName', { value: this.table.table.tableName });
    new CfnOutput(this, 'QueueUrl', { value: this.queues.queue.queueUrl });
    new CfnOutput(this, 'DeadLetterQueueUrl', { value: this.queues.deadLetterQueue.queueUrl });
  }

  /** The name of the export of one of this stack's values. */
  exportName(name: string): string {
    return `${this.stackName}:${name}`;
  }

  /** References to the bucket, table and queues for constructs of another stack (`scope`). */
  refs(scope: Construct): DataRefs {
    const shared = (name: string, value: string) => this.exportValue(value, { name: this.exportName(name) });
    const bucket = this.articles.bucket;
    const table = this.table.table;
    const { queue, deadLetterQueue } = this.queues;
    return {
      articles: {
        bucket: s3.Bucket.fromBucketAttributes(scope, 'ArticlesBucketRef', {
          bucketArn: shared('BucketArn', bucket.bucketArn),
          bucketName: shared('BucketName', bucket.bucketName),
        }),
      },
      table: {
        table: dynamodb.Table.fromTableAttributes(scope, 'ArticlesTableRef', {
          // the name follows from the ARN (fromTableAttributes takes one or the other)
          tableArn: shared('TableArn', table.tableArn),
        }),
      },
      queues: {
        queue: sqs.Queue.fromQueueAttributes(scope, 'IngestQueueRef', {
          queueArn: shared('QueueArn', queue.queueArn),
          queueUrl: shared('QueueUrl', queue.queueUrl),
          queueName: shared('QueueName', queue.queueName),
        }),
        deadLetterQueue: sqs.Queue.fromQueueAttributes(scope, 'DeadLetterQueueRef', {
          queueArn: shared('DeadLetterQueueArn', deadLetterQueue.queueArn),
          queueUrl: shared('DeadLetterQueueUrl', deadLetterQueue.queueUrl),
          queueName: shared('DeadLetterQueueName', deadLetterQueue.queueName),
        }),
      },
    };
  }

  /**
   * CDK implements bucket notifications with its own singleton function
   * (`BucketNotificationsHandler…`, a stack-level child) whose role we do not control.
   */
  private acknowledgeNotificationsHandler(): void {
    const handler = this.node.children.find((c) => c.node.id.startsWith('BucketNotificationsHandler'));
    if (handler === undefined)
      throw new Error('bucket notifications handler not found: CDK changed its layout');
    Validations.of(handler).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason:
        'The CDK-provided bucket notifications handler runs once per deployment to call PutBucketNotificationConfiguration; its role and managed logging policy are fixed by aws-cdk-lib and it never touches article data.',
    });
  }
}
