import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  bucketNameFrom,
  buildStackModel,
  type CfnTemplate,
  eventMatches,
  matchingNotifications,
  type PhysicalResource,
  resolveEnvironment,
} from '#local/template.ts';

const template = JSON.parse(
  readFileSync(new URL('../fixtures/local/template.json', import.meta.url), 'utf8'),
) as CfnTemplate;
const model = buildStackModel(template, { stackName: 'demo-dev', assetRoot: '/tmp/cdk.out' });

describe('stack model of a template', () => {
  it('takes the table key schema and indexes, without CloudFormation-only properties', () => {
    expect(model.tables).toHaveLength(1);
    const [table] = model.tables;
    expect(table?.name).toBe('demo-dev-Table1');
    expect(table?.createTable).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: expect.any(Array),
    });
    for (const prop of [
      'PointInTimeRecoverySpecification',
      'SSESpecification',
      'TimeToLiveSpecification',
      'Tags',
    ]) {
      expect(table?.createTable).not.toHaveProperty(prop);
    }
    const gsi = (table?.createTable.GlobalSecondaryIndexes as Record<string, unknown>[] | undefined)?.[0];
    expect(gsi).toMatchObject({ IndexName: 'byG1' });
    expect(gsi).not.toHaveProperty('ContributorInsightsSpecification');
  });

  it('names buckets validly and keeps versioning', () => {
    const uploads = model.buckets.find((b) => b.logicalId === 'Uploads');
    expect(uploads).toEqual({ logicalId: 'Uploads', name: 'demo-dev-uploads', versioned: true });
    expect(model.buckets.find((b) => b.logicalId === 'Logs')?.versioned).toBe(false);
    expect(bucketNameFrom('My_Stack--X'.repeat(10))).toMatch(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/);
  });

  it('orders dead-letter queues first and keeps the redrive policy and attributes', () => {
    expect(model.queues.map((q) => q.logicalId)).toEqual(['Dead', 'Work']);
    const work = model.queues[1];
    expect(work?.redrive).toEqual({ deadLetterQueue: 'Dead', maxReceiveCount: 3 });
    expect(work?.attributes).toEqual({ VisibilityTimeout: '180', MessageRetentionPeriod: '345600' });
  });

  it('reads notifications from Custom::S3BucketNotifications with their filters', () => {
    expect(model.notifications).toHaveLength(2);
    expect(model.notifications[0]).toMatchObject({
      bucket: 'Uploads',
      events: ['s3:ObjectCreated:*'],
      filter: [
        { name: 'prefix', value: 'in/' },
        { name: 'suffix', value: '.txt' },
      ],
      target: { kind: 'queue', logicalId: 'Work' },
    });
    const created = (key: string) =>
      matchingNotifications(model.notifications, 'Uploads', 'ObjectCreated:Put', key);
    expect(created('in/a.txt')).toHaveLength(1);
    expect(created('in/a.json')).toHaveLength(0);
    expect(created('out/a.txt')).toHaveLength(0);
    expect(
      matchingNotifications(model.notifications, 'Uploads', 'ObjectRemoved:DeleteMarkerCreated', 'x'),
    ).toHaveLength(1);
    expect(matchingNotifications(model.notifications, 'Logs', 'ObjectCreated:Put', 'in/a.txt')).toHaveLength(
      0,
    );
    expect(eventMatches('s3:ObjectCreated:Put', 'ObjectCreated:Post')).toBe(false);
  });

  it('keeps only bundled Node functions (not CDK providers), with their settings', () => {
    expect(model.functions.map((f) => f.logicalId)).toEqual(['Fn']);
    expect(model.functions[0]).toMatchObject({
      assetDir: join('/tmp/cdk.out', 'asset.abc'),
      handler: 'index.handler',
      runtime: 'nodejs22.x',
      timeoutS: 30,
      memoryMb: 512,
      architectures: ['arm64'],
    });
  });

  it('reads the event source mapping', () => {
    expect(model.eventSourceMappings).toEqual([
      {
        logicalId: 'Mapping',
        queue: 'Work',
        function: 'Fn',
        batchSize: 7,
        reportBatchItemFailures: true,
        maximumConcurrency: 3,
        maximumBatchingWindowS: 0,
        enabled: true,
      },
    ]);
  });

  it('resolves Ref, GetAtt, Sub, Join, Select and Split in the environment', () => {
    const resources = new Map<string, PhysicalResource>([
      [
        'Table1',
        {
          ref: 'demo-dev-Table1',
          attributes: { Arn: 'arn:aws:dynamodb:eu-west-1:000000000000:table/demo-dev-Table1' },
        },
      ],
      ['Uploads', { ref: 'demo-dev-uploads', attributes: { Arn: 'arn:aws:s3:::demo-dev-uploads' } }],
      [
        'Work',
        {
          ref: 'http://127.0.0.1:1/000000000000/work',
          attributes: { Arn: 'arn:aws:sqs:eu-west-1:000000000000:work' },
        },
      ],
      ['Dead', { ref: 'http://127.0.0.1:1/000000000000/dead', attributes: { QueueName: 'dead' } }],
    ]);
    const env = resolveEnvironment(model.functions[0]?.environment ?? {}, {
      region: 'eu-west-1',
      accountId: '000000000000',
      stackName: 'demo-dev',
      resources,
    });
    expect(env).toEqual({
      TABLE_NAME: 'demo-dev-Table1',
      TABLE_ARN: 'arn:aws:dynamodb:eu-west-1:000000000000:table/demo-dev-Table1',
      BUCKET: 'demo-dev-uploads',
      QUEUE_URL: 'http://127.0.0.1:1/000000000000/work',
      WHERE: 'eu-west-1/000000000000/demo-dev-uploads/dead/$' + '{Literal}',
      JOINED: 'a-aws-b',
      FIRST: 'y',
      PLAIN: '42',
    });
    expect(() =>
      resolveEnvironment(
        { X: { Ref: 'Missing' } },
        { region: 'r', accountId: 'a', stackName: 's', resources },
      ),
    ).toThrow(/Missing/);
  });
});
