import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { type NewsIngestConfig, VISIBILITY_TIMEOUT_FACTOR } from '../config.ts';
import { ArticlesBucket } from '../constructs/articles-bucket.ts';
import { ArticlesTable, BY_ENTITY_INDEX, BY_SPEAKER_INDEX } from '../constructs/articles-table.ts';
import { IngestAlarms } from '../constructs/ingest-alarms.ts';
import { IngestFunction } from '../constructs/ingest-function.ts';
import { IngestQueue } from '../constructs/ingest-queue.ts';
import { ReadApi } from '../constructs/read-api.ts';
import { S3QueueDestination } from '../constructs/s3-queue-destination.ts';

export interface NewsIngestStackProps extends StackProps {
  /** Validated configuration (see `loadConfig`). */
  readonly config: NewsIngestConfig;
}

/**
 * The whole pipeline in one stack: articles bucket -> S3 notifications -> queue (+ DLQ) ->
 * ingest function -> table, with alarms.
 *
 * Why one stack and not a stateful stack (bucket, table) beside a stateless one: CDK puts the
 * `Custom::S3BucketNotifications` resource in the bucket's stack, where it references the queue,
 * while the queue's policy (allowing S3 to send) references the bucket, and the function's
 * environment references both; a bucket and a queue in different stacks form a dependency cycle.
 * Moving the queues into the stateful stack breaks the cycle but turns every link into an
 * `Fn::ImportValue` export, which CloudFormation then refuses to change or remove while the other
 * stack imports it, and which the local stack would have to resolve across templates. The data is
 * protected instead by the stateful constructs' removal policy (RETAIN unless configured
 * otherwise) and the table's deletion protection; stateful and stateless parts stay separate
 * constructs, so a split stays a mechanical change.
 */
export class NewsIngestStack extends Stack {
  readonly articles: ArticlesBucket;
  readonly table: ArticlesTable;
  readonly queues: IngestQueue;
  readonly ingest: IngestFunction;
  readonly alarms: IngestAlarms;
  readonly readApi: ReadApi;

  constructor(scope: Construct, id: string, props: NewsIngestStackProps) {
    super(scope, id, props);
    const { config } = props;
    const removalPolicy = config.removalPolicy === 'destroy' ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;
    const functionTimeout = Duration.seconds(config.functionTimeoutSeconds);

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
    });

    const destination = new S3QueueDestination(this.queues.queue);
    this.articles.bucket.addEventNotification(s3.EventType.OBJECT_CREATED, destination);
    this.articles.bucket.addEventNotification(s3.EventType.OBJECT_REMOVED, destination);
    this.acknowledgeNotificationsHandler();

    this.ingest = new IngestFunction(this, 'Ingest', {
      bucket: this.articles.bucket,
      table: this.table.table,
      queue: this.queues.queue,
      stage: config.stage,
      timeout: functionTimeout,
      memorySize: config.functionMemoryMb,
      batchSize: config.batchSize,
      maxConcurrency: config.maxConcurrency,
      maxObjectBytes: config.maxObjectBytes,
      maxDecompressedBytes: config.maxDecompressedBytes,
      logLevel: config.logLevel,
      logRetention: config.logRetentionDays as logs.RetentionDays,
      logRemovalPolicy: removalPolicy,
    });

    this.alarms = new IngestAlarms(this, 'Alarms', {
      function: this.ingest.function,
      queue: this.queues.queue,
      deadLetterQueue: this.queues.deadLetterQueue,
      oldestMessageAge: Duration.seconds(config.oldestMessageAlarmSeconds),
      ...(config.alarmTopicArn
        ? { topic: sns.Topic.fromTopicArn(this, 'AlarmTopic', config.alarmTopicArn) }
        : {}),
    });

    this.readApi = new ReadApi(this, 'ReadApi', {
      table: this.table.table,
      indexNames: [BY_SPEAKER_INDEX, BY_ENTITY_INDEX],
      stage: config.stage,
      logLevel: config.logLevel,
      logRetention: config.logRetentionDays as logs.RetentionDays,
      logRemovalPolicy: removalPolicy,
    });

    new CfnOutput(this, 'BucketName', { value: this.articles.bucket.bucketName });
    new CfnOutput(this, 'TableName', { value: this.table.table.tableName });
    new CfnOutput(this, 'QueueUrl', { value: this.queues.queue.queueUrl });
    new CfnOutput(this, 'DeadLetterQueueUrl', { value: this.queues.deadLetterQueue.queueUrl });
    new CfnOutput(this, 'FunctionName', { value: this.ingest.function.functionName });
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
