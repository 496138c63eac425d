import { fileURLToPath } from 'node:url';
import { CfnOutput, Duration, type RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ROUTES } from '../../functions/read/api.ts';
import type { LogLevel } from '../config.ts';
import { INGEST_BUNDLING, INGEST_RUNTIME, LOCK_FILE, PROJECT_ROOT } from './ingest-function.ts';

/** The handler module, relative to this file. */
export const READ_API_ENTRY = fileURLToPath(new URL('../../functions/handlers/read-api.ts', import.meta.url));

/** What the read function may do on the table: read items and query it, nothing else. */
export const READ_TABLE_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'] as const;
/** What it may do on the table's indexes. */
export const READ_INDEX_ACTIONS = ['dynamodb:Query'] as const;
/** The only action the invoke policy grants. */
export const INVOKE_ACTIONS = ['execute-api:Invoke'] as const;

/** Stage throttling: a cost and abuse guard, far above what a newsroom's tools need. */
export const READ_API_THROTTLE = { rateLimit: 50, burstLimit: 100 } as const;

export interface ReadApiProps {
  /** The articles table; the function may only read it. */
  readonly table: dynamodb.ITable;
  /** Names of the table's global secondary indexes the API queries. */
  readonly indexNames: readonly string[];
  /** Deployment stage, passed to the function as `STAGE`. */
  readonly stage: string;
  /** Powertools log level. */
  readonly logLevel: LogLevel;
  /** Retention of the function's log group and of the API's access logs. */
  readonly logRetention: logs.RetentionDays;
  /** What happens to the log groups when they leave the stack. */
  readonly logRemovalPolicy: RemovalPolicy;
  /** Function memory in MB (default 512). */
  readonly memorySize?: number;
}

/**
 * The read API: an API Gateway HTTP API whose routes (`ROUTES`, functions/read/api.ts) all go to
 * one read function, authorized by IAM (SigV4) only, with throttling and JSON access logs on its
 * `$default` stage; and a managed policy that grants invoking it, to attach to the roles, users or
 * groups of the API's users.
 *
 * The function's role may read items of the table and query the table and its indexes; it has no
 * write action and no other resource (no S3, no queue, no X-Ray). Its bundle is built like the
 * ingest function's: the local esbuild, one minified ES module with every dependency inside.
 */
export class ReadApi extends Construct {
  readonly function: nodejs.NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
  readonly accessLogGroup: logs.LogGroup;
  readonly api: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  /** Grants `execute-api:Invoke` on the API's routes. */
  readonly invokePolicy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: ReadApiProps) {
    super(scope, id);

    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      retention: props.logRetention,
      removalPolicy: props.logRemovalPolicy,
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'news-ingest read API function: read the articles table and its indexes, nothing else',
    });
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'WriteOwnLogs',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ReadArticleItems',
        actions: [...READ_TABLE_ACTIONS],
        resources: [props.table.tableArn],
      }),
    );
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'QueryArticleIndexes',
        actions: [...READ_INDEX_ACTIONS],
        resources: props.indexNames.map((name) => `${props.table.tableArn}/index/${name}`),
      }),
    );

    this.function = new nodejs.NodejsFunction(this, 'Function', {
      description: 'news-ingest read API: speakers, quotes, entities and articles from the table (read-only)',
      entry: READ_API_ENTRY,
      handler: 'handler',
      runtime: INGEST_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      timeout: Duration.seconds(10),
      memorySize: props.memorySize ?? 512,
      role: this.role,
      logGroup: this.logGroup,
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: LOCK_FILE,
      environment: {
        TABLE_NAME: props.table.tableName,
        STAGE: props.stage,
        POWERTOOLS_SERVICE_NAME: 'news-ingest-read',
        POWERTOOLS_LOG_LEVEL: props.logLevel,
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: {
        ...INGEST_BUNDLING,
        mainFields: [...INGEST_BUNDLING.mainFields],
        forceDockerBundling: false,
        format: nodejs.OutputFormat.ESM,
        externalModules: [],
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        metafile: false,
      },
    });

    this.accessLogGroup = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: props.logRemovalPolicy,
    });
    this.api = new apigw.HttpApi(this, 'Api', {
      apiName: `news-ingest-${props.stage}-read`,
      description: `news-ingest (${props.stage}) read API: IAM-authorized, read-only`,
      createDefaultStage: false,
      defaultAuthorizer: new HttpIamAuthorizer(),
    });
    this.stage = new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { ...READ_API_THROTTLE },
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(this.accessLogGroup),
        // who called what, never a response body
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            route: '$context.routeKey',
            path: '$context.path',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            bytes: '$context.responseLength',
            caller: '$context.identity.userArn',
            sourceIp: '$context.identity.sourceIp',
            error: '$context.error.message',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });
    const integration = new HttpLambdaIntegration('ReadIntegration', this.function, {
      payloadFormatVersion: apigw.PayloadFormatVersion.VERSION_2_0,
    });
    for (const route of ROUTES) {
      this.api.addRoutes({
        path: route.slice(route.indexOf(' ') + 1),
        methods: [apigw.HttpMethod.GET],
        integration,
      });
    }

    this.invokePolicy = new iam.ManagedPolicy(this, 'InvokePolicy', {
      description: 'Call the news-ingest read API (GET routes of its $default stage, SigV4-signed)',
      statements: [
        new iam.PolicyStatement({
          sid: 'InvokeReadApi',
          actions: [...INVOKE_ACTIONS],
          resources: [this.api.arnForExecuteApi('GET', '/*', '$default')],
        }),
      ],
    });
    // a stage with its own account and region has them (and the partition) literally in the ARN
    const stack = Stack.of(this);
    const literal = (value: string, pseudo: string) => (Token.isUnresolved(value) ? `<${pseudo}>` : value);
    const arnHead = `arn:${literal(stack.partition, 'AWS::Partition')}:execute-api:${literal(stack.region, 'AWS::Region')}:${literal(stack.account, 'AWS::AccountId')}`;
    Validations.of(this.invokePolicy).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${arnHead}:<${stack.getLogicalId(this.api.node.defaultChild as apigw.CfnApi)}>/$default/GET/*]`,
      reason:
        'The wildcard stands for the paths of this one API (ids are path segments); the policy allows GET only, every route of the API is a read-only GET, and no other API or stage is covered.',
    });

    new CfnOutput(Stack.of(this), 'ReadApiUrl', {
      value: this.stage.url,
      description: 'Base URL of the read API (SigV4, service execute-api)',
    });
    new CfnOutput(Stack.of(this), 'ReadApiInvokePolicyArn', {
      value: this.invokePolicy.managedPolicyArn,
      description: 'Managed policy to attach to whoever may call the read API',
    });
  }
}
