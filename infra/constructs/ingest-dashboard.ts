import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { functionMetric, type IngestAlarms } from './ingest-alarms.ts';

export interface IngestDashboardProps {
  readonly dashboardName: string;
  readonly stage: string;
  readonly function: lambda.IFunction;
  readonly timeout: Duration;
  readonly queue: sqs.IQueue;
  readonly deadLetterQueue: sqs.IQueue;
  readonly alarms: IngestAlarms;
}

/**
 * One CloudWatch dashboard for the pipeline: the state of every alarm, what happened to the
 * objects (processed, failed, removed, skipped, retried, deferred, malformed), the function's
 * invocations, errors, throttles and duration against its timeout, and the queue's backlog.
 */
export class IngestDashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: IngestDashboardProps) {
    super(scope, id);
    const period = Duration.minutes(5);
    const own = (name: string) => functionMetric(props.stage, name, period);
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName,
      defaultInterval: Duration.hours(6),
    });
    this.dashboard.addWidgets(
      new cloudwatch.AlarmStatusWidget({
        title: 'Alarms',
        alarms: [...props.alarms.all],
        width: 24,
        height: 3,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Objects',
        left: ['ObjectsProcessed', 'ObjectsFailed', 'ObjectsRemoved', 'EventsSkipped'].map(own),
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'Faults',
        left: ['RetriedEvents', 'DeferredRecords', 'MalformedMessages', 'ForeignBucketEvents'].map(own),
        width: 12,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Invocations',
        left: [
          props.function.metricInvocations({ period }),
          props.function.metricErrors({ period }),
          props.function.metricThrottles({ period }),
        ],
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'Duration (ms)',
        left: [
          props.function.metricDuration({ period, statistic: cloudwatch.Stats.percentile(99) }),
          props.function.metricDuration({ period, statistic: cloudwatch.Stats.MAXIMUM }),
        ],
        leftAnnotations: [{ value: props.timeout.toMilliseconds(), label: 'timeout' }],
        width: 12,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Ingest queue',
        left: [
          props.queue.metricApproximateNumberOfMessagesVisible({ period }),
          props.queue.metricApproximateNumberOfMessagesNotVisible({ period }),
        ],
        right: [props.queue.metricApproximateAgeOfOldestMessage({ period })],
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'Dead-letter queue',
        left: [props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period })],
        width: 12,
      }),
    );
  }
}
