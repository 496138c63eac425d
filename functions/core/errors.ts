/** Reason codes recorded on failure items: stable, documented, machine-readable. */
export type FailureReason =
  | 'EMPTY'
  | 'BINARY'
  | 'TOO_LARGE'
  | 'DECOMPRESSED_TOO_LARGE'
  | 'BAD_ENCODING'
  | 'UNSUPPORTED_FORMAT'
  | 'UNPARSEABLE'
  | 'NO_BODY'
  | 'MISSING_FIELDS';

/** Base class of every error raised by news-ingest code. */
export class NewsIngestError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'NewsIngestError';
  }
}

/** The content of an object cannot be turned into an article: never retried. */
export class UnusableContentError extends NewsIngestError {
  readonly reason: FailureReason;
  constructor(reason: FailureReason, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'UnusableContentError';
    this.reason = reason;
  }
}
