import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A reading of the synthesized CloudFormation template (`cdk.out`): the resources the local
 * stack creates and runs, with their settings taken from the template and nowhere else.
 *
 * CloudFormation invents physical names at deploy time; locally the names are derived from the
 * stack name and logical ids. Intrinsic functions (Ref, Fn::GetAtt, Fn::Sub, Fn::Join, ...) are
 * resolved against those local names and the emulators' ARNs and URLs.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface CfnResource {
  readonly Type: string;
  readonly Properties?: JsonObject;
  readonly Metadata?: JsonObject;
  readonly DependsOn?: string | string[];
}

export interface CfnTemplate {
  readonly Resources: Record<string, CfnResource>;
  readonly Parameters?: Record<string, JsonObject>;
  readonly Outputs?: Record<string, { readonly Value: Json; readonly Export?: { readonly Name: Json } }>;
}

export interface TableSpec {
  readonly logicalId: string;
  readonly name: string;
  /** CreateTable input: key schema, attributes, indexes, billing; CloudFormation-only properties stripped. */
  readonly createTable: Record<string, unknown>;
}

export interface BucketSpec {
  readonly logicalId: string;
  readonly name: string;
  readonly versioned: boolean;
}

export interface QueueSpec {
  readonly logicalId: string;
  readonly name: string;
  readonly fifo: boolean;
  /** SQS attributes as CreateQueue takes them (strings), RedrivePolicy unresolved. */
  readonly attributes: Record<string, string>;
  /** Logical id of the dead-letter queue, and after how many receives a message goes there. */
  readonly redrive?: { readonly deadLetterQueue: string; readonly maxReceiveCount: number };
}

export interface NotificationFilterRule {
  readonly name: 'prefix' | 'suffix';
  readonly value: string;
}

export interface NotificationSpec {
  readonly id: string;
  readonly bucket: string;
  /** Event patterns as in S3 (`s3:ObjectCreated:*`, `s3:ObjectRemoved:Delete`, ...). */
  readonly events: readonly string[];
  readonly filter: readonly NotificationFilterRule[];
  readonly target: { readonly kind: 'queue' | 'lambda' | 'topic'; readonly logicalId: string };
}

export interface FunctionSpec {
  readonly logicalId: string;
  readonly name: string;
  /** Absolute path of the bundled asset directory. */
  readonly assetDir: string;
  readonly handler: string;
  readonly runtime: string;
  readonly timeoutS: number;
  readonly memoryMb: number;
  readonly architectures: readonly string[];
  /** Environment variables, unresolved (they may hold intrinsic functions). */
  readonly environment: Record<string, Json>;
}

export interface EventSourceMappingSpec {
  readonly logicalId: string;
  /** Logical id of the SQS queue. */
  readonly queue: string;
  /** Logical id of the function. */
  readonly function: string;
  readonly batchSize: number;
  readonly reportBatchItemFailures: boolean;
  readonly maximumConcurrency?: number;
  readonly maximumBatchingWindowS: number;
  readonly enabled: boolean;
}

export interface StackModel {
  readonly stackName: string;
  readonly templatePath: string;
  readonly tables: TableSpec[];
  readonly buckets: BucketSpec[];
  /** Dead-letter queues come first, so a queue's redrive target exists when it is created. */
  readonly queues: QueueSpec[];
  readonly notifications: NotificationSpec[];
  readonly functions: FunctionSpec[];
  readonly eventSourceMappings: EventSourceMappingSpec[];
  /** Routes of the template's HTTP APIs whose integration is a function of the template. */
  readonly httpRoutes: HttpRouteSpec[];
}

/** A route of an API Gateway HTTP API (`AWS::ApiGatewayV2::Route`) and the function it invokes. */
export interface HttpRouteSpec {
  readonly logicalId: string;
  /** Logical id of the `AWS::ApiGatewayV2::Api`. */
  readonly api: string;
  /** `GET /speakers/{id}/quotes`, or `$default`. */
  readonly routeKey: string;
  /** `AWS_IAM`, `NONE`, `JWT` or `CUSTOM` (not enforced locally). */
  readonly authorizationType: string;
  readonly function: string;
  readonly payloadFormatVersion: string;
}

/** Properties of AWS::DynamoDB::Table that have no CreateTable counterpart (or that emulators reject). */
const CFN_ONLY_TABLE_PROPS = new Set([
  'TableName',
  'PointInTimeRecoverySpecification',
  'TimeToLiveSpecification',
  'SSESpecification',
  'Tags',
  'DeletionProtectionEnabled',
  'ContributorInsightsSpecification',
  'StreamSpecification',
  'KinesisStreamSpecification',
  'ImportSourceSpecification',
  'ResourcePolicy',
  'TableClass',
  'OnDemandThroughput',
  'WarmThroughput',
]);

/** SQS properties that are attributes of CreateQueue, with their CloudFormation names. */
const QUEUE_ATTRIBUTES = [
  'DelaySeconds',
  'MaximumMessageSize',
  'MessageRetentionPeriod',
  'ReceiveMessageWaitTimeSeconds',
  'VisibilityTimeout',
  'FifoQueue',
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'FifoThroughputLimit',
] as const;

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

function refOf(value: Json | undefined): string | undefined {
  if (isObject(value)) {
    if (typeof value.Ref === 'string') return value.Ref;
    const getAtt = value['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
    if (typeof getAtt === 'string') return getAtt.split('.')[0];
  }
  return undefined;
}

/** Lowercase, dashes, 3 to 63 characters: a valid S3 bucket name from any string. */
export function bucketNameFrom(base: string): string {
  const name = base
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '')
    .slice(0, 63)
    .replace(/[^a-z0-9]+$/g, '');
  return name.length >= 3 ? name : `${name}-bucket`;
}

function plainName(base: string, max: number): string {
  return base.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, max);
}

/** The template and stack name of the first (or the named) stack of a cloud assembly. */
export function readAssembly(
  cdkOut: string,
  stackId?: string,
): { template: CfnTemplate; stackName: string; templatePath: string } {
  const manifestPath = join(cdkOut, 'manifest.json');
  if (!existsSync(manifestPath)) throw new Error(`no cloud assembly at ${cdkOut} (manifest.json missing)`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    artifacts?: Record<string, { type: string; properties?: { templateFile?: string; stackName?: string } }>;
  };
  const stacks = Object.entries(manifest.artifacts ?? {}).filter(
    ([, a]) => a.type === 'aws:cloudformation:stack',
  );
  const found = stackId ? stacks.find(([id]) => id === stackId) : stacks[0];
  if (!found) throw new Error(`no stack ${stackId ?? ''} in ${manifestPath}`.replace('  ', ' '));
  const [id, artifact] = found;
  const templatePath = join(cdkOut, artifact.properties?.templateFile ?? `${id}.template.json`);
  const template = JSON.parse(readFileSync(templatePath, 'utf8')) as CfnTemplate;
  return { template, stackName: artifact.properties?.stackName ?? id, templatePath };
}

export interface AssemblyStack {
  readonly id: string;
  readonly stackName: string;
  readonly templatePath: string;
  readonly template: CfnTemplate;
}

/** Every stack of a cloud assembly, each after the stacks it depends on. */
export function readAssemblyStacks(cdkOut: string): AssemblyStack[] {
  const manifestPath = join(cdkOut, 'manifest.json');
  if (!existsSync(manifestPath)) throw new Error(`no cloud assembly at ${cdkOut} (manifest.json missing)`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    artifacts?: Record<
      string,
      { type: string; dependencies?: string[]; properties?: { templateFile?: string; stackName?: string } }
    >;
  };
  const artifacts = manifest.artifacts ?? {};
  const stacks = Object.entries(artifacts).filter(([, a]) => a.type === 'aws:cloudformation:stack');
  const ids = new Set(stacks.map(([id]) => id));
  const out: AssemblyStack[] = [];
  const done = new Set<string>();
  const visit = (id: string, depth: number) => {
    if (done.has(id) || depth > stacks.length) return;
    for (const dep of artifacts[id]?.dependencies ?? []) if (ids.has(dep)) visit(dep, depth + 1);
    done.add(id);
    const artifact = artifacts[id];
    const templatePath = join(cdkOut, artifact?.properties?.templateFile ?? `${id}.template.json`);
    out.push({
      id,
      stackName: artifact?.properties?.stackName ?? id,
      templatePath,
      template: JSON.parse(readFileSync(templatePath, 'utf8')) as CfnTemplate,
    });
  };
  for (const [id] of stacks) visit(id, 0);
  if (out.length === 0) throw new Error(`no stack in ${manifestPath}`);
  return out;
}

/** Resource types that every CDK stack has and the local stack ignores: their ids may repeat. */
const PER_STACK_TYPES = new Set(['AWS::CDK::Metadata']);

/**
 * The stacks of an assembly as one template: their resources side by side (a logical id may not
 * be used by two of them), and every `Fn::ImportValue` replaced by the value of the output that
 * exports that name, so references across stacks resolve like references inside one.
 */
export function mergeStacks(stacks: readonly AssemblyStack[]): {
  template: CfnTemplate;
  stackOf: ReadonlyMap<string, string>;
} {
  const exports = new Map<string, Json>();
  for (const stack of stacks) {
    for (const output of Object.values(stack.template.Outputs ?? {})) {
      const name = output.Export?.Name;
      if (typeof name === 'string') exports.set(name, output.Value);
    }
  }
  const replaceImports = (value: Json): Json => {
    if (Array.isArray(value)) return value.map(replaceImports);
    if (!isObject(value)) return value;
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === 'Fn::ImportValue' && typeof value['Fn::ImportValue'] === 'string') {
      const exported = exports.get(value['Fn::ImportValue']);
      if (exported === undefined)
        throw new Error(`Fn::ImportValue ${value['Fn::ImportValue']}: no stack of the assembly exports it`);
      return replaceImports(exported);
    }
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value)) out[k] = replaceImports(v);
    return out;
  };
  const resources: Record<string, CfnResource> = {};
  const stackOf = new Map<string, string>();
  for (const stack of stacks) {
    for (const [id, resource] of Object.entries(stack.template.Resources ?? {})) {
      if (resources[id]) {
        if (PER_STACK_TYPES.has(resource.Type)) continue;
        throw new Error(`logical id ${id} is used by two stacks (${stackOf.get(id)} and ${stack.stackName})`);
      }
      resources[id] = replaceImports(resource as unknown as Json) as unknown as CfnResource;
      stackOf.set(id, stack.stackName);
    }
  }
  return { template: { Resources: resources }, stackOf };
}

/**
 * The model of one stack of the assembly (`stackId`), or of all of them together (the default):
 * news-ingest deploys a data stack and an app stack that imports from it.
 */
export function loadStackModel(cdkOut: string, stackId?: string): StackModel {
  if (stackId !== undefined) {
    const { template, stackName, templatePath } = readAssembly(cdkOut, stackId);
    return buildStackModel(template, { stackName, templatePath, assetRoot: cdkOut });
  }
  const stacks = readAssemblyStacks(cdkOut);
  const { template, stackOf } = mergeStacks(stacks);
  const main = stacks[stacks.length - 1] as AssemblyStack;
  return buildStackModel(template, {
    stackName: main.stackName,
    templatePath: stacks.map((s) => s.templatePath).join(', '),
    assetRoot: cdkOut,
    stackNameOf: (logicalId) => stackOf.get(logicalId) ?? main.stackName,
  });
}

/** Builds the model of a parsed template; `assetRoot` is where `aws:asset:path` folders live. */
export function buildStackModel(
  template: CfnTemplate,
  options: {
    stackName: string;
    assetRoot: string;
    templatePath?: string;
    /** The stack a resource comes from, when the template merges several (its names derive from it). */
    stackNameOf?: (logicalId: string) => string;
  },
): StackModel {
  const { assetRoot } = options;
  const nameOf = options.stackNameOf ?? (() => options.stackName);
  const resources = Object.entries(template.Resources ?? {});
  const tables: TableSpec[] = [];
  const buckets: BucketSpec[] = [];
  const queues: QueueSpec[] = [];
  const notifications: NotificationSpec[] = [];
  const functions: FunctionSpec[] = [];
  const eventSourceMappings: EventSourceMappingSpec[] = [];
  const routes: { logicalId: string; props: JsonObject }[] = [];
  const integrations = new Map<string, { function?: string; payloadFormatVersion: string }>();

  for (const [logicalId, resource] of resources) {
    const props = resource.Properties ?? {};
    const stackName = nameOf(logicalId);
    switch (resource.Type) {
      case 'AWS::DynamoDB::Table': {
        const createTable: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(props)) if (!CFN_ONLY_TABLE_PROPS.has(k)) createTable[k] = v;
        const name =
          typeof props.TableName === 'string' ? props.TableName : plainName(`${stackName}-${logicalId}`, 255);
        tables.push({ logicalId, name, createTable: stripIndexOnly(createTable) });
        break;
      }
      case 'AWS::S3::Bucket': {
        const name =
          typeof props.BucketName === 'string'
            ? props.BucketName
            : bucketNameFrom(`${stackName}-${logicalId}`);
        const versioning = props.VersioningConfiguration;
        buckets.push({ logicalId, name, versioned: isObject(versioning) && versioning.Status === 'Enabled' });
        break;
      }
      case 'AWS::SQS::Queue': {
        const fifo = props.FifoQueue === true || props.FifoQueue === 'true';
        const explicit = typeof props.QueueName === 'string' ? props.QueueName : undefined;
        const base = plainName(`${stackName}-${logicalId}`, fifo ? 75 : 80);
        const name = explicit ?? (fifo ? `${base}.fifo` : base);
        const attributes: Record<string, string> = {};
        for (const a of QUEUE_ATTRIBUTES)
          if (props[a] !== undefined && props[a] !== null) attributes[a] = String(props[a]);
        const redrive = props.RedrivePolicy;
        const spec: QueueSpec = { logicalId, name, fifo, attributes };
        if (isObject(redrive)) {
          const target = refOf(redrive.deadLetterTargetArn);
          if (!target)
            throw new Error(`queue ${logicalId}: cannot resolve RedrivePolicy.deadLetterTargetArn`);
          queues.push({
            ...spec,
            redrive: { deadLetterQueue: target, maxReceiveCount: Number(redrive.maxReceiveCount ?? 10) },
          });
        } else queues.push(spec);
        break;
      }
      case 'Custom::S3BucketNotifications': {
        const bucket = refOf(props.BucketName);
        const config = props.NotificationConfiguration;
        if (!bucket || !isObject(config)) break;
        const kinds = [
          ['QueueConfigurations', 'QueueArn', 'queue'],
          ['LambdaFunctionConfigurations', 'LambdaFunctionArn', 'lambda'],
          ['TopicConfigurations', 'TopicArn', 'topic'],
        ] as const;
        for (const [list, arnField, kind] of kinds) {
          const entries = config[list];
          if (!Array.isArray(entries)) continue;
          entries.forEach((entry, i) => {
            if (!isObject(entry)) return;
            const target = refOf(entry[arnField]);
            if (!target) return;
            notifications.push({
              id: typeof entry.Id === 'string' ? entry.Id : `${logicalId}-${kind}-${i}`,
              bucket,
              events: Array.isArray(entry.Events) ? entry.Events.map(String) : [],
              filter: filterRules(entry.Filter),
              target: { kind, logicalId: target },
            });
          });
        }
        break;
      }
      case 'AWS::Lambda::Function': {
        const assetPath = resource.Metadata?.['aws:asset:path'];
        // CDK's own providers (bucket notifications, auto-delete) carry inline code, not a bundled asset
        if (typeof assetPath !== 'string' || resource.Metadata?.['aws:asset:is-bundled'] !== true) break;
        if (typeof props.Runtime === 'string' && !props.Runtime.startsWith('nodejs')) break;
        const env =
          isObject(props.Environment) && isObject(props.Environment.Variables)
            ? props.Environment.Variables
            : {};
        functions.push({
          logicalId,
          name:
            typeof props.FunctionName === 'string'
              ? props.FunctionName
              : plainName(`${stackName}-${logicalId}`, 64),
          assetDir: join(assetRoot, assetPath),
          handler: typeof props.Handler === 'string' ? props.Handler : 'index.handler',
          runtime: String(props.Runtime ?? ''),
          timeoutS: Number(props.Timeout ?? 3),
          memoryMb: Number(props.MemorySize ?? 128),
          architectures: Array.isArray(props.Architectures) ? props.Architectures.map(String) : ['x86_64'],
          environment: { ...env },
        });
        break;
      }
      case 'AWS::Lambda::EventSourceMapping': {
        const queue = refOf(props.EventSourceArn);
        const fn = refOf(props.FunctionName);
        if (!queue || !fn) break;
        const scaling = props.ScalingConfig;
        const maxConcurrency =
          isObject(scaling) && scaling.MaximumConcurrency != null
            ? Number(scaling.MaximumConcurrency)
            : undefined;
        eventSourceMappings.push({
          logicalId,
          queue,
          function: fn,
          batchSize: Number(props.BatchSize ?? 10),
          reportBatchItemFailures:
            Array.isArray(props.FunctionResponseTypes) &&
            props.FunctionResponseTypes.includes('ReportBatchItemFailures'),
          ...(maxConcurrency !== undefined ? { maximumConcurrency: maxConcurrency } : {}),
          maximumBatchingWindowS: Number(props.MaximumBatchingWindowInSeconds ?? 0),
          enabled: props.Enabled !== false,
        });
        break;
      }
      case 'AWS::ApiGatewayV2::Route':
        routes.push({ logicalId, props });
        break;
      case 'AWS::ApiGatewayV2::Integration': {
        const fn = props.IntegrationType === 'AWS_PROXY' ? refOf(props.IntegrationUri) : undefined;
        integrations.set(logicalId, {
          ...(fn ? { function: fn } : {}),
          payloadFormatVersion: String(props.PayloadFormatVersion ?? '2.0'),
        });
        break;
      }
      default:
        break;
    }
  }
  // only mappings whose source is a queue of this stack (Kinesis or DynamoDB streams are not emulated)
  const queueIds = new Set(queues.map((q) => q.logicalId));
  const functionIds = new Set(functions.map((f) => f.logicalId));
  const httpRoutes: HttpRouteSpec[] = [];
  for (const { logicalId, props } of routes) {
    // Target: integrations/<integration id>, as Fn::Join ["", ["integrations/", { Ref }]]
    const join = isObject(props.Target) ? props.Target['Fn::Join'] : undefined;
    const parts = Array.isArray(join) && Array.isArray(join[1]) ? join[1] : [];
    const integrationId = parts.map((p) => refOf(p)).find((id) => id !== undefined);
    const integration = integrationId ? integrations.get(integrationId) : undefined;
    if (!integration?.function || !functionIds.has(integration.function)) continue;
    httpRoutes.push({
      logicalId,
      api: refOf(props.ApiId) ?? '',
      routeKey: String(props.RouteKey ?? ''),
      authorizationType: String(props.AuthorizationType ?? 'NONE'),
      function: integration.function,
      payloadFormatVersion: integration.payloadFormatVersion,
    });
  }
  return {
    stackName: options.stackName,
    templatePath: options.templatePath ?? '',
    tables,
    buckets,
    queues: orderQueues(queues),
    notifications,
    functions,
    eventSourceMappings: eventSourceMappings.filter(
      (m) => queueIds.has(m.queue) && functionIds.has(m.function),
    ),
    httpRoutes,
  };
}

/** Drops per-index properties CreateTable does not take in PAY_PER_REQUEST mode (contributor insights). */
function stripIndexOnly(input: Record<string, unknown>): Record<string, unknown> {
  const gsis = input.GlobalSecondaryIndexes;
  if (!Array.isArray(gsis)) return input;
  return {
    ...input,
    GlobalSecondaryIndexes: gsis.map((g) => {
      const {
        ContributorInsightsSpecification: _c,
        WarmThroughput: _w,
        ...rest
      } = g as Record<string, unknown>;
      return rest;
    }),
  };
}

function filterRules(filter: Json | undefined): NotificationFilterRule[] {
  if (!isObject(filter) || !isObject(filter.Key) || !Array.isArray(filter.Key.FilterRules)) return [];
  const out: NotificationFilterRule[] = [];
  for (const rule of filter.Key.FilterRules) {
    if (!isObject(rule)) continue;
    const name = String(rule.Name ?? '').toLowerCase();
    if (name === 'prefix' || name === 'suffix') out.push({ name, value: String(rule.Value ?? '') });
  }
  return out;
}

/** Dead-letter queues before the queues that redrive to them. */
function orderQueues(queues: QueueSpec[]): QueueSpec[] {
  const byId = new Map(queues.map((q) => [q.logicalId, q]));
  const out: QueueSpec[] = [];
  const seen = new Set<string>();
  const visit = (q: QueueSpec, depth: number) => {
    if (seen.has(q.logicalId) || depth > queues.length) return;
    const dlq = q.redrive ? byId.get(q.redrive.deadLetterQueue) : undefined;
    if (q.redrive && !dlq)
      throw new Error(
        `queue ${q.logicalId}: dead-letter queue ${q.redrive.deadLetterQueue} is not in the template`,
      );
    if (dlq) visit(dlq, depth + 1);
    seen.add(q.logicalId);
    out.push(q);
  };
  for (const q of queues) visit(q, 0);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Intrinsic functions

/** What the local stack knows about each resource once it exists: its name, ARN and URL. */
export interface PhysicalResource {
  readonly ref: string;
  readonly attributes: Record<string, string>;
}

export interface ResolveContext {
  readonly region: string;
  readonly accountId: string;
  readonly stackName: string;
  readonly resources: ReadonlyMap<string, PhysicalResource>;
  readonly parameters?: Readonly<Record<string, string>>;
}

export function pseudoParameter(name: string, ctx: ResolveContext): string | undefined {
  switch (name) {
    case 'AWS::Region':
      return ctx.region;
    case 'AWS::AccountId':
      return ctx.accountId;
    case 'AWS::Partition':
      return 'aws';
    case 'AWS::URLSuffix':
      return 'amazonaws.com';
    case 'AWS::StackName':
      return ctx.stackName;
    case 'AWS::StackId':
      return `arn:aws:cloudformation:${ctx.region}:${ctx.accountId}:stack/${ctx.stackName}/00000000-0000-0000-0000-000000000000`;
    case 'AWS::NotificationARNs':
      return '';
    default:
      return undefined;
  }
}

const NO_VALUE = Symbol('AWS::NoValue');

function resolveRef(name: string, ctx: ResolveContext): string | typeof NO_VALUE {
  if (name === 'AWS::NoValue') return NO_VALUE;
  const pseudo = pseudoParameter(name, ctx);
  if (pseudo !== undefined) return pseudo;
  const param = ctx.parameters?.[name];
  if (param !== undefined) return param;
  const res = ctx.resources.get(name);
  if (!res) throw new Error(`cannot resolve Ref ${name}: not a resource the local stack creates`);
  return res.ref;
}

function resolveGetAtt(id: string, attribute: string, ctx: ResolveContext): string {
  const res = ctx.resources.get(id);
  const value = res?.attributes[attribute];
  if (value === undefined) throw new Error(`cannot resolve Fn::GetAtt ${id}.${attribute} locally`);
  return value;
}

/** Resolves a template value to plain JSON: Ref, Fn::GetAtt, Fn::Sub, Fn::Join, Fn::Select, Fn::Split, Fn::If is refused. */
export function resolveValue(value: Json, ctx: ResolveContext): Json {
  const out = resolveInner(value, ctx);
  return out === NO_VALUE ? null : out;
}

function resolveInner(value: Json, ctx: ResolveContext): Json | typeof NO_VALUE {
  if (Array.isArray(value)) {
    return value.map((v) => resolveInner(v, ctx)).filter((v): v is Json => v !== NO_VALUE);
  }
  if (!isObject(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1) {
    const [fn] = keys as [string];
    const arg = value[fn] as Json;
    switch (fn) {
      case 'Ref':
        return resolveRef(String(arg), ctx);
      case 'Fn::GetAtt': {
        const [id, ...attr] = Array.isArray(arg) ? arg.map(String) : String(arg).split('.');
        return resolveGetAtt(id ?? '', attr.join('.'), ctx);
      }
      case 'Fn::Join': {
        if (!Array.isArray(arg) || arg.length !== 2) throw new Error('Fn::Join takes [delimiter, list]');
        const list = resolveInner(arg[1] as Json, ctx);
        if (!Array.isArray(list)) throw new Error('Fn::Join: the list did not resolve to a list');
        return list.map((v) => asString(v)).join(String(arg[0]));
      }
      case 'Fn::Sub': {
        const [template, vars] = Array.isArray(arg) ? [String(arg[0]), arg[1]] : [String(arg), undefined];
        const local: Record<string, Json> = {};
        if (isObject(vars)) for (const [k, v] of Object.entries(vars)) local[k] = resolveValue(v, ctx);
        return template.replace(/\$\{(!?)([^}]+)\}/g, (_m, bang: string, expr: string) => {
          if (bang) return `\${${expr}}`;
          if (expr in local) return asString(local[expr] ?? '');
          if (expr.includes('.') && !expr.startsWith('AWS::')) {
            const dot = expr.indexOf('.');
            return resolveGetAtt(expr.slice(0, dot), expr.slice(dot + 1), ctx);
          }
          const r = resolveRef(expr, ctx);
          return r === NO_VALUE ? '' : r;
        });
      }
      case 'Fn::Select': {
        if (!Array.isArray(arg) || arg.length !== 2) throw new Error('Fn::Select takes [index, list]');
        const list = resolveInner(arg[1] as Json, ctx);
        if (!Array.isArray(list)) throw new Error('Fn::Select: the list did not resolve to a list');
        const item = list[Number(resolveInner(arg[0] as Json, ctx))];
        if (item === undefined) throw new Error('Fn::Select: index out of range');
        return item;
      }
      case 'Fn::Split': {
        if (!Array.isArray(arg) || arg.length !== 2) throw new Error('Fn::Split takes [delimiter, string]');
        return asString(resolveInner(arg[1] as Json, ctx) as Json).split(String(arg[0]));
      }
      case 'Fn::ImportValue':
      case 'Fn::If':
      case 'Fn::FindInMap':
      case 'Fn::GetAZs':
      case 'Fn::Base64':
      case 'Fn::Cidr':
        throw new Error(`${fn} is not supported by the local stack`);
      default:
        break;
    }
  }
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) {
    const r = resolveInner(v, ctx);
    if (r !== NO_VALUE) out[k] = r;
  }
  return out;
}

function asString(v: Json): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw new Error(`expected a string, got ${JSON.stringify(v)}`);
}

/** A function's environment with every intrinsic resolved to a string. */
export function resolveEnvironment(env: Record<string, Json>, ctx: ResolveContext): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    const r = resolveValue(v, ctx);
    if (r === null) continue;
    out[k] = asString(r);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Notification filters

/** Whether an S3 event name (`ObjectCreated:Put`) matches a configured pattern (`s3:ObjectCreated:*`). */
export function eventMatches(pattern: string, eventName: string): boolean {
  const p = pattern.replace(/^s3:/, '');
  if (p.endsWith(':*')) return eventName.startsWith(p.slice(0, -1));
  return p === eventName;
}

/** The notifications of `bucketLogicalId` that an event on `key` triggers, as S3 filters them. */
export function matchingNotifications(
  notifications: readonly NotificationSpec[],
  bucketLogicalId: string,
  eventName: string,
  key: string,
): NotificationSpec[] {
  return notifications.filter(
    (n) =>
      n.bucket === bucketLogicalId &&
      n.events.some((e) => eventMatches(e, eventName)) &&
      n.filter.every((r) => (r.name === 'prefix' ? key.startsWith(r.value) : key.endsWith(r.value))),
  );
}
