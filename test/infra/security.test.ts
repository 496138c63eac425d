import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  BUCKET_ACTIONS,
  LIST_ACTIONS,
  LOG_ACTIONS,
  QUEUE_ACTIONS,
  TABLE_ACTIONS,
  XRAY_ACTIONS,
} from '#infra/constructs/ingest-function.ts';
import { BACKFILL_ACTIONS, QUERY_ACTIONS, REDRIVE_ACTIONS } from '#infra/constructs/operator-policies.ts';
import {
  actionsOf,
  arnOf,
  type BuiltStack,
  buildStack,
  type CfnResourceJson,
  imported,
  resourcesOfType,
  type Statement,
} from './build-stack.ts';

// Building a stack takes seconds on a loaded 2-core machine (most of it loading aws-cdk-lib).
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const TLS_ONLY_CONDITION = { Bool: { 'aws:SecureTransport': 'false' } };

function statementsOf(policy: CfnResourceJson): Statement[] {
  return policy.Properties.PolicyDocument.Statement as Statement[];
}

/** Every identity policy (AWS::IAM::Policy) attached to a role, by role logical id. */
function policiesOfRole(built: BuiltStack, roleId: string): CfnResourceJson[] {
  return [
    ...Object.values(resourcesOfType(built.template, 'AWS::IAM::Policy')),
    ...Object.values(resourcesOfType(built.dataTemplate, 'AWS::IAM::Policy')),
  ].filter((p) =>
    (p.Properties.Roles as unknown[]).some((r) => JSON.stringify(r) === JSON.stringify({ Ref: roleId })),
  );
}

let built: BuiltStack;
beforeAll(() => {
  built = buildStack();
});

describe('security', () => {
  describe('ingest function role (least privilege)', () => {
    it('is assumable by Lambda only and has no managed or inline policy of its own', () => {
      expect(built.props(built.stack.ingest.role)).toEqual({
        AssumeRolePolicyDocument: {
          Statement: [
            { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } },
          ],
          Version: '2012-10-17',
        },
        Description: expect.any(String),
      });
      expect(JSON.stringify(built.resource(built.stack.ingest.role))).not.toContain('ManagedPolicy');
      // managed policies: the read API's invoke policy and the operators' two, attached to no role
      expect(Object.keys(resourcesOfType(built.template, 'AWS::IAM::ManagedPolicy')).sort()).toEqual(
        [
          built.logicalId(built.stack.readApi.invokePolicy),
          built.logicalId(built.stack.operators.query),
          built.logicalId(built.stack.operators.operate),
        ].sort(),
      );
    });

    it('grants exactly these actions on exactly these resources', () => {
      const policies = policiesOfRole(built, built.logicalId(built.stack.ingest.role));
      expect(policies).toHaveLength(1);
      const statements = statementsOf(policies[0] as CfnResourceJson).map((s) => ({
        ...s,
        Action: actionsOf(s),
      }));
      const bucketArn = imported(built, 'BucketArn');
      expect(statements).toEqual(
        expect.arrayContaining([
          {
            Sid: 'WriteOwnLogs',
            Effect: 'Allow',
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            Resource: arnOf(built.logicalId(built.stack.ingest.logGroup)),
          },
          {
            Sid: 'ReadArticleObjects',
            Effect: 'Allow',
            Action: ['s3:GetObject', 's3:GetObjectVersion'],
            Resource: { 'Fn::Join': ['', [bucketArn, '/*']] },
          },
          {
            // with s3:ListBucket a missing key or version is a 404, not a 403
            Sid: 'ListArticleKeys',
            Effect: 'Allow',
            Action: ['s3:ListBucket'],
            Resource: bucketArn,
          },
          {
            Sid: 'ReadWriteArticleItems',
            Effect: 'Allow',
            Action: [
              'dynamodb:BatchGetItem',
              'dynamodb:BatchWriteItem',
              'dynamodb:DeleteItem',
              'dynamodb:GetItem',
              'dynamodb:PutItem',
              'dynamodb:Query',
              'dynamodb:UpdateItem',
            ],
            Resource: imported(built, 'TableArn'),
          },
          {
            Sid: 'ConsumeIngestQueue',
            Effect: 'Allow',
            Action: ['sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'],
            Resource: imported(built, 'QueueArn'),
          },
          {
            Effect: 'Allow',
            Action: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
            Resource: '*',
          },
        ]),
      );
      expect(statements).toHaveLength(6);
      // The exported action lists (used in docs and the construct) are exactly what is granted.
      expect(statements.flatMap((s) => s.Action).sort()).toEqual(
        [
          ...LOG_ACTIONS,
          ...BUCKET_ACTIONS,
          ...LIST_ACTIONS,
          ...TABLE_ACTIONS,
          ...QUEUE_ACTIONS,
          ...XRAY_ACTIONS,
        ].sort(),
      );
    });

    it('never grants Scan, index access, writes to S3 or other queues', () => {
      const text = JSON.stringify(policiesOfRole(built, built.logicalId(built.stack.ingest.role)));
      expect(text).not.toMatch(
        /dynamodb:Scan|\/index\/|s3:Put|s3:Delete|s3:ListBucketVersions|s3:ListAllMyBuckets|sqs:Send|dynamodb:\*|s3:\*|sqs:\*/,
      );
      expect(text).not.toContain('DeadLetterQueue');
      expect(text).not.toContain(built.logicalId(built.data.articles.accessLogsBucket));
    });
  });

  describe('bucket notifications handler role (provided by aws-cdk-lib)', () => {
    it('may only put the notification configuration of the articles bucket', () => {
      const [roleId, role] = Object.entries(resourcesOfType(built.dataTemplate, 'AWS::IAM::Role')).find(
        ([id]) => id.startsWith('BucketNotificationsHandler'),
      ) as [string, CfnResourceJson];
      expect(role.Properties.ManagedPolicyArns).toEqual([
        {
          'Fn::Join': [
            '',
            ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
          ],
        },
      ]);
      const policies = policiesOfRole(built, roleId);
      expect(policies.flatMap(statementsOf)).toEqual([
        {
          Effect: 'Allow',
          Action: 's3:PutBucketNotification',
          Resource: arnOf(built.logicalId(built.data.articles.bucket)),
        },
      ]);
    });
  });

  it('has only the two roles above and the read API function role (read-api.test.ts)', () => {
    expect(Object.keys(resourcesOfType(built.template, 'AWS::IAM::Role')).sort()).toEqual(
      [built.logicalId(built.stack.ingest.role), built.logicalId(built.stack.readApi.role)].sort(),
    );
    const dataRoles = Object.keys(resourcesOfType(built.dataTemplate, 'AWS::IAM::Role'));
    expect(dataRoles).toHaveLength(1);
    expect(dataRoles[0]).toMatch(/^BucketNotificationsHandler/);
  });

  describe('operator policies (managed, output by the stack)', () => {
    const statementsOfPolicy = (construct: { node: { defaultChild?: unknown } }) =>
      statementsOf(built.resource(construct)).map((s) => ({ ...s, Action: actionsOf(s) }));
    const tableAndIndexes = () => [
      imported(built, 'TableArn'),
      { 'Fn::Join': ['', [imported(built, 'TableArn'), '/index/*']] },
    ];

    it('query: reads the table and its indexes, nothing else', () => {
      expect(statementsOfPolicy(built.stack.operators.query)).toEqual([
        {
          Sid: 'QueryArticleItems',
          Effect: 'Allow',
          Action: [...QUERY_ACTIONS].sort(),
          Resource: tableAndIndexes(),
        },
      ]);
    });

    it('operate: query, plus listing the bucket, enqueueing and redriving the dead-letter queue', () => {
      expect(statementsOfPolicy(built.stack.operators.operate)).toEqual([
        {
          Sid: 'QueryArticleItems',
          Effect: 'Allow',
          Action: [...QUERY_ACTIONS].sort(),
          Resource: tableAndIndexes(),
        },
        {
          Sid: 'ListArticleKeys',
          Effect: 'Allow',
          Action: [...BACKFILL_ACTIONS.bucket],
          Resource: imported(built, 'BucketArn'),
        },
        {
          Sid: 'EnqueueNotifications',
          Effect: 'Allow',
          Action: [...BACKFILL_ACTIONS.queue].sort(),
          Resource: imported(built, 'QueueArn'),
        },
        {
          Sid: 'RedriveDeadLetters',
          Effect: 'Allow',
          Action: [...REDRIVE_ACTIONS].sort(),
          Resource: imported(built, 'DeadLetterQueueArn'),
        },
      ]);
      const text = JSON.stringify(built.resource(built.stack.operators.operate));
      expect(text).not.toMatch(/s3:GetObject|s3:Put|s3:Delete|dynamodb:(Put|Update|Delete|BatchWrite|Scan)/);
    });
  });

  it('uses no wildcard action, and a wildcard resource only for X-Ray (acknowledged)', () => {
    for (const policy of [
      ...Object.values(resourcesOfType(built.template, 'AWS::IAM::Policy')),
      ...Object.values(resourcesOfType(built.dataTemplate, 'AWS::IAM::Policy')),
      ...Object.values(resourcesOfType(built.template, 'AWS::IAM::ManagedPolicy')),
    ]) {
      for (const statement of statementsOf(policy)) {
        expect(actionsOf(statement).filter((a) => a.includes('*'))).toEqual([]);
        if (
          statement.Resource === '*' ||
          (Array.isArray(statement.Resource) && statement.Resource.includes('*'))
        ) {
          expect(actionsOf(statement)).toEqual([...XRAY_ACTIONS].sort());
        }
      }
    }
  });

  describe('TLS-only resource policies', () => {
    it.each([
      ['articles bucket', () => built.data.articles.bucket],
      ['access-log bucket', () => built.data.articles.accessLogsBucket],
    ])('the %s denies every request without TLS', (_name, bucket) => {
      const id = built.logicalId(bucket());
      const [policy] = Object.values(resourcesOfType(built.dataTemplate, 'AWS::S3::BucketPolicy')).filter(
        (p) => JSON.stringify(p.Properties.Bucket) === JSON.stringify({ Ref: id }),
      );
      expect(statementsOf(policy as CfnResourceJson)).toContainEqual({
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 's3:*',
        Condition: TLS_ONLY_CONDITION,
        Resource: [arnOf(id), { 'Fn::Join': ['', [arnOf(id), '/*']] }],
      });
    });

    it.each([
      ['ingest queue', () => built.data.queues.queue],
      ['dead-letter queue', () => built.data.queues.deadLetterQueue],
    ])('the %s denies every request without TLS', (_name, queue) => {
      const id = built.logicalId(queue());
      const [policy] = Object.values(resourcesOfType(built.dataTemplate, 'AWS::SQS::QueuePolicy')).filter(
        (p) => JSON.stringify(p.Properties.Queues) === JSON.stringify([{ Ref: id }]),
      );
      expect(statementsOf(policy as CfnResourceJson)).toContainEqual({
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 'sqs:*',
        Condition: TLS_ONLY_CONDITION,
        Resource: arnOf(id),
      });
    });

    it('lets S3 only send to the ingest queue, from the articles bucket of this account', () => {
      const queueId = built.logicalId(built.data.queues.queue);
      const allows = Object.values(resourcesOfType(built.dataTemplate, 'AWS::SQS::QueuePolicy'))
        .flatMap(statementsOf)
        .filter((s) => s.Effect === 'Allow');
      expect(allows).toEqual([
        {
          Sid: 'AllowS3Notifications',
          Effect: 'Allow',
          Principal: { Service: 's3.amazonaws.com' },
          Action: 'sqs:SendMessage',
          Resource: arnOf(queueId),
          Condition: {
            ArnLike: { 'aws:SourceArn': arnOf(built.logicalId(built.data.articles.bucket)) },
            StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
          },
        },
      ]);
    });

    it('lets the log service write access logs only under the articles prefix, from this account', () => {
      const logsId = built.logicalId(built.data.articles.accessLogsBucket);
      const allows = Object.values(resourcesOfType(built.dataTemplate, 'AWS::S3::BucketPolicy'))
        .flatMap(statementsOf)
        .filter((s) => s.Effect === 'Allow');
      expect(allows).toEqual([
        {
          Effect: 'Allow',
          Principal: { Service: 'logging.s3.amazonaws.com' },
          Action: 's3:PutObject',
          Resource: { 'Fn::Join': ['', [arnOf(logsId), '/articles/*']] },
          Condition: {
            ArnLike: { 'aws:SourceArn': arnOf(built.logicalId(built.data.articles.bucket)) },
            StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
          },
        },
      ]);
    });
  });

  describe('encryption at rest', () => {
    it('encrypts both buckets (SSE-S3)', () => {
      for (const bucket of Object.values(resourcesOfType(built.dataTemplate, 'AWS::S3::Bucket'))) {
        expect(bucket.Properties.BucketEncryption).toEqual({
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        });
      }
    });

    it('encrypts both queues (SSE-SQS)', () => {
      for (const queue of Object.values(resourcesOfType(built.dataTemplate, 'AWS::SQS::Queue'))) {
        expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
      }
    });

    it('encrypts the alarm topic with a rotated key of its own, and takes only TLS', () => {
      const [topic] = Object.values(resourcesOfType(built.template, 'AWS::SNS::Topic'));
      expect(topic?.Properties.KmsMasterKeyId).toBeDefined();
      const [policy] = Object.values(resourcesOfType(built.template, 'AWS::SNS::TopicPolicy'));
      expect(JSON.stringify(policy?.Properties.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
    });

    it('encrypts the table with the AWS-managed KMS key', () => {
      expect(built.resource(built.data.table.table).Properties.SSESpecification).toEqual({
        SSEEnabled: true,
      });
    });
  });

  it('caps input sizes through function configuration', () => {
    const env = built.resource(built.stack.ingest.function).Properties.Environment.Variables;
    expect(Number(env.MAX_OBJECT_BYTES)).toBe(built.config.maxObjectBytes);
    expect(Number(env.MAX_DECOMPRESSED_BYTES)).toBe(built.config.maxDecompressedBytes);
    expect(Number(env.MAX_OBJECT_BYTES)).toBeGreaterThan(0);
  });
});

describe('cdk-nag AwsSolutions', () => {
  /** Every acknowledged finding, with where it applies. Adding one must be a deliberate change. */
  const ACKNOWLEDGED = [
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole] @ NewsIngestData/BucketNotificationsHandler050a0587b7544547bf325f094a3db834/Role/Resource',
    'AwsSolutions-IAM5[Resource::*] @ NewsIngest/Ingest/Role/DefaultPolicy/Resource',
    'AwsSolutions-IAM5[Resource::news-ingest-dev-data:BucketArn/*] @ NewsIngest/Ingest/Role/DefaultPolicy/Resource',
    'AwsSolutions-IAM5[Resource::news-ingest-dev-data:TableArn/index/*] @ NewsIngest/Operators/Query/Resource',
    'AwsSolutions-IAM5[Resource::news-ingest-dev-data:TableArn/index/*] @ NewsIngest/Operators/Operate/Resource',
    'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:execute-api:<AWS::Region>:<AWS::AccountId>:<ReadApiE377858D>/$default/GET/*] @ NewsIngest/ReadApi/InvokePolicy/Resource',
  ];
  const violations = (b: BuiltStack) => [b.data, b.stack].flatMap((s) => b.nag.validateScope(s).violations);

  it('reports no unacknowledged finding (dev)', () => {
    expect(violations(built)).toEqual([]);
  });

  it.each([
    ['prod', { stage: 'prod', account: '123456789012', region: 'eu-west-1', alarmEmails: 'ops@example.com' }],
    ['removalPolicy=destroy', { removalPolicy: 'destroy' }],
    ['an alarm topic of its own', { alarmTopicArn: 'arn:aws:sns:eu-west-1:123456789012:pager' }],
  ])('reports no unacknowledged finding (%s)', (_name, context) => {
    expect(violations(buildStack(context))).toEqual([]);
  });

  it('acknowledges exactly the findings listed, each of them still raised', () => {
    const b = buildStack();
    // The same pack with acknowledgements ignored shows what is acknowledged; none is stale.
    Object.assign(b.nag, { isAcknowledged: () => false });
    const raw = violations(b)
      .flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} @ ${r.constructPath}`))
      .sort();
    expect(raw).toEqual([...ACKNOWLEDGED].sort());
  });

  it('gives every acknowledgement a specific reason', () => {
    const reasons = [built.data, built.stack]
      .flatMap((s) => s.node.findAll())
      .flatMap((c) => c.node.metadata)
      .filter((m) => m.type === 'aws:cdk:acknowledged-rules')
      .flatMap((m) => Object.values(m.data as Record<string, string>));
    expect(reasons).toHaveLength(ACKNOWLEDGED.length);
    for (const reason of reasons) expect(reason.length).toBeGreaterThan(60);
  });
});
