import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import type { NewsIngestConfig } from '../config.ts';
import { AlarmTopic } from '../constructs/alarm-topic.ts';
import { BY_ENTITY_INDEX, BY_SPEAKER_INDEX } from '../constructs/articles-table.ts';
import { IngestAlarms } from '../constructs/ingest-alarms.ts';
import { IngestDashboard } from '../constructs/ingest-dashboard.ts';
import { IngestFunction } from '../constructs/ingest-function.ts';
import { retainLogsOfProviderFunctions } from '../constructs/log-retention.ts';
import { OperatorPolicies } from '../constructs/operator-policies.ts';
import { ReadApi } from '../constructs/read-api.ts';
import type { DataRefs, NewsIngestDataStack } from './news-ingest-data-stack.ts';

export interface NewsIngestStackProps extends StackProps {
  /** Validated configuration (see `loadConfig`). */
  readonly config: NewsIngestConfig;
  /** The stateful stack: bucket, table, queues. */
  readonly data: NewsIngestDataStack;
}

/**
 * The stateless half of news-ingest: the ingest function consuming the data stack's queue,
 * its alarms and the topic they notify, the dashboard, and the operators' policies. Everything
 * here can be destroyed and deployed again without losing an article.
 *
 * `articles.bucket`, `table.table` and `queues.queue`/`queues.deadLetterQueue` reference the data
 * stack's resources through exports with fixed names, so code here (and any construct added
 * beside the function) uses them as if they were local.
 */
export class NewsIngestStack extends Stack implements DataRefs {
  readonly articles: DataRefs['articles'];
  readonly table: DataRefs['table'];
  readonly queues: DataRefs['queues'];
  readonly ingest: IngestFunction;
  readonly alarmTopic: sns.ITopic;
  readonly alarms: IngestAlarms;
  readonly dashboard: IngestDashboard;
  readonly operators: OperatorPolicies;
  readonly readApi: ReadApi;

  constructor(scope: Construct, id: string, props: NewsIngestStackProps) {
    super(scope, id, props);
    const { config, data } = props;
    this.addStackDependency(data, "the function consumes the data stack's queue and writes its table");
    const refs = data.refs(this);
    this.articles = refs.articles;
    this.table = refs.table;
    this.queues = refs.queues;
    const removalPolicy = config.removalPolicy === 'destroy' ? RemovalPolicy.DESTROY : RemovalPolicy.RETAIN;
    const timeout = Duration.seconds(config.functionTimeoutSeconds);

    this.ingest = new IngestFunction(this, 'Ingest', {
      bucket: this.articles.bucket,
      table: this.table.table,
      queue: this.queues.queue,
      stage: config.stage,
      timeout,
      memorySize: config.functionMemoryMb,
      batchSize: config.batchSize,
      maxConcurrency: config.maxConcurrency,
      maxObjectBytes: config.maxObjectBytes,
      maxDecompressedBytes: config.maxDecompressedBytes,
      maxExtractChars: config.maxExtractChars,
      deadlineReserve: Duration.seconds(config.deadlineReserveSeconds),
      logLevel: config.logLevel,
      logRetention: config.logRetentionDays as logs.RetentionDays,
      logRemovalPolicy: removalPolicy,
    });

    this.alarmTopic = config.alarmTopicArn
      ? sns.Topic.fromTopicArn(this, 'AlarmTopic', config.alarmTopicArn)
      : new AlarmTopic(this, 'AlarmTopic', { emails: config.alarmEmails, removalPolicy }).topic;
    this.alarms = new IngestAlarms(this, 'Alarms', {
      stage: config.stage,
      function: this.ingest.function,
      timeout,
      queue: this.queues.queue,
      deadLetterQueue: this.queues.deadLetterQueue,
      oldestMessageAge: Duration.seconds(config.oldestMessageAlarmSeconds),
      topic: this.alarmTopic,
    });
    this.dashboard = new IngestDashboard(this, 'Dashboard', {
      dashboardName: `news-ingest-${config.stage}`,
      stage: config.stage,
      function: this.ingest.function,
      timeout,
      queue: this.queues.queue,
      deadLetterQueue: this.queues.deadLetterQueue,
      alarms: this.alarms,
    });
    this.operators = new OperatorPolicies(this, 'Operators', {
      stage: config.stage,
      bucket: this.articles.bucket,
      table: this.table.table,
      queue: this.queues.queue,
      deadLetterQueue: this.queues.deadLetterQueue,
    });

    this.readApi = new ReadApi(this, 'ReadApi', {
      table: this.table.table,
      indexNames: [BY_SPEAKER_INDEX, BY_ENTITY_INDEX],
      stage: config.stage,
      logLevel: config.logLevel,
      logRetention: config.logRetentionDays as logs.RetentionDays,
      logRemovalPolicy: removalPolicy,
    });

    retainLogsOfProviderFunctions(this, { retentionDays: config.logRetentionDays, removalPolicy });

    new CfnOutput(this, 'FunctionName', { value: this.ingest.function.functionName });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarmTopic.topicArn });
    new CfnOutput(this, 'QueryPolicyArn', { value: this.operators.query.managedPolicyArn });
    new CfnOutput(this, 'OperatePolicyArn', { value: this.operators.operate.managedPolicyArn });
  }
}
