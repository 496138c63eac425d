import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { BY_ENTITY_INDEX, BY_SPEAKER_INDEX } from '#infra/constructs/articles-table.ts';
import { INGEST_RUNTIME } from '#infra/constructs/ingest-function.ts';
import {
  INVOKE_ACTIONS,
  READ_API_THROTTLE,
  READ_INDEX_ACTIONS,
  READ_TABLE_ACTIONS,
} from '#infra/constructs/read-api.ts';
import { ROUTES } from '#read/api.ts';
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

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

let built: BuiltStack;
beforeAll(() => {
  built = buildStack();
});

const idOf = (c: { node: { defaultChild?: unknown } }) => built.logicalId(c);
// the table is the data stack's, imported by its fixed export name
const tableArn = () => imported(built, 'TableArn');
const indexArn = (name: string) => ({ 'Fn::Join': ['', [tableArn(), `/index/${name}`]] });

function readRoleStatements(): Statement[] {
  const roleRef = JSON.stringify({ Ref: idOf(built.stack.readApi.role) });
  const policies = Object.values(resourcesOfType(built.template, 'AWS::IAM::Policy')).filter((p) =>
    (p.Properties.Roles as unknown[]).some((r) => JSON.stringify(r) === roleRef),
  );
  expect(policies).toHaveLength(1);
  return (policies[0] as CfnResourceJson).Properties.PolicyDocument.Statement as Statement[];
}

describe('read API function role', () => {
  it('is assumable by Lambda only, with no managed or inline policy of its own', () => {
    expect(built.props(built.stack.readApi.role)).toEqual({
      AssumeRolePolicyDocument: {
        Statement: [
          { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } },
        ],
        Version: '2012-10-17',
      },
      Description: expect.any(String),
    });
  });

  it('may read items of the table and query the table and its two indexes, and write its own logs', () => {
    const statements = readRoleStatements().map((s) => ({ ...s, Action: actionsOf(s) }));
    expect(statements).toEqual([
      {
        Sid: 'WriteOwnLogs',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: arnOf(idOf(built.stack.readApi.logGroup)),
      },
      {
        Sid: 'ReadArticleItems',
        Effect: 'Allow',
        Action: ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query'],
        Resource: tableArn(),
      },
      {
        Sid: 'QueryArticleIndexes',
        Effect: 'Allow',
        Action: ['dynamodb:Query'],
        // CDK sorts the resources of a statement
        Resource: [indexArn(BY_ENTITY_INDEX), indexArn(BY_SPEAKER_INDEX)],
      },
    ]);
    expect([...READ_TABLE_ACTIONS].sort()).toEqual([
      'dynamodb:BatchGetItem',
      'dynamodb:GetItem',
      'dynamodb:Query',
    ]);
    expect([...READ_INDEX_ACTIONS]).toEqual(['dynamodb:Query']);
  });

  it('has no write action and no data resource outside the table and its indexes', () => {
    const readOnly = new Set(['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query']);
    const allowed = [tableArn(), indexArn(BY_SPEAKER_INDEX), indexArn(BY_ENTITY_INDEX)].map((r) =>
      JSON.stringify(r),
    );
    for (const statement of readRoleStatements()) {
      const actions = actionsOf(statement);
      expect(
        actions.filter(
          (a) => /\*|Put|Update|Delete|Write|Create|Scan|Transact|PartiQL/.test(a) && !a.startsWith('logs:'),
        ),
      ).toEqual([]);
      const resources = Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];
      if (actions.some((a) => a.startsWith('dynamodb:'))) {
        expect(actions.every((a) => readOnly.has(a))).toBe(true);
        for (const r of resources) expect(allowed).toContain(JSON.stringify(r));
      } else {
        // the logs statement: its own log group only
        expect(actions).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
        expect(resources).toEqual([arnOf(idOf(built.stack.readApi.logGroup))]);
      }
    }
    const text = JSON.stringify(readRoleStatements());
    expect(text).not.toMatch(/s3:|sqs:|xray:|kms:|"\*"/);
  });
});

describe('read API function', () => {
  it('runs the read handler on the same runtime as the ingest function, with the table name only', () => {
    const props = built.resource(built.stack.readApi.function).Properties;
    expect(props).toMatchObject({
      Handler: 'index.handler',
      Runtime: INGEST_RUNTIME.name,
      Architectures: ['arm64'],
      Timeout: 10,
      MemorySize: 512,
      Role: arnOf(idOf(built.stack.readApi.role)),
      LoggingConfig: { LogGroup: { Ref: idOf(built.stack.readApi.logGroup) } },
    });
    expect(props.Environment.Variables).toEqual({
      TABLE_NAME: {
        'Fn::Select': [1, { 'Fn::Split': ['/', { 'Fn::Select': [5, { 'Fn::Split': [':', tableArn()] }] }] }],
      },
      STAGE: 'dev',
      POWERTOOLS_SERVICE_NAME: 'news-ingest-read',
      // cdk.json: stages.dev.logLevel
      POWERTOOLS_LOG_LEVEL: 'DEBUG',
      NODE_OPTIONS: '--enable-source-maps',
    });
  });

  it('may be invoked by API Gateway for this API only', () => {
    const permissions = Object.values(resourcesOfType(built.template, 'AWS::Lambda::Permission')).filter(
      (p) =>
        JSON.stringify(p.Properties.FunctionName) ===
        JSON.stringify(arnOf(idOf(built.stack.readApi.function))),
    );
    expect(permissions).toHaveLength(ROUTES.length);
    for (const p of permissions) {
      expect(p.Properties.Principal).toBe('apigateway.amazonaws.com');
      expect(JSON.stringify(p.Properties.SourceArn)).toContain(
        JSON.stringify({ Ref: idOf(built.stack.readApi.api) }),
      );
    }
  });
});

describe('HTTP API', () => {
  it('has exactly the routes of the use case, each GET, IAM-authorized, to the read function', () => {
    const routes = Object.values(resourcesOfType(built.template, 'AWS::ApiGatewayV2::Route'));
    expect(routes.map((r) => r.Properties.RouteKey).sort()).toEqual([...ROUTES].sort());
    const integrations = resourcesOfType(built.template, 'AWS::ApiGatewayV2::Integration');
    for (const route of routes) {
      expect(route.Properties.AuthorizationType).toBe('AWS_IAM');
      const target = route.Properties.Target['Fn::Join'][1][1].Ref as string;
      expect(integrations[target]?.Properties).toEqual({
        ApiId: { Ref: idOf(built.stack.readApi.api) },
        IntegrationType: 'AWS_PROXY',
        IntegrationUri: arnOf(idOf(built.stack.readApi.function)),
        PayloadFormatVersion: '2.0',
      });
    }
  });

  it('matches the OpenAPI document route for route', () => {
    const doc = JSON.parse(
      readFileSync(new URL('../../functions/read/openapi.json', import.meta.url), 'utf8'),
    );
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual([...ROUTES].sort());
  });

  it('deploys a throttled $default stage with JSON access logs to its own log group', () => {
    expect(built.props(built.stack.readApi.stage)).toMatchObject({
      ApiId: { Ref: idOf(built.stack.readApi.api) },
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: {
        ThrottlingRateLimit: READ_API_THROTTLE.rateLimit,
        ThrottlingBurstLimit: READ_API_THROTTLE.burstLimit,
      },
      AccessLogSettings: { DestinationArn: arnOf(idOf(built.stack.readApi.accessLogGroup)) },
    });
    const format = JSON.parse(built.resource(built.stack.readApi.stage).Properties.AccessLogSettings.Format);
    expect(format).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
    expect(JSON.stringify(format)).not.toMatch(/responseBody|requestBody/);
  });
});

describe('invoke policy and outputs', () => {
  it('a managed policy grants execute-api:Invoke on GET routes of this API, attached to nobody', () => {
    const props = built.resource(built.stack.readApi.invokePolicy).Properties;
    expect(props.Roles ?? props.Users ?? props.Groups).toBeUndefined();
    expect(props.PolicyDocument.Statement).toEqual([
      {
        Sid: 'InvokeReadApi',
        Effect: 'Allow',
        Action: INVOKE_ACTIONS[0],
        Resource: {
          'Fn::Join': [
            '',
            [
              'arn:',
              { Ref: 'AWS::Partition' },
              ':execute-api:',
              { Ref: 'AWS::Region' },
              ':',
              { Ref: 'AWS::AccountId' },
              ':',
              { Ref: idOf(built.stack.readApi.api) },
              '/$default/GET/*',
            ],
          ],
        },
      },
    ]);
  });

  it('outputs the API URL and the policy ARN', () => {
    const outputs = built.template.toJSON().Outputs;
    expect(outputs.ReadApiUrl.Value).toEqual({
      'Fn::Join': [
        '',
        [
          'https://',
          { Ref: idOf(built.stack.readApi.api) },
          '.execute-api.',
          { Ref: 'AWS::Region' },
          '.',
          { Ref: 'AWS::URLSuffix' },
          '/',
        ],
      ],
    });
    expect(outputs.ReadApiInvokePolicyArn.Value).toEqual({ Ref: idOf(built.stack.readApi.invokePolicy) });
  });

  it('adds exactly these resources', () => {
    const counts: Record<string, number> = {};
    for (const [id, r] of Object.entries(
      built.template.toJSON().Resources as Record<string, { Type: string }>,
    ))
      if (id.startsWith('ReadApi')) counts[r.Type] = (counts[r.Type] ?? 0) + 1;
    expect(counts).toEqual({
      'AWS::Logs::LogGroup': 2,
      'AWS::IAM::Role': 1,
      'AWS::IAM::Policy': 1,
      'AWS::IAM::ManagedPolicy': 1,
      'AWS::Lambda::Function': 1,
      'AWS::Lambda::Permission': ROUTES.length,
      'AWS::ApiGatewayV2::Api': 1,
      'AWS::ApiGatewayV2::Stage': 1,
      'AWS::ApiGatewayV2::Integration': 1, // shared by every route
      'AWS::ApiGatewayV2::Route': ROUTES.length,
    });
  });
});
