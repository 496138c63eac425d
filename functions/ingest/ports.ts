import type { FailureReason } from '#core/errors.ts';
import type { Article, Entity, Extraction } from '#core/types.ts';

/** An S3 object (or one version of it). */
export interface ObjectRef {
  readonly bucket: string;
  readonly key: string;
  readonly versionId?: string;
}

/** One S3 event notification, decoded: the key is the real key, not its URL encoding. */
export interface ObjectEvent {
  readonly kind: 'created' | 'removed';
  readonly ref: ObjectRef;
  /** S3's per-key ordering token (hexadecimal). */
  readonly sequencer: string;
  /** ISO time S3 gives the event; deterministic across redeliveries. */
  readonly eventTime: string;
  readonly eTag?: string;
  readonly size?: number;
  /** Reprocess even when this sequencer was already committed, if by an older extractor. */
  readonly reprocess?: boolean;
  /**
   * For a removal: true when S3 put a delete marker on top (`ObjectRemoved:DeleteMarkerCreated`),
   * so the object is now deleted. Otherwise a removal deleted one version permanently
   * (`ObjectRemoved:Delete`: a non-current version, the latest one, or a delete marker), and
   * what is current afterwards has to be asked of the bucket.
   */
  readonly deleteMarker?: boolean;
}

/** The version of an object that is current now (what a GET without a version id returns). */
export interface CurrentVersion {
  readonly versionId?: string;
  readonly eTag?: string;
  readonly size?: number;
}

export interface FetchedObject {
  readonly bytes: Uint8Array;
  readonly contentType?: string;
  readonly contentEncoding?: string;
  readonly eTag?: string;
  readonly versionId?: string;
}

/** Port: where article objects are read from (S3, local files). */
export interface ObjectSource {
  /**
   * Reads the object. Throws `UnusableContentError('TOO_LARGE')` without reading the body when it
   * is larger than `maxBytes`, and `ObjectGoneError` when the object or version no longer exists.
   */
  fetch(ref: ObjectRef, maxBytes: number): Promise<FetchedObject>;
  /**
   * The object's current version, or undefined when it has none (never written, deleted, or a
   * delete marker on top). Answers about the key only: `ref.versionId` is ignored.
   */
  current(ref: ObjectRef): Promise<CurrentVersion | undefined>;
}

/** One article of an object with what was extracted from it. */
export interface ArticleResult {
  /** Position of the article in its object (0 for single-article objects). */
  readonly index: number;
  /** The article's own id inside a multi-article file, or its position. */
  readonly articleId: string;
  readonly article: Article;
  readonly extraction: Extraction;
  readonly entities: readonly Entity[];
  /** Set when only the first this many characters of the body were extracted (the cap). */
  readonly extractedChars?: number;
}

export type ObjectOutcome =
  | {
      readonly status: 'processed';
      readonly contentHash: string;
      readonly format: string;
      readonly articles: readonly ArticleResult[];
      /** Articles the source marks as canceled or withdrawn: stored nowhere. */
      readonly retracted: number;
    }
  | {
      readonly status: 'failed';
      readonly reason: FailureReason;
      readonly message: string;
      readonly contentHash?: string;
    };

export interface CommitContext {
  readonly extractorVersion: string;
  /** ISO processing time; the only field allowed to differ between two identical runs. */
  readonly processedAt: string;
  readonly eTag?: string;
  readonly versionId?: string;
}

export type CommitResult = 'committed' | 'superseded';

/** The stored state of an object, as the store last committed it. */
export interface StoredObjectState {
  readonly sequencer: string;
  readonly status: 'processed' | 'failed' | 'deleted';
  readonly extractorVersion?: string;
  /** The S3 version the state was made from (a delete marker's for a deletion), when known. */
  readonly versionId?: string;
}

/**
 * Port: where results are kept. Implementations must make `commit` and `remove` atomic per
 * object as seen by readers (all of the new state or all of the old), ordered by sequencer
 * (an older sequencer never replaces a newer one) and idempotent (a repeat is a no-op).
 */
export interface ArticleStore {
  state(ref: ObjectRef): Promise<StoredObjectState | undefined>;
  commit(event: ObjectEvent, outcome: ObjectOutcome, context: CommitContext): Promise<CommitResult>;
  remove(event: ObjectEvent, context: CommitContext): Promise<CommitResult>;
  /**
   * Records that at `event`'s sequencer the stored version `versionId` is still the current one
   * (a non-current version was removed): the state's sequencer moves forward, nothing else
   * changes. `superseded` when the stored state is no longer that version or is newer.
   */
  keep(event: ObjectEvent, versionId: string): Promise<CommitResult>;
  /** Finishes an interrupted commit's clean-up (idempotent; no visible change for readers). */
  settle(ref: ObjectRef): Promise<void>;
}

/** Port: structured logging without article text. */
export interface IngestLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}
