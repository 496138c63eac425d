/**
 * Typed, validated configuration of the news-ingest CDK app.
 *
 * Every setting comes from CDK context and is validated here with a clear error. For each key the
 * first of these that sets it wins: `cdk synth -c key=value` (or a top-level key of `cdk.json`
 * "context"), the stage's own settings (`cdk.json` "context" -> "stages" -> "<stage>"), the
 * built-in default. Nothing else in `infra/` reads context or the environment.
 */

/** How a stateful resource (bucket, table, log group) is treated when it leaves the stack. */
export type RemovalPolicyName = 'retain' | 'destroy';

/** Log levels understood by Powertools for AWS Lambda. */
export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

/** CloudWatch Logs retention periods (days) that CloudFormation accepts. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

export interface NewsIngestConfig {
  /** Deployment stage, part of every stack name (`news-ingest-<stage>`); lower-case, digits, dashes. */
  readonly stage: string;
  /** AWS account of the stage's stacks; required for prod, else the deploying credentials' account. */
  readonly account?: string;
  /** AWS region of the stage's stacks; required for prod, else the deploying credentials' region. */
  readonly region?: string;
  /** CloudFormation termination protection of both stacks (always on for prod). */
  readonly terminationProtection: boolean;
  /** `true` for the production stage: stricter defaults (deletion protection, longer retention). */
  readonly isProduction: boolean;
  /** Removal policy of the articles bucket, the access-log bucket and the table. */
  readonly removalPolicy: RemovalPolicyName;
  /** DynamoDB deletion protection on the table. */
  readonly deletionProtection: boolean;
  /** Retention of the function's log group, in days. */
  readonly logRetentionDays: (typeof LOG_RETENTION_DAYS)[number];
  /** Days a non-current (overwritten or deleted) article version is kept before it expires. */
  readonly noncurrentVersionExpirationDays: number;
  /** Days the server access logs of the articles bucket are kept. */
  readonly accessLogExpirationDays: number;
  /** Ingest function timeout, in seconds. The queue's visibility timeout is 6 times this. */
  readonly functionTimeoutSeconds: number;
  /**
   * The function starts no further record of a batch with less time left than this (seconds):
   * the longest one record may take. Must be below the function timeout.
   */
  readonly deadlineReserveSeconds: number;
  /** Characters of an article body handed to extraction; longer bodies are cut and flagged. */
  readonly maxExtractChars: number;
  /** Ingest function memory, in MB (the NER model is held in memory). */
  readonly functionMemoryMb: number;
  /** Maximum concurrent function invocations the SQS event source may use (cost and throttle guard). */
  readonly maxConcurrency: number;
  /** Messages per invocation. */
  readonly batchSize: number;
  /** Receives before a message is moved to the dead-letter queue. */
  readonly maxReceiveCount: number;
  /** Objects larger than this (bytes, as stored) are recorded as failed without being read. */
  readonly maxObjectBytes: number;
  /** Cap on the decompressed size of a compressed object (bytes). */
  readonly maxDecompressedBytes: number;
  /** Powertools log level of the ingest function. */
  readonly logLevel: LogLevel;
  /** Alarm threshold on the age of the oldest message in the ingest queue, in seconds. */
  readonly oldestMessageAlarmSeconds: number;
  /**
   * An SNS topic you own (paging, chat) that every alarm notifies on ALARM and OK, instead of the
   * topic the stack creates.
   */
  readonly alarmTopicArn?: string;
  /** E-mail addresses subscribed to the stack's alarm topic (each confirms once by e-mail). */
  readonly alarmEmails: readonly string[];
}

/** Anything with `tryGetContext`: a construct node (`app.node`), or a plain lookup in tests. */
export interface ContextSource {
  tryGetContext(key: string): unknown;
}

/** Context keys read by {@link loadConfig}, with the type each one expects. */
export const CONTEXT_KEYS = [
  'stage',
  'account',
  'region',
  'terminationProtection',
  'deadlineReserveSeconds',
  'maxExtractChars',
  'alarmEmails',
  'removalPolicy',
  'deletionProtection',
  'logRetentionDays',
  'noncurrentVersionExpirationDays',
  'accessLogExpirationDays',
  'functionTimeoutSeconds',
  'functionMemoryMb',
  'maxConcurrency',
  'batchSize',
  'maxReceiveCount',
  'maxObjectBytes',
  'maxDecompressedBytes',
  'logLevel',
  'oldestMessageAlarmSeconds',
  'alarmTopicArn',
] as const;

/** Raised when a context value is missing its type or range; the message names the key. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const MIB = 1024 * 1024;
/**
 * The queue's visibility timeout is this many times the function timeout (AWS guidance for SQS
 * event sources). With the 900 s function maximum that is 90 minutes, within the SQS cap of 12 h.
 */
export const VISIBILITY_TIMEOUT_FACTOR = 6;

/**
 * Function timeout and the per-record reserve, sized from the worst cases measured in
 * docs/reliability.md ("Time budget"): one record takes at most about a minute at the extraction
 * cap on a 1,024 MB function, so a batch stops starting records with 60 s left, and 180 s leave
 * room for two worst-case records or a full batch of ordinary ones.
 */
export const DEFAULT_FUNCTION_TIMEOUT_SECONDS = 180;
export const DEFAULT_DEADLINE_RESERVE_SECONDS = 60;

function describe(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
}

function readString(ctx: ContextSource, key: string): string | undefined {
  const value = ctx.tryGetContext(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string')
    throw new ConfigError(`context "${key}" must be a string, got ${describe(value)}`);
  return value;
}

function readInt(ctx: ContextSource, key: string, fallback: number, min: number, max: number): number {
  const raw = ctx.tryGetContext(key);
  if (raw === undefined || raw === null || raw === '') return fallback;
  const value = typeof raw === 'string' && /^-?\d+$/.test(raw.trim()) ? Number(raw.trim()) : raw;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new ConfigError(`context "${key}" must be an integer, got ${describe(raw)}`);
  }
  if (value < min || value > max) {
    throw new ConfigError(`context "${key}" must be between ${min} and ${max}, got ${value}`);
  }
  return value;
}

function readBool(ctx: ContextSource, key: string, fallback: boolean): boolean {
  const raw = ctx.tryGetContext(key);
  if (raw === undefined || raw === null || raw === '') return fallback;
  if (raw === true || raw === 'true') return true;
  if (raw === false || raw === 'false') return false;
  throw new ConfigError(`context "${key}" must be true or false, got ${describe(raw)}`);
}

function readEnum<T extends string>(ctx: ContextSource, key: string, allowed: readonly T[], fallback: T): T {
  const raw = readString(ctx, key);
  if (raw === undefined) return fallback;
  const found = allowed.find((a) => a === raw || a === raw.toUpperCase() || a === raw.toLowerCase());
  if (found === undefined) {
    throw new ConfigError(`context "${key}" must be one of ${allowed.join(', ')}, got ${describe(raw)}`);
  }
  return found;
}

/**
 * Reads and validates the configuration from CDK context.
 *
 * Stage-dependent defaults: the `prod` stage turns on table deletion protection and keeps logs for a
 * year; every stage retains the bucket and the table unless `removalPolicy=destroy` is given.
 *
 * @throws ConfigError naming the offending key when a value has the wrong type or range.
 */
export function loadConfig(root: ContextSource): NewsIngestConfig {
  const stage = readString(root, 'stage') ?? 'dev';
  if (!/^[a-z][a-z0-9-]{0,19}$/.test(stage)) {
    throw new ConfigError(
      `context "stage" must start with a lower-case letter and contain only a-z, 0-9 and "-" (at most 20 characters), got ${describe(stage)}`,
    );
  }
  const isProduction = stage === 'prod';
  const ctx = withStageSettings(root, stage);

  const account = readString(ctx, 'account');
  if (account !== undefined && !/^\d{12}$/.test(account))
    throw new ConfigError(`context "account" must be a 12-digit AWS account id, got ${describe(account)}`);
  const region = readString(ctx, 'region');
  if (region !== undefined && !/^[a-z]{2}(-[a-z]+)+-\d$/.test(region))
    throw new ConfigError(
      `context "region" must be an AWS region such as eu-west-1, got ${describe(region)}`,
    );
  if (isProduction && (account === undefined || region === undefined)) {
    throw new ConfigError(
      `stage "prod" deploys only to its own account and region: set "account" and "region" under context.stages.prod in cdk.json (or -c account=123456789012 -c region=eu-west-1)`,
    );
  }

  const functionTimeoutSeconds = readInt(
    ctx,
    'functionTimeoutSeconds',
    DEFAULT_FUNCTION_TIMEOUT_SECONDS,
    5,
    900,
  );
  const deadlineReserveSeconds = readInt(
    ctx,
    'deadlineReserveSeconds',
    Math.min(DEFAULT_DEADLINE_RESERVE_SECONDS, Math.floor(functionTimeoutSeconds / 2)),
    1,
    899,
  );
  if (deadlineReserveSeconds >= functionTimeoutSeconds) {
    throw new ConfigError(
      `context "deadlineReserveSeconds" (${deadlineReserveSeconds}) must be below "functionTimeoutSeconds" (${functionTimeoutSeconds})`,
    );
  }

  const maxObjectBytes = readInt(ctx, 'maxObjectBytes', 10 * MIB, 1024, 1024 * MIB);
  const maxDecompressedBytes = readInt(
    ctx,
    'maxDecompressedBytes',
    Math.max(20 * MIB, maxObjectBytes),
    1024,
    4096 * MIB,
  );
  if (maxDecompressedBytes < maxObjectBytes) {
    throw new ConfigError(
      `context "maxDecompressedBytes" (${maxDecompressedBytes}) must be at least "maxObjectBytes" (${maxObjectBytes})`,
    );
  }

  const logRetentionDays = readInt(ctx, 'logRetentionDays', isProduction ? 365 : 30, 1, 3653);
  const allowedRetention = LOG_RETENTION_DAYS.find((d) => d === logRetentionDays);
  if (allowedRetention === undefined) {
    throw new ConfigError(
      `context "logRetentionDays" must be one of ${LOG_RETENTION_DAYS.join(', ')}, got ${logRetentionDays}`,
    );
  }

  const alarmTopicArn = readString(ctx, 'alarmTopicArn');
  if (
    alarmTopicArn !== undefined &&
    !/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/.test(alarmTopicArn)
  ) {
    throw new ConfigError(
      `context "alarmTopicArn" must be an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:NAME), got ${describe(alarmTopicArn)}`,
    );
  }

  const removalPolicy = readEnum<RemovalPolicyName>(ctx, 'removalPolicy', ['retain', 'destroy'], 'retain');
  const deletionProtection = readBool(ctx, 'deletionProtection', isProduction);
  const terminationProtection = readBool(ctx, 'terminationProtection', isProduction);
  if (isProduction) {
    const loose = [
      removalPolicy !== 'retain' ? `"removalPolicy" ${removalPolicy}` : undefined,
      !deletionProtection ? '"deletionProtection" false' : undefined,
      !terminationProtection ? '"terminationProtection" false' : undefined,
    ].filter((x) => x !== undefined);
    if (loose.length)
      throw new ConfigError(
        `stage "prod" keeps its data: ${loose.join(', ')} is not allowed (prod retains and protects everything)`,
      );
  }

  const alarmEmails = readStringList(ctx, 'alarmEmails');
  for (const email of alarmEmails) {
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))
      throw new ConfigError(`context "alarmEmails" must hold e-mail addresses, got ${describe(email)}`);
  }

  return {
    stage,
    isProduction,
    ...(account === undefined ? {} : { account }),
    ...(region === undefined ? {} : { region }),
    terminationProtection,
    removalPolicy,
    deletionProtection,
    logRetentionDays: allowedRetention,
    noncurrentVersionExpirationDays: readInt(ctx, 'noncurrentVersionExpirationDays', 30, 1, 3650),
    accessLogExpirationDays: readInt(ctx, 'accessLogExpirationDays', isProduction ? 365 : 90, 1, 3650),
    functionTimeoutSeconds,
    deadlineReserveSeconds,
    maxExtractChars: readInt(ctx, 'maxExtractChars', 200_000, 1_000, 1_000_000),
    functionMemoryMb: readInt(ctx, 'functionMemoryMb', 1024, 128, 10240),
    // SQS event sources accept a maximum concurrency between 2 and 1000.
    maxConcurrency: readInt(ctx, 'maxConcurrency', 5, 2, 1000),
    batchSize: readInt(ctx, 'batchSize', 5, 1, 10),
    maxReceiveCount: readInt(ctx, 'maxReceiveCount', 5, 1, 1000),
    maxObjectBytes,
    maxDecompressedBytes,
    logLevel: readEnum<LogLevel>(ctx, 'logLevel', ['DEBUG', 'INFO', 'WARN', 'ERROR'], 'INFO'),
    oldestMessageAlarmSeconds: readInt(ctx, 'oldestMessageAlarmSeconds', 900, 60, 1_209_600),
    ...(alarmTopicArn === undefined ? {} : { alarmTopicArn }),
    alarmEmails,
  };
}

/**
 * Context with the stage's own settings (`stages.<stage>` in cdk.json) under the explicit keys:
 * a key set with `-c` (or at the top level of the context) wins over the stage's value.
 */
function withStageSettings(root: ContextSource, stage: string): ContextSource {
  const stages = root.tryGetContext('stages');
  if (stages !== undefined && (typeof stages !== 'object' || stages === null || Array.isArray(stages)))
    throw new ConfigError(`context "stages" must map stage names to settings, got ${describe(stages)}`);
  const own = (stages as Record<string, unknown> | undefined)?.[stage];
  if (own !== undefined && (typeof own !== 'object' || own === null || Array.isArray(own)))
    throw new ConfigError(`context "stages.${stage}" must be an object of settings, got ${describe(own)}`);
  const settings = (own ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(settings)) {
    if (!(CONTEXT_KEYS as readonly string[]).includes(key) || key === 'stage')
      throw new ConfigError(`context "stages.${stage}" sets "${key}", which is not a setting`);
  }
  return {
    tryGetContext: (key) => {
      const explicit = root.tryGetContext(key);
      return explicit === undefined || explicit === null || explicit === '' ? settings[key] : explicit;
    },
  };
}

function readStringList(ctx: ContextSource, key: string): string[] {
  const raw = ctx.tryGetContext(key);
  if (raw === undefined || raw === null || raw === '') return [];
  if (typeof raw === 'string')
    return raw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  if (Array.isArray(raw) && raw.every((x) => typeof x === 'string')) return raw as string[];
  throw new ConfigError(`context "${key}" must be a list of strings, got ${describe(raw)}`);
}
