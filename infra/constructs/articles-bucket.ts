import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface ArticlesBucketProps {
  /** What happens to both buckets when they leave the stack. `DESTROY` also empties them first. */
  readonly removalPolicy: RemovalPolicy;
  /** Days a non-current (overwritten or deleted) article version is kept before it expires. */
  readonly noncurrentVersionExpirationDays: number;
  /** Days the server access logs are kept. */
  readonly accessLogExpirationDays: number;
}

/**
 * The articles bucket (uploads land here) and the bucket that receives its server access logs.
 *
 * Articles: versioned (so a notification's `versionId` can always be read back), SSE-S3
 * encryption, all public access blocked, bucket-owner-enforced ownership (no ACLs), a TLS-only
 * bucket policy, server access logs, and a lifecycle rule that expires non-current versions and
 * aborts stale multipart uploads.
 */
export class ArticlesBucket extends Construct {
  /** The bucket users upload articles to. */
  readonly bucket: s3.Bucket;
  /** Destination of the articles bucket's server access logs. */
  readonly accessLogsBucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: ArticlesBucketProps) {
    super(scope, id);
    const autoDeleteObjects = props.removalPolicy === RemovalPolicy.DESTROY;

    // The log destination does not log itself (a loop); cdk-nag's AwsSolutions-S1 exempts it as
    // the target of another bucket's logging configuration.
    this.accessLogsBucket = new s3.Bucket(this, 'AccessLogs', {
      // Server access log delivery only supports SSE-S3 on the destination bucket.
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      removalPolicy: props.removalPolicy,
      autoDeleteObjects,
      lifecycleRules: [
        { id: 'expire-access-logs', expiration: Duration.days(props.accessLogExpirationDays) },
      ],
    });

    this.bucket = new s3.Bucket(this, 'Articles', {
      versioned: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'articles/',
      removalPolicy: props.removalPolicy,
      autoDeleteObjects,
      lifecycleRules: [
        {
          id: 'expire-noncurrent-versions',
          noncurrentVersionExpiration: Duration.days(props.noncurrentVersionExpirationDays),
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
    });
  }
}
