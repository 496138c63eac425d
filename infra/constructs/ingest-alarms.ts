import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface IngestAlarmsProps {
  /** The ingest function. */
  readonly function: lambda.IFunction;
  /** The queue it consumes. */
  readonly queue: sqs.IQueue;
  /** The queue's dead-letter queue. */
  readonly deadLetterQueue: sqs.IQueue;
  /** Threshold on the age of the oldest message in the queue. */
  readonly oldestMessageAge: Duration;
  /** Topic every alarm notifies on ALARM and on OK; none when absent. */
  readonly topic?: sns.ITopic;
}

/**
 * Alarms on the ingest path: a message in the dead-letter queue, a backlog whose oldest message is
 * too old, function errors, function throttles. With a topic (context `alarmTopicArn`) each alarm
 * notifies it when it fires and when it clears.
 */
export class IngestAlarms extends Construct {
  /** At least one message in the dead-letter queue. */
  readonly deadLetterQueueNotEmpty: cloudwatch.Alarm;
  /** The oldest message in the queue is older than the threshold. */
  readonly oldestMessageAge: cloudwatch.Alarm;
  /** The function reported errors (timeouts and crashes; per-record failures are not errors). */
  readonly functionErrors: cloudwatch.Alarm;
  /** The function was throttled. */
  readonly functionThrottles: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: IngestAlarmsProps) {
    super(scope, id);
    const period = Duration.minutes(1);
    const common = {
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    } as const;

    this.deadLetterQueueNotEmpty = new cloudwatch.Alarm(this, 'DeadLetterQueueNotEmpty', {
      ...common,
      alarmDescription: 'news-ingest: messages in the dead-letter queue (failed maxReceiveCount times)',
      metric: props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period,
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
      threshold: 1,
    });
    this.oldestMessageAge = new cloudwatch.Alarm(this, 'OldestMessageAge', {
      ...common,
      alarmDescription: `news-ingest: oldest message in the ingest queue older than ${props.oldestMessageAge.toSeconds()} s`,
      metric: props.queue.metricApproximateAgeOfOldestMessage({
        period,
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
      threshold: props.oldestMessageAge.toSeconds(),
    });
    this.functionErrors = new cloudwatch.Alarm(this, 'FunctionErrors', {
      ...common,
      alarmDescription: 'news-ingest: ingest function errors',
      metric: props.function.metricErrors({ period, statistic: cloudwatch.Stats.SUM }),
      threshold: 1,
    });
    this.functionThrottles = new cloudwatch.Alarm(this, 'FunctionThrottles', {
      ...common,
      alarmDescription: 'news-ingest: ingest function throttled',
      metric: props.function.metricThrottles({ period, statistic: cloudwatch.Stats.SUM }),
      threshold: 1,
    });
    if (props.topic) {
      const action = new actions.SnsAction(props.topic);
      for (const alarm of [
        this.deadLetterQueueNotEmpty,
        this.oldestMessageAge,
        this.functionErrors,
        this.functionThrottles,
      ]) {
        alarm.addAlarmAction(action);
        alarm.addOkAction(action);
      }
    }
  }
}
