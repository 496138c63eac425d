import { tmpdir } from 'node:os';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { INDEXES } from '#adapters/aws/dynamodb/indexes.ts';
import { BY_ENTITY_INDEX, BY_SPEAKER_INDEX } from '#infra/constructs/articles-table.ts';
import { FUNCTION_ALARM_THRESHOLDS } from '#infra/constructs/ingest-alarms.ts';
import {
  arnOf,
  type BuiltStack,
  buildStack,
  type CfnResourceJson,
  imported,
  resourcesOfType,
  withoutTags,
} from './build-stack.ts';

// Building a stack takes seconds on a loaded 2-core machine (most of it loading aws-cdk-lib).
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const MIB = 1024 * 1024;

describe('NewsIngestStack (dev, as cdk.json configures it)', () => {
  let built: BuiltStack;
  beforeAll(() => {
    built = buildStack();
  });

  const countTypes = (template: { toJSON(): Record<string, unknown> }) => {
    const counts: Record<string, number> = {};
    for (const [id, resource] of Object.entries(
      template.toJSON().Resources as Record<string, { Type: string }>,
    )) {
      if (id.startsWith('ReadApi')) continue; // pinned in read-api.test.ts
      counts[resource.Type] = (counts[resource.Type] ?? 0) + 1;
    }
    return counts;
  };

  it('puts data in one stack and code in the other, with exactly the expected resources', () => {
    expect(countTypes(built.dataTemplate)).toEqual({
      'AWS::S3::Bucket': 2,
      'AWS::S3::BucketPolicy': 2,
      'Custom::S3BucketNotifications': 1,
      'AWS::DynamoDB::Table': 1,
      'AWS::SQS::Queue': 2,
      'AWS::SQS::QueuePolicy': 2,
      'AWS::Logs::LogGroup': 1,
      'AWS::IAM::Role': 1,
      'AWS::IAM::Policy': 1,
      'AWS::Lambda::Function': 1,
    });
    expect(countTypes(built.template)).toEqual({
      'AWS::Logs::LogGroup': 1,
      'AWS::IAM::Role': 1,
      'AWS::IAM::Policy': 1,
      'AWS::IAM::ManagedPolicy': 2,
      'AWS::Lambda::Function': 1,
      'AWS::Lambda::EventSourceMapping': 1,
      'AWS::KMS::Key': 1,
      'AWS::SNS::Topic': 1,
      'AWS::SNS::TopicPolicy': 1,
      'AWS::CloudWatch::Alarm': 8,
      'AWS::CloudWatch::Dashboard': 1,
    });
  });

  it('names both stacks after the stage, leaves dev unprotected and environment-agnostic', () => {
    expect(built.data.stackName).toBe('news-ingest-dev-data');
    expect(built.stack.stackName).toBe('news-ingest-dev');
    expect(built.stack.dependencies).toContain(built.data);
    for (const stack of [built.data, built.stack]) {
      expect(stack.terminationProtection).toBe(false);
      expect(stack.environment).toBe('aws://unknown-account/unknown-region');
    }
  });

  it('tags every resource with project and stage', () => {
    expect(built.resource(built.data.table.table).Properties.Tags).toEqual([
      { Key: 'project', Value: 'news-ingest' },
      { Key: 'stage', Value: 'dev' },
    ]);
    expect(built.resource(built.stack.ingest.function).Properties.Tags).toEqual([
      { Key: 'project', Value: 'news-ingest' },
      { Key: 'stage', Value: 'dev' },
    ]);
  });

  it('exports what the app stack uses under fixed names, and the app stack imports only those', () => {
    const outputs = built.dataTemplate.toJSON().Outputs as Record<string, { Export?: { Name: string } }>;
    const exported = Object.values(outputs)
      .flatMap((o) => (o.Export ? [o.Export.Name] : []))
      .sort();
    expect(exported).toEqual(
      [
        'BucketArn',
        'BucketName',
        'DeadLetterQueueArn',
        'DeadLetterQueueName',
        'DeadLetterQueueUrl',
        'QueueArn',
        'QueueName',
        'QueueUrl',
        'TableArn',
      ]
        .map((n) => `news-ingest-dev-data:${n}`)
        .sort(),
    );
    const imports = JSON.stringify(built.template.toJSON()).match(/"Fn::ImportValue":"[^"]+"/g) ?? [];
    for (const i of imports) expect(exported).toContain(i.split('"')[3]);
  });

  describe('articles bucket', () => {
    it('is versioned, encrypted, private, owner-enforced and logs to the access-log bucket', () => {
      const logsId = built.logicalId(built.data.articles.accessLogsBucket);
      expect(built.props(built.data.articles.bucket)).toEqual({
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
      for (const bucket of [built.data.articles.bucket, built.data.articles.accessLogsBucket]) {
        const resource = built.resource(bucket);
        expect(resource.DeletionPolicy).toBe('Retain');
        expect(resource.UpdateReplacePolicy).toBe('Retain');
      }
    });

    it('sends ObjectCreated and ObjectRemoved notifications, unfiltered, to the ingest queue only', () => {
      built.dataTemplate.hasResourceProperties('Custom::S3BucketNotifications', {
        BucketName: { Ref: built.logicalId(built.data.articles.bucket) },
        Managed: true,
        NotificationConfiguration: {
          QueueConfigurations: [
            { Events: ['s3:ObjectCreated:*'], QueueArn: arnOf(built.logicalId(built.data.queues.queue)) },
            { Events: ['s3:ObjectRemoved:*'], QueueArn: arnOf(built.logicalId(built.data.queues.queue)) },
          ],
        },
      });
      const [notifications] = Object.values(
        resourcesOfType(built.dataTemplate, 'Custom::S3BucketNotifications'),
      );
      const config = notifications?.Properties.NotificationConfiguration as Record<string, unknown>;
      expect(Object.keys(config)).toEqual(['QueueConfigurations']);
    });
  });

  describe('access-log bucket', () => {
    it('is encrypted, private, and expires logs', () => {
      built.dataTemplate.hasResourceProperties('AWS::S3::Bucket', {
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
    it('has the single-table keys, both GSIs projecting what their queries read, on-demand, PITR and encryption', () => {
      expect(built.props(built.data.table.table)).toEqual({
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
            Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...INDEXES.bySpeaker.projected] },
          },
          {
            IndexName: BY_ENTITY_INDEX,
            KeySchema: [
              { AttributeName: 'gsi2pk', KeyType: 'HASH' },
              { AttributeName: 'gsi2sk', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...INDEXES.byEntity.projected] },
          },
        ],
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
        DeletionProtectionEnabled: false,
      });
      expect(BY_SPEAKER_INDEX).toBe('bySpeaker');
      expect(BY_ENTITY_INDEX).toBe('byEntity');
      expect(built.resource(built.data.table.table).DeletionPolicy).toBe('Retain');
    });
  });

  describe('queues', () => {
    it('gives the queue a visibility timeout of 6x the function timeout and a DLQ after 5 receives', () => {
      const fn = built.resource(built.stack.ingest.function);
      const queue = built.resource(built.data.queues.queue);
      expect(fn.Properties.Timeout).toBe(180);
      expect(withoutTags(queue.Properties)).toEqual({
        VisibilityTimeout: 1080,
        MessageRetentionPeriod: 4 * 24 * 3600,
        SqsManagedSseEnabled: true,
        RedrivePolicy: {
          deadLetterTargetArn: arnOf(built.logicalId(built.data.queues.deadLetterQueue)),
          maxReceiveCount: 5,
        },
      });
      expect(queue.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(6 * fn.Properties.Timeout);
    });

    it('keeps dead letters for 14 days, encrypted', () => {
      expect(built.props(built.data.queues.deadLetterQueue)).toEqual({
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
        Timeout: 180,
        MemorySize: 1024,
        TracingConfig: { Mode: 'Active' },
        Role: arnOf(built.logicalId(built.stack.ingest.role)),
        LoggingConfig: {
          LogGroup: { Ref: built.logicalId(built.stack.ingest.logGroup) },
          LogFormat: 'JSON',
          ApplicationLogLevel: 'DEBUG',
          SystemLogLevel: 'WARN',
        },
      });
      // Concurrency is capped by the event source (below), not by reserving account concurrency.
      expect(built.props(built.stack.ingest.function)).not.toHaveProperty('ReservedConcurrentExecutions');
    });

    it('gets exactly the environment the handler reads', () => {
      expect(built.resource(built.stack.ingest.function).Properties.Environment.Variables).toEqual({
        TABLE_NAME: {
          'Fn::Select': [
            1,
            {
              'Fn::Split': ['/', { 'Fn::Select': [5, { 'Fn::Split': [':', imported(built, 'TableArn')] }] }],
            },
          ],
        },
        BUCKET_NAME: imported(built, 'BucketName'),
        MAX_OBJECT_BYTES: String(10 * MIB),
        MAX_DECOMPRESSED_BYTES: String(20 * MIB),
        MAX_EXTRACT_CHARS: '200000',
        DEADLINE_RESERVE_MS: '60000',
        STAGE: 'dev',
        POWERTOOLS_SERVICE_NAME: 'news-ingest',
        POWERTOOLS_METRICS_NAMESPACE: 'NewsIngest',
        POWERTOOLS_LOG_LEVEL: 'DEBUG',
      });
    });

    it('keeps its logs for the configured retention', () => {
      // cdk.json: stages.dev.logRetentionDays
      built.template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 14 });
      expect(built.resource(built.stack.ingest.logGroup).DeletionPolicy).toBe('Retain');
    });

    it("gives every function of both stacks, CDK's own included, a log group that expires", () => {
      for (const t of [built.template, built.dataTemplate]) {
        const groups = resourcesOfType(t, 'AWS::Logs::LogGroup');
        const functions = Object.values(resourcesOfType(t, 'AWS::Lambda::Function'));
        expect(functions.length).toBeGreaterThan(0);
        for (const fn of functions) {
          const ref = fn.Properties.LoggingConfig?.LogGroup?.Ref as string;
          expect(groups[ref]?.Properties.RetentionInDays).toBe(14);
        }
      }
    });

    it('consumes the queue with partial batch responses and a maximum concurrency', () => {
      const mappings = resourcesOfType(built.template, 'AWS::Lambda::EventSourceMapping');
      expect(Object.values(mappings).map((m) => withoutTags(m.Properties))).toEqual([
        {
          EventSourceArn: imported(built, 'QueueArn'),
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
    };
    const fnRef = () => ({ Ref: built.logicalId(built.stack.ingest.function) });

    it('alarms when the dead-letter queue is not empty', () => {
      built.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        ...common,
        Period: 60,
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: imported(built, 'DeadLetterQueueName') }],
        Statistic: 'Maximum',
        Threshold: 1,
      });
    });

    it('alarms on the age of the oldest message', () => {
      built.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        ...common,
        Period: 60,
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateAgeOfOldestMessage',
        Dimensions: [{ Name: 'QueueName', Value: imported(built, 'QueueName') }],
        Statistic: 'Maximum',
        Threshold: 900,
      });
    });

    it.each(['Errors', 'Throttles'])('alarms on function %s', (metric) => {
      built.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        ...common,
        Period: 60,
        Namespace: 'AWS/Lambda',
        MetricName: metric,
        Dimensions: [{ Name: 'FunctionName', Value: fnRef() }],
        Statistic: 'Sum',
        Threshold: 1,
      });
    });

    it('alarms on a duration near the timeout', () => {
      built.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        ...common,
        Period: 300,
        Namespace: 'AWS/Lambda',
        MetricName: 'Duration',
        Dimensions: [{ Name: 'FunctionName', Value: fnRef() }],
        Statistic: 'Maximum',
        Threshold: 180_000 * FUNCTION_ALARM_THRESHOLDS.durationShareOfTimeout,
      });
    });

    it.each([
      ['RetriedEvents', 300, FUNCTION_ALARM_THRESHOLDS.retriedEventsPer5Min],
      ['MalformedMessages', 300, FUNCTION_ALARM_THRESHOLDS.malformedMessagesPer5Min],
      ['ObjectsFailed', 3600, FUNCTION_ALARM_THRESHOLDS.objectsFailedPerHour],
    ])("alarms on the function's own %s metric, of this stage", (metric, period, threshold) => {
      built.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        ...common,
        Period: period,
        Namespace: 'NewsIngest',
        MetricName: metric,
        Dimensions: [
          { Name: 'service', Value: 'news-ingest' },
          { Name: 'stage', Value: 'dev' },
        ],
        Statistic: 'Sum',
        Threshold: threshold,
      });
    });

    it("notifies the stack's own encrypted topic from every alarm, on ALARM and on OK", () => {
      const topicId = built.logicalId(built.stack.alarmTopic as never);
      const alarms = Object.values(built.template.findResources('AWS::CloudWatch::Alarm'));
      expect(alarms).toHaveLength(8);
      for (const alarm of alarms) {
        expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
        expect(alarm.Properties.OKActions).toEqual([{ Ref: topicId }]);
      }
      const topic = built.resource(built.stack.alarmTopic as never);
      expect(topic.Properties.KmsMasterKeyId).toEqual(
        arnOf(expect.stringMatching(/^AlarmTopicKey/) as never),
      );
      const [key] = Object.values(resourcesOfType(built.template, 'AWS::KMS::Key'));
      expect(key?.Properties.EnableKeyRotation).toBe(true);
      expect(JSON.stringify(key?.Properties.KeyPolicy)).toContain('cloudwatch.amazonaws.com');
    });

    it("shows every alarm and the pipeline's metrics on one dashboard", () => {
      const [dashboard] = Object.values(resourcesOfType(built.template, 'AWS::CloudWatch::Dashboard'));
      expect(dashboard?.Properties.DashboardName).toBe('news-ingest-dev');
      const body = JSON.stringify(dashboard?.Properties.DashboardBody);
      for (const metric of [
        'ObjectsProcessed',
        'RetriedEvents',
        'DeferredRecords',
        'Duration',
        'AlarmsDurationNearTimeout',
      ])
        expect(body).toContain(metric);
    });
  });

  it('outputs the names a deployer needs', () => {
    expect(Object.keys(built.dataTemplate.toJSON().Outputs)).toEqual(
      expect.arrayContaining(['BucketName', 'TableName', 'QueueUrl', 'DeadLetterQueueUrl']),
    );
    expect(Object.keys(built.template.toJSON().Outputs)).toEqual(
      expect.arrayContaining(['FunctionName', 'AlarmTopicArn', 'QueryPolicyArn', 'OperatePolicyArn']),
    );
  });
});

describe('NewsIngestStack (configured)', () => {
  const PROD = { stage: 'prod', account: '123456789012', region: 'eu-west-1' };

  it('follows context: prod protections, env, timeout, caps, concurrency, receive count', () => {
    const built = buildStack({
      ...PROD,
      functionTimeoutSeconds: 120,
      deadlineReserveSeconds: 40,
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
    const queue = built.resource(built.data.queues.queue).Properties;
    expect(built.stack.stackName).toBe('news-ingest-prod');
    expect(built.data.stackName).toBe('news-ingest-prod-data');
    for (const stack of [built.data, built.stack]) {
      expect(stack.terminationProtection).toBe(true);
      expect(stack.environment).toBe('aws://123456789012/eu-west-1');
    }
    expect(fn).toMatchObject({ Timeout: 120, MemorySize: 2048 });
    expect(fn.LoggingConfig).toMatchObject({ ApplicationLogLevel: 'WARN', LogFormat: 'JSON' });
    expect(fn.Environment.Variables).toMatchObject({
      STAGE: 'prod',
      MAX_OBJECT_BYTES: String(2 * MIB),
      MAX_DECOMPRESSED_BYTES: String(8 * MIB),
      POWERTOOLS_LOG_LEVEL: 'WARN',
      DEADLINE_RESERVE_MS: '40000',
    });
    expect(queue.VisibilityTimeout).toBe(720);
    expect(queue.RedrivePolicy.maxReceiveCount).toBe(3);
    built.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 10,
      ScalingConfig: { MaximumConcurrency: 20 },
    });
    built.dataTemplate.hasResourceProperties('AWS::DynamoDB::Table', { DeletionProtectionEnabled: true });
    built.template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365 });
    built.dataTemplate.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: [Match.objectLike({ NoncurrentVersionExpiration: { NoncurrentDays: 7 } })],
      },
    });
  });

  it('retains every stateful resource of prod', () => {
    const built = buildStack(PROD);
    for (const t of [built.dataTemplate, built.template]) {
      for (const [id, r] of Object.entries(t.toJSON().Resources as Record<string, CfnResourceJson>)) {
        if (
          [
            'AWS::S3::Bucket',
            'AWS::DynamoDB::Table',
            'AWS::SQS::Queue',
            'AWS::Logs::LogGroup',
            'AWS::KMS::Key',
          ].includes(r.Type)
        )
          expect(r.DeletionPolicy, id).toBe('Retain');
      }
    }
  });

  it('sends every alarm, on ALARM and on OK, to a given topic instead of its own', () => {
    const arn = 'arn:aws:sns:eu-west-1:123456789012:news-ingest-pager';
    const built = buildStack({ alarmTopicArn: arn });
    const alarms = Object.values(built.template.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms).toHaveLength(8);
    for (const alarm of alarms) {
      expect(alarm.Properties.AlarmActions).toEqual([arn]);
      expect(alarm.Properties.OKActions).toEqual([arn]);
    }
    built.template.resourceCountIs('AWS::SNS::Topic', 0);
  });

  it('subscribes the configured e-mail addresses to its topic', () => {
    const built = buildStack({ alarmEmails: 'ops@example.com,oncall@example.org' });
    const subs = Object.values(resourcesOfType(built.template, 'AWS::SNS::Subscription'));
    expect(subs.map((s) => [s.Properties.Protocol, s.Properties.Endpoint])).toEqual([
      ['email', 'ops@example.com'],
      ['email', 'oncall@example.org'],
    ]);
  });

  it('takes per-stage settings from cdk.json, under -c flags', () => {
    const stages = { qa: { functionMemoryMb: 512, batchSize: 2, region: 'eu-central-1' } };
    const built = buildStack({ stage: 'qa', stages, batchSize: 3 });
    expect(built.resource(built.stack.ingest.function).Properties.MemorySize).toBe(512);
    built.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', { BatchSize: 3 });
    expect(built.stack.environment).toBe('aws://unknown-account/eu-central-1');
  });

  it('destroys (and empties) the buckets when removalPolicy=destroy', () => {
    const built = buildStack({ removalPolicy: 'destroy' });
    expect(built.resource(built.data.articles.bucket).DeletionPolicy).toBe('Delete');
    expect(built.resource(built.data.table.table).DeletionPolicy).toBe('Delete');
    built.dataTemplate.resourceCountIs('Custom::S3AutoDeleteObjects', 2);
    // the auto-delete provider's logs expire too
    const groups = resourcesOfType(built.dataTemplate, 'AWS::Logs::LogGroup');
    for (const fn of Object.values(resourcesOfType(built.dataTemplate, 'AWS::Lambda::Function')))
      expect(groups[fn.Properties.LoggingConfig.LogGroup.Ref]?.Properties.RetentionInDays).toBe(14);
  });

  it('synthesizes from another working directory (the lockfile is found from the sources)', () => {
    const here = process.cwd();
    process.chdir(tmpdir());
    try {
      const built = buildStack();
      expect(built.resource(built.stack.ingest.function).Properties.Handler).toBe('index.handler');
    } finally {
      process.chdir(here);
    }
  });
});
