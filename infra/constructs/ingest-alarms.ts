import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** Namespace and service of the function's own metrics (Powertools, see functions/handlers/ingest.ts). */
export const METRICS_NAMESPACE = 'NewsIngest';
export const METRICS_SERVICE = 'news-ingest';

/** A metric the function publishes itself, for one stage. */
export function functionMetric(stage: string, metricName: string, period: Duration): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: METRICS_NAMESPACE,
    metricName,
    dimensionsMap: { service: METRICS_SERVICE, stage },
    statistic: cloudwatch.Stats.SUM,
    period,
  });
}

/**
 * Thresholds of the alarms on the function's own metrics: a few retried events in five minutes
 * is a fault (throttling, an outage of S3 or DynamoDB); a malformed message is never expected;
 * bad uploads are normal one by one, a burst of them is worth a look; a duration near the timeout
 * means the per-record reserve or the extraction cap no longer fit.
 */
export const FUNCTION_ALARM_THRESHOLDS = {
  retriedEventsPer5Min: 5,
  malformedMessagesPer5Min: 1,
  objectsFailedPerHour: 20,
  durationShareOfTimeout: 0.8,
} as const;

export interface IngestAlarmsProps {
  readonly stage: string;
  /** The ingest function. */
  readonly function: lambda.IFunction;
  /** Its timeout: the duration alarm fires near it. */
  readonly timeout: Duration;
  /** The queue it consumes. */
  readonly queue: sqs.IQueue;
  /** The queue's dead-letter queue. */
  readonly deadLetterQueue: sqs.IQueue;
  /** Threshold on the age of the oldest message in the queue. */
  readonly oldestMessageAge: Duration;
  /** Topic every alarm notifies when it fires and when it clears. */
  readonly topic: sns.ITopic;
}

/**
 * Alarms on the ingest path, each notifying the topic on ALARM and on OK: a message in the
 * dead-letter queue, a backlog whose oldest message is too old, function errors (a timeout, a
 * crash, or a batch whose every record failed), throttles, a duration near the timeout, and the
 * function's own metrics: retried events, malformed messages, a burst of unusable objects.
 */
export class IngestAlarms extends Construct {
  readonly deadLetterQueueNotEmpty: cloudwatch.Alarm;
  readonly oldestMessageAge: cloudwatch.Alarm;
  readonly functionErrors: cloudwatch.Alarm;
  readonly functionThrottles: cloudwatch.Alarm;
  readonly durationNearTimeout: cloudwatch.Alarm;
  readonly retriedEvents: cloudwatch.Alarm;
  readonly malformedMessages: cloudwatch.Alarm;
  readonly objectsFailed: cloudwatch.Alarm;
  /** Every alarm above. */
  readonly all: readonly cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, props: IngestAlarmsProps) {
    super(scope, id);
    const minute = Duration.minutes(1);
    const fiveMinutes = Duration.minutes(5);
    const common = {
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    } as const;
    const t = FUNCTION_ALARM_THRESHOLDS;

    this.deadLetterQueueNotEmpty = new cloudwatch.Alarm(this, 'DeadLetterQueueNotEmpty', {
      ...common,
      alarmDescription: 'news-ingest: messages in the dead-letter queue (failed maxReceiveCount times)',
      metric: props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: minute,
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
      threshold: 1,
    });
    this.oldestMessageAge = new cloudwatch.Alarm(this, 'OldestMessageAge', {
      ...common,
      alarmDescription: `news-ingest: oldest message in the ingest queue older than ${props.oldestMessageAge.toSeconds()} s`,
      metric: props.queue.metricApproximateAgeOfOldestMessage({
        period: minute,
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
      threshold: props.oldestMessageAge.toSeconds(),
    });
    this.functionErrors = new cloudwatch.Alarm(this, 'FunctionErrors', {
      ...common,
      alarmDescription:
        'news-ingest: ingest function errors (timeouts, crashes, batches whose every record failed)',
      metric: props.function.metricErrors({ period: minute, statistic: cloudwatch.Stats.SUM }),
      threshold: 1,
    });
    this.functionThrottles = new cloudwatch.Alarm(this, 'FunctionThrottles', {
      ...common,
      alarmDescription: 'news-ingest: ingest function throttled',
      metric: props.function.metricThrottles({ period: minute, statistic: cloudwatch.Stats.SUM }),
      threshold: 1,
    });
    const nearTimeoutMs = Math.round(props.timeout.toMilliseconds() * t.durationShareOfTimeout);
    this.durationNearTimeout = new cloudwatch.Alarm(this, 'DurationNearTimeout', {
      ...common,
      alarmDescription: `news-ingest: an invocation ran over ${t.durationShareOfTimeout * 100}% of the ${props.timeout.toSeconds()} s timeout`,
      metric: props.function.metricDuration({ period: fiveMinutes, statistic: cloudwatch.Stats.MAXIMUM }),
      threshold: nearTimeoutMs,
    });
    this.retriedEvents = new cloudwatch.Alarm(this, 'RetriedEvents', {
      ...common,
      alarmDescription: `news-ingest: ${t.retriedEventsPer5Min}+ events failed transiently in 5 minutes (they are retried)`,
      metric: functionMetric(props.stage, 'RetriedEvents', fiveMinutes),
      threshold: t.retriedEventsPer5Min,
    });
    this.malformedMessages = new cloudwatch.Alarm(this, 'MalformedMessages', {
      ...common,
      alarmDescription: 'news-ingest: messages that are no S3 notification were discarded',
      metric: functionMetric(props.stage, 'MalformedMessages', fiveMinutes),
      threshold: t.malformedMessagesPer5Min,
    });
    this.objectsFailed = new cloudwatch.Alarm(this, 'ObjectsFailed', {
      ...common,
      alarmDescription: `news-ingest: ${t.objectsFailedPerHour}+ uploads in an hour were unusable (failure items recorded)`,
      metric: functionMetric(props.stage, 'ObjectsFailed', Duration.hours(1)),
      threshold: t.objectsFailedPerHour,
    });

    this.all = [
      this.deadLetterQueueNotEmpty,
      this.oldestMessageAge,
      this.functionErrors,
      this.functionThrottles,
      this.durationNearTimeout,
      this.retriedEvents,
      this.malformedMessages,
      this.objectsFailed,
    ];
    const action = new actions.SnsAction(props.topic);
    for (const alarm of this.all) {
      alarm.addAlarmAction(action);
      alarm.addOkAction(action);
    }
  }
}
