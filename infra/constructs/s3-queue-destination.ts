import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/**
 * An S3 notification destination that lets S3 send to a queue with the least the service needs.
 *
 * `s3n.SqsDestination` grants S3 `sqs:SendMessage`, `sqs:GetQueueAttributes` and
 * `sqs:GetQueueUrl`, conditioned on the bucket ARN only. S3 only sends; this grants
 * `sqs:SendMessage` alone, conditioned on both the bucket ARN and the bucket owner's account
 * (protection against a same-named bucket in another account, the confused-deputy case).
 * The queue must use SQS-managed encryption (no KMS key policy to extend).
 */
export class S3QueueDestination implements s3.IBucketNotificationDestination {
  constructor(private readonly queue: sqs.IQueue) {}

  bind(_scope: Construct, bucket: s3.IBucket): s3.BucketNotificationDestinationConfig {
    this.queue.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowS3Notifications',
        principals: [new iam.ServicePrincipal('s3.amazonaws.com')],
        actions: ['sqs:SendMessage'],
        resources: [this.queue.queueArn],
        conditions: {
          ArnLike: { 'aws:SourceArn': bucket.bucketArn },
          StringEquals: { 'aws:SourceAccount': Stack.of(bucket).account },
        },
      }),
    );
    // The notification configuration is created after the policy: S3 validates the destination.
    return {
      arn: this.queue.queueArn,
      type: s3.BucketNotificationDestinationType.QUEUE,
      dependencies: [this.queue],
    };
  }
}
