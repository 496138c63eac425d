import { fileURLToPath } from 'node:url';
import { type CfnElement, type Duration, type RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { LogLevel } from '../config.ts';

/** The handler module, relative to this file (ESM has no `__dirname`). */
export const INGEST_ENTRY = fileURLToPath(new URL('../../functions/handlers/ingest.ts', import.meta.url));

/** The project root and its lockfile, found from this file: synth works from any directory. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const LOCK_FILE = fileURLToPath(new URL('../../package-lock.json', import.meta.url));

/**
 * The entity model's binary artifact, relative to the project root, and its name in the asset: it
 * ships as a file beside index.mjs (read by the handler at init) rather than inlined in the
 * JavaScript, which V8 would have to parse at every cold start.
 */
export const NER_MODEL_ARTIFACT = 'functions/core/model/ner-model.bin';
export const NER_MODEL_ASSET_NAME = 'ner-model.bin';

/** Runtime of the ingest function: set explicitly, never the construct's default. */
export const INGEST_RUNTIME = lambda.Runtime.NODEJS_24_X;

/** Item-level DynamoDB actions the function needs on its table (no Scan, no index access). */
export const TABLE_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
] as const;

/** Read access to article objects, including a given version. */
export const BUCKET_ACTIONS = ['s3:GetObject', 's3:GetObjectVersion'] as const;

/**
 * Listing the bucket: with it S3 answers 404 for a missing key or version, without it 403, which
 * looks like an outage; the function also lists one key to tell a 403 for a missing key apart.
 */
export const LIST_ACTIONS = ['s3:ListBucket'] as const;

/** What the Lambda SQS poller needs on the queue (the AWSLambdaSQSQueueExecutionRole set). */
export const QUEUE_ACTIONS = ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'] as const;

/** Writing the function's own log streams. */
export const LOG_ACTIONS = ['logs:CreateLogStream', 'logs:PutLogEvents'] as const;

/** Added by `tracing: ACTIVE`; X-Ray has no resource-level permissions. */
export const XRAY_ACTIONS = ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'] as const;

/**
 * A createRequire banner for the ESM bundle: CommonJS dependencies bundled into an ES module call
 * `require` for Node built-ins, which ESM does not define.
 */
const ESM_REQUIRE_BANNER =
  "import { createRequire as __newsIngestCreateRequire } from 'node:module'; const require = __newsIngestCreateRequire(import.meta.url);";

/** esbuild options of the functions' bundles (ingest and read). */
export const INGEST_BUNDLING = {
  // The same bundle also runs in the local stack on Node 20; node20 syntax runs on 24 as is.
  target: 'node20',
  mainFields: ['module', 'main'],
  banner: ESM_REQUIRE_BANNER,
} as const;

/**
 * The deployed bundle of `entry` as plain esbuild options, built in memory with its metafile: what
 * the benchmark and the bundle test build to see which inputs the asset holds and their bytes.
 */
export function bundleInspectionOptions(entry: string) {
  return {
    entryPoints: [entry],
    bundle: true,
    platform: 'node' as const,
    format: 'esm' as const,
    target: INGEST_BUNDLING.target,
    mainFields: [...INGEST_BUNDLING.mainFields] as string[],
    banner: { js: INGEST_BUNDLING.banner },
    minify: true,
    write: false as const,
    metafile: true as const,
    outfile: 'index.mjs',
    logLevel: 'silent' as const,
  };
}

export interface IngestFunctionProps {
  /** The articles bucket; the function may only read its objects. */
  readonly bucket: s3.IBucket;
  /** The table the function writes. */
  readonly table: dynamodb.ITable;
  /** The queue of S3 notifications the function consumes. */
  readonly queue: sqs.IQueue;
  /** Deployment stage, passed to the function as `STAGE`. */
  readonly stage: string;
  /** Function timeout. */
  readonly timeout: Duration;
  /** Function memory, in MB. */
  readonly memorySize: number;
  /** Messages per invocation. */
  readonly batchSize: number;
  /** Maximum concurrent invocations by the SQS event source. */
  readonly maxConcurrency: number;
  /** Objects larger than this many bytes are recorded as failed without being read. */
  readonly maxObjectBytes: number;
  /** Cap on the decompressed size of a compressed object. */
  readonly maxDecompressedBytes: number;
  /** Characters of an article body handed to extraction. */
  readonly maxExtractChars: number;
  /** No record is started with less than this left before the timeout. */
  readonly deadlineReserve: Duration;
  /** Level of the function's JSON logs (Lambda's application log level and Powertools'). */
  readonly logLevel: LogLevel;
  /** Retention of the function's log group. */
  readonly logRetention: logs.RetentionDays;
  /** What happens to the log group when it leaves the stack. */
  readonly logRemovalPolicy: RemovalPolicy;
}

/**
 * The ingest function with its least-privilege role, log group and SQS event source mapping.
 *
 * The bundle is built by the local esbuild (never Docker) as one minified ES module with source
 * maps and **every** dependency inside it, the AWS SDK included, plus the entity model's binary
 * artifact copied beside it: what runs on Lambda and in the local stack is exactly this asset. The role is written by hand rather than through `grant*`
 * helpers, whose action sets are broader than the function needs (e.g. `grantReadWriteData` adds
 * Scan and index ARNs, `grantConsumeMessages` adds GetQueueUrl and ChangeMessageVisibility).
 */
export class IngestFunction extends Construct {
  /** The ingest function. */
  readonly function: nodejs.NodejsFunction;
  /** Its execution role: no managed policy, only the statements listed in this file. */
  readonly role: iam.Role;
  /** Its log group. */
  readonly logGroup: logs.LogGroup;
  /** The SQS event source mapping. */
  readonly eventSourceMapping: lambda.EventSourceMapping;

  constructor(scope: Construct, id: string, props: IngestFunctionProps) {
    super(scope, id);

    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      retention: props.logRetention,
      removalPolicy: props.logRemovalPolicy,
    });

    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'news-ingest ingest function: read articles, write its table, consume its queue',
    });
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'WriteOwnLogs',
        actions: [...LOG_ACTIONS],
        resources: [this.logGroup.logGroupArn],
      }),
    );
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ReadArticleObjects',
        actions: [...BUCKET_ACTIONS],
        resources: [props.bucket.arnForObjects('*')],
      }),
    );
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ListArticleKeys',
        actions: [...LIST_ACTIONS],
        resources: [props.bucket.bucketArn],
      }),
    );
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ReadWriteArticleItems',
        actions: [...TABLE_ACTIONS],
        resources: [props.table.tableArn],
      }),
    );
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ConsumeIngestQueue',
        actions: [...QUEUE_ACTIONS],
        resources: [props.queue.queueArn],
      }),
    );

    this.function = new nodejs.NodejsFunction(this, 'Function', {
      description: 'news-ingest: S3 notification (via SQS) -> parse, extract entities and quotes -> DynamoDB',
      entry: INGEST_ENTRY,
      handler: 'handler',
      runtime: INGEST_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      timeout: props.timeout,
      memorySize: props.memorySize,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: lambda.ApplicationLogLevel[props.logLevel],
      systemLogLevelV2: lambda.SystemLogLevel.WARN,
      tracing: lambda.Tracing.ACTIVE,
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: LOCK_FILE,
      environment: {
        TABLE_NAME: props.table.tableName,
        BUCKET_NAME: props.bucket.bucketName,
        MAX_OBJECT_BYTES: String(props.maxObjectBytes),
        MAX_DECOMPRESSED_BYTES: String(props.maxDecompressedBytes),
        MAX_EXTRACT_CHARS: String(props.maxExtractChars),
        DEADLINE_RESERVE_MS: String(props.deadlineReserve.toMilliseconds()),
        STAGE: props.stage,
        POWERTOOLS_SERVICE_NAME: 'news-ingest',
        POWERTOOLS_METRICS_NAMESPACE: 'NewsIngest',
        POWERTOOLS_LOG_LEVEL: props.logLevel,
        // No --enable-source-maps: parsing the 1.5 MB map cost 40-50 ms of every cold start. The map
        // ships in the asset; `npm run -s decode-stack -- MAP` turns a logged stack back into
        // TypeScript positions (docs/infra.md#bundle).
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
        // after esbuild, into the asset directory (locally, as every bundling step here)
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          afterBundling: (inputDir: string, outputDir: string) => [
            `cp "${inputDir}/${NER_MODEL_ARTIFACT}" "${outputDir}/${NER_MODEL_ASSET_NAME}"`,
          ],
        },
      },
    });

    this.eventSourceMapping = this.function.addEventSourceMapping('SqsEventSource', {
      eventSourceArn: props.queue.queueArn,
      batchSize: props.batchSize,
      reportBatchItemFailures: true,
      maxConcurrency: props.maxConcurrency,
    });
    // The poller starts with the role's permissions in place.
    const defaultPolicy = this.role.node.tryFindChild('DefaultPolicy');
    if (defaultPolicy !== undefined) this.eventSourceMapping.node.addDependency(defaultPolicy);

    const bucketArn = Stack.of(this).resolve(props.bucket.bucketArn) as unknown;
    const bucketRef =
      typeof bucketArn === 'object' && bucketArn !== null && 'Fn::ImportValue' in bucketArn
        ? String((bucketArn as Record<string, unknown>)['Fn::ImportValue'])
        : `<${Stack.of(this).getLogicalId(props.bucket.node.defaultChild as CfnElement)}.Arn>`;
    Validations.of(this.role).acknowledge(
      {
        id: `AwsSolutions-IAM5[Resource::${bucketRef}/*]`,
        reason: `The function reads whatever object key a notification names; the wildcard covers the objects of the articles bucket only, with s3:GetObject and s3:GetObjectVersion only.`,
      },
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'xray:PutTraceSegments and xray:PutTelemetryRecords (added by active tracing) support no resource-level permissions; nothing else in this role uses "*".',
      },
    );
  }
}
