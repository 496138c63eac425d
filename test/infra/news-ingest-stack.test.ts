import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { BY_ENTITY_INDEX, BY_SPEAKER_INDEX } from '#infra/constructs/articles-table.ts';
import { arnOf, type BuiltStack, buildStack, resourcesOfType, withoutTags } from './build-stack.ts';

// Building a stack takes seconds on a loaded 2-core machine (most of it loading aws-cdk-lib).
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const MIB = 1024 * 1024;

describe('NewsIngestStack (default dev config)', () => {
  let built: BuiltStack;
  beforeAll(() => {
    built = buildStack();
  });

  it('contains exactly the expected resources', () => {
    const counts: Record<string, number> = {};
    for (const [id, resource] of Object.entries(
      built.template.toJSON().Resources as Record<string, { Type: string }>,
    )) {
      if (id.startsWith('ReadApi')) continue; // pinned in read-api.test.ts
      counts[resource.Type] = (counts[resource.Type] ?? 0) + 1;
    }
    expect(counts).toEqual({
      'AWS::S3::Bucket': 2,
      'AWS::S3::BucketPolicy': 2,
      'Custom::S3BucketNotifications': 1,
      'AWS::DynamoDB::Table': 1,
      'AWS::SQS::Queue': 2,
      'AWS::SQS::QueuePolicy': 2,
      'AWS::Logs::LogGroup': 1,
      'AWS::IAM::Role': 2,
      'AWS::IAM::Policy': 2,
      'AWS::Lambda::Function': 2,
      'AWS::Lambda::EventSourceMapping': 1,
      'AWS::CloudWatch::Alarm': 4,
    });
  });

  it('names the stack after the stage and tags its resources', () => {
    expect(built.stack.stackName).toBe('news-ingest-dev');
    expect(built.resource(built.stack.table.table).Properties.Tags).toEqual([
      { Key: 'project', Value: 'news-ingest' },
      { Key: 'stage', Value: 'dev' },
    ]);
  });

  describe('articles bucket', () => {
    it('is versioned, encrypted, private, owner-enforced and logs to the access-log bucket', () => {
      const logsId = built.logicalId(built.stack.articles.accessLogsBucket);
      expect(built.props(built.stack.articles.bucket)).toEqual({
        VersioningConfiguration: { Status: 'Enabled' },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        LoggingConfiguration: { DestinationBucketName: { Ref: logsId }, LogFilePrefix: 'articles/' },
        LifecycleConfiguration: {
          Rules: [
            {
              Id: 'expire-noncurrent-versions',
              Status: 'Enabled',
              NoncurrentVersionExpiration: { NoncurrentDays: 30 },
              AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 },
            },
          ],
        },
      });
    });

    it('is retained by default', () => {
      for (const bucket of [built.stack.articles.bucket, built.stack.articles.accessLogsBucket]) {
        const resource = built.template.toJSON().Resources[built.logicalId(bucket)];
        expect(resource.DeletionPolicy).toBe('Retain');
        expect(resource.UpdateReplacePolicy).toBe('Retain');
      }
    });

    it('sends ObjectCreated and ObjectRemoved notifications, unfiltered, to the ingest queue only', () => {
      built.template.hasResourceProperties('Custom::S3BucketNotifications', {
        BucketName: { Ref: built.logicalId(built.stack.articles.bucket) },
        Managed: true,
        NotificationConfiguration: {
          QueueConfigurations: [
            { Events: ['s3:ObjectCreated:*'], QueueArn: arnOf(built.logicalId(built.stack.queues.queue)) },
            { Events: ['s3:ObjectRemoved:*'], QueueArn: arnOf(built.logicalId(built.stack.queues.queue)) },
          ],
        },
      });
      const [notifications] = Object.values(resourcesOfType(built.template, 'Custom::S3BucketNotifications'));
      const config = notifications?.Properties.NotificationConfiguration as Record<string, unknown>;
      expect(Object.keys(config)).toEqual(['QueueConfigurations']);
    });
  });

  describe('access-log bucket', () => {
    it('is encrypted, private, and expires logs', () => {
      built.template.hasResourceProperties('AWS::S3::Bucket', {
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
        PublicAccessBlockConfiguration: Match.objectLike({
          BlockPublicAcls: true,
          RestrictPublicBuckets: true,
        }),
        LifecycleConfiguration: {
          Rules: [{ Id: 'expire-access-logs', Status: 'Enabled', ExpirationInDays: 90 }],
        },
      });
    });
  });

  describe('table', () => {
    it('has the single-table keys, both GSIs projecting ALL, on-demand, PITR and encryption', () => {
      expect(built.props(built.stack.table.table)).toEqual({
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
          { AttributeName: 'gsi1pk', AttributeType: 'S' },
          { AttributeName: 'gsi1sk', AttributeType: 'S' },
          { AttributeName: 'gsi2pk', AttributeType: 'S' },
          { AttributeName: 'gsi2sk', AttributeType: 'S' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: BY_SPEAKER_INDEX,
            KeySchema: [
              { AttributeName: 'gsi1pk', KeyType: 'HASH' },
              { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
          {
            IndexName: BY_ENTITY_INDEX,
            KeySchema: [
              { AttributeName: 'gsi2pk', KeyType: 'HASH' },
              { AttributeName: 'gsi2sk', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
        DeletionProtectionEnabled: false,
      });
      expect(BY_SPEAKER_INDEX).toBe('bySpeaker');
      expect(BY_ENTITY_INDEX).toBe('byEntity');
      expect(built.resource(built.stack.table.table).DeletionPolicy).toBe('Retain');
    });
  });

  describe('queues', () => {
    it('gives the queue a visibility timeout of 6x the function timeout and a DLQ after 5 receives', () => {
      const fn = built.resource(built.stack.ingest.function);
      const queue = built.resource(built.stack.queues.queue);
      expect(fn.Properties.Timeout).toBe(60);
      expect(withoutTags(queue.Properties)).toEqual({
        VisibilityTimeout: 360,
        MessageRetentionPeriod: 4 * 24 * 3600,
        SqsManagedSseEnabled: true,
        RedrivePolicy: {
          deadLetterTargetArn: arnOf(built.logicalId(built.stack.queues.deadLetterQueue)),
          maxReceiveCount: 5,
        },
      });
      expect(queue.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(6 * fn.Properties.Timeout);
    });

    it('keeps dead letters for 14 days, encrypted', () => {
      expect(built.props(built.stack.queues.deadLetterQueue)).toEqual({
        MessageRetentionPeriod: 14 * 24 * 3600,
        SqsManagedSseEnabled: true,
      });
    });
  });

  describe('ingest function', () => {
    it('runs the bundled ESM handler on an explicit Node runtime, arm64, traced, with its log group', () => {
      expect(built.props(built.stack.ingest.function)).toMatchObject({
        Handler: 'index.handler',
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Timeout: 60,
        MemorySize: 1024,
        TracingConfig: { Mode: 'Active' },
        Role: arnOf(built.logicalId(built.stack.ingest.role)),
        LoggingConfig: { LogGroup: { Ref: built.logicalId(built.stack.ingest.logGroup) } },
      });
      // Concurrency is capped by the event source (below), not by reserving account concurrency.
      expect(built.props(built.stack.ingest.function)).not.toHaveProperty('ReservedConcurrentExecutions');
    });

    it('gets exactly the environment the handler reads', () => {
      expect(built.resource(built.stack.ingest.function).Properties.Environment.Variables).toEqual({
        TABLE_NAME: { Ref: built.logicalId(built.stack.table.table) },
        BUCKET_NAME: { Ref: built.logicalId(built.stack.articles.bucket) },
        MAX_OBJECT_BYTES: String(10 * MIB),
        MAX_DECOMPRESSED_BYTES: String(20 * MIB),
        STAGE: 'dev',
        POWERTOOLS_SERVICE_NAME: 'news-ingest',
        POWERTOOLS_METRICS_NAMESPACE: 'NewsIngest',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        NODE_OPTIONS: '--enable-source-maps',
      });
    });

    it('keeps its logs for the configured retention', () => {
      built.template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
      expect(built.resource(built.stack.ingest.logGroup).DeletionPolicy).toBe('Retain');
    });

    it('consumes the queue with partial batch responses and a maximum concurrency', () => {
      const mappings = resourcesOfType(built.template, 'AWS::Lambda::EventSourceMapping');
      expect(Object.values(mappings).map((m) => withoutTags(m.Properties))).toEqual([
        {
          EventSourceArn: arnOf(built.logicalId(built.stack.queues.queue)),
          FunctionName: { Ref: built.logicalId(built.stack.ingest.function) },
          BatchSize: 5,
          FunctionResponseTypes: ['ReportBatchItemFailures'],
          ScalingConfig: { MaximumConcurrency: 5 },
        },
      ]);
      const [mapping] = Object.values(mappings);
      // The poller must not start before the role may read the queue.
      const policyId = built.logicalId(built.stack.ingest.role.node.findChild('DefaultPolicy') as never);
      expect(mapping?.DependsOn).toContain(policyId);
    });
  });

  describe('alarms', () => {
    const common = {
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
      Period: 60,
    };

    it('alarms when the dead-letter queue is not empty', () => {
      built.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        ...common,
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [
          {
            Name: 'QueueName',
            Value: { 'Fn::GetAtt': [built.logicalId(built.stack.queues.deadLetterQueue), 'QueueName'] },
          },
        ],
        Statistic: 'Maximum',
        Threshold: 1,
      });
    });

    it('alarms on the age of the oldest message', () => {
      built.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        ...common,
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateAgeOfOldestMessage',
        Dimensions: [
          {
            Name: 'QueueName',
            Value: { 'Fn::GetAtt': [built.logicalId(built.stack.queues.queue), 'QueueName'] },
          },
        ],
        Statistic: 'Maximum',
        Threshold: 900,
      });
    });

    it('notifies nobody unless a topic is configured', () => {
      for (const alarm of Object.values(built.template.findResources('AWS::CloudWatch::Alarm'))) {
        expect(alarm.Properties.AlarmActions).toBeUndefined();
        expect(alarm.Properties.OKActions).toBeUndefined();
      }
    });

    it.each(['Errors', 'Throttles'])('alarms on function %s', (metric) => {
      built.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        ...common,
        Namespace: 'AWS/Lambda',
        MetricName: metric,
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: built.logicalId(built.stack.ingest.function) } }],
        Statistic: 'Sum',
        Threshold: 1,
      });
    });
  });

  it('outputs the names a deployer needs', () => {
    expect(Object.keys(built.template.toJSON().Outputs)).toEqual(
      expect.arrayContaining(['BucketName', 'TableName', 'QueueUrl', 'DeadLetterQueueUrl', 'FunctionName']),
    );
  });
});

describe('NewsIngestStack (configured)', () => {
  it('follows context: prod protections, timeout, caps, concurrency, receive count', () => {
    const built = buildStack({
      stage: 'prod',
      functionTimeoutSeconds: 120,
      functionMemoryMb: 2048,
      maxConcurrency: 20,
      batchSize: 10,
      maxReceiveCount: 3,
      maxObjectBytes: 2 * MIB,
      maxDecompressedBytes: 8 * MIB,
      noncurrentVersionExpirationDays: 7,
      logLevel: 'WARN',
    });
    const fn = built.resource(built.stack.ingest.function).Properties;
    const queue = built.resource(built.stack.queues.queue).Properties;
    expect(built.stack.stackName).toBe('news-ingest-prod');
    expect(fn).toMatchObject({ Timeout: 120, MemorySize: 2048 });
    expect(fn.Environment.Variables).toMatchObject({
      STAGE: 'prod',
      MAX_OBJECT_BYTES: String(2 * MIB),
      MAX_DECOMPRESSED_BYTES: String(8 * MIB),
      POWERTOOLS_LOG_LEVEL: 'WARN',
    });
    expect(queue.VisibilityTimeout).toBe(720);
    expect(queue.RedrivePolicy.maxReceiveCount).toBe(3);
    built.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 10,
      ScalingConfig: { MaximumConcurrency: 20 },
    });
    built.template.hasResourceProperties('AWS::DynamoDB::Table', { DeletionProtectionEnabled: true });
    built.template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365 });
    built.template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: [Match.objectLike({ NoncurrentVersionExpiration: { NoncurrentDays: 7 } })],
      },
    });
  });

  it('sends every alarm, on ALARM and on OK, to the configured topic and creates no topic', () => {
    const arn = 'arn:aws:sns:eu-west-1:123456789012:news-ingest-pager';
    const built = buildStack({ alarmTopicArn: arn });
    const alarms = Object.values(built.template.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms).toHaveLength(4);
    for (const alarm of alarms) {
      expect(alarm.Properties.AlarmActions).toEqual([arn]);
      expect(alarm.Properties.OKActions).toEqual([arn]);
    }
    built.template.resourceCountIs('AWS::SNS::Topic', 0);
  });

  it('destroys (and empties) the buckets when removalPolicy=destroy', () => {
    const built = buildStack({ removalPolicy: 'destroy' });
    expect(built.resource(built.stack.articles.bucket).DeletionPolicy).toBe('Delete');
    expect(built.resource(built.stack.table.table).DeletionPolicy).toBe('Delete');
    built.template.resourceCountIs('Custom::S3AutoDeleteObjects', 2);
  });
});
