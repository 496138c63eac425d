import { createHash } from 'node:crypto';
import { DEFAULT_PARSE_LIMITS, type ParseLimits, parseObject } from '#core/article/parse.ts';
import { UnusableContentError } from '#core/errors.ts';
import { groupEntities } from '#core/nlp/entities/group.ts';
import { EXTRACTOR_VERSION, extract } from '#core/nlp/extract.ts';
import { ObjectGoneError } from './errors.ts';
import type {
  ArticleResult,
  ArticleStore,
  CommitResult,
  IngestLogger,
  ObjectEvent,
  ObjectOutcome,
  ObjectSource,
} from './ports.ts';
import { compareSequencers } from './sequencer.ts';

export interface IngestDependencies {
  readonly source: ObjectSource;
  readonly store: ArticleStore;
  readonly now: () => Date;
  readonly logger?: IngestLogger;
}

export interface IngestLimits extends ParseLimits {
  /** Objects larger than this are recorded as failed (TOO_LARGE) without being read. */
  readonly maxObjectBytes: number;
  /**
   * Article bodies longer than this (UTF-16 units) are recorded as failed (TOO_LARGE) instead of
   * extracted, so extraction always ends well within the function's timeout. Real articles are
   * far shorter (the longest PolNeAR article is under 40,000 characters).
   */
  readonly maxBodyChars?: number;
}

export const DEFAULT_MAX_BODY_CHARS = 1_000_000;

export const DEFAULT_INGEST_LIMITS: IngestLimits = {
  ...DEFAULT_PARSE_LIMITS,
  maxObjectBytes: 10 * 1024 * 1024,
  maxBodyChars: DEFAULT_MAX_BODY_CHARS,
};

export type IngestResult =
  | { readonly action: 'stored'; readonly outcome: ObjectOutcome['status']; readonly commit: CommitResult }
  | { readonly action: 'removed'; readonly commit: CommitResult }
  | { readonly action: 'skipped'; readonly why: 'stale' | 'duplicate' | 'gone' };

/**
 * The use case: one S3 event in, the table brought to the object's latest state out.
 * Unusable content becomes a recorded failure (never retried); anything else that throws is
 * transient and the caller retries the event.
 */
export async function ingestObject(
  deps: IngestDependencies,
  event: ObjectEvent,
  limits: IngestLimits = DEFAULT_INGEST_LIMITS,
): Promise<IngestResult> {
  const { source, store, logger } = deps;
  const context = () => ({
    extractorVersion: EXTRACTOR_VERSION,
    processedAt: deps.now().toISOString(),
    ...(event.eTag ? { eTag: event.eTag } : {}),
    ...(event.ref.versionId ? { versionId: event.ref.versionId } : {}),
  });

  const stored = await store.state(event.ref);
  if (stored) {
    const order = compareSequencers(event.sequencer, stored.sequencer);
    const redo = event.reprocess && order === 0 && stored.extractorVersion !== EXTRACTOR_VERSION;
    if (order < 0 || (order === 0 && !redo)) {
      logger?.info('event already superseded or applied', {
        sequencer: event.sequencer,
        stored: stored.sequencer,
      });
      await store.settle(event.ref);
      return { action: 'skipped', why: order < 0 ? 'stale' : 'duplicate' };
    }
  }

  if (event.kind === 'removed') {
    const commit = await store.remove(event, context());
    return { action: 'removed', commit };
  }

  let outcome: ObjectOutcome;
  try {
    if (event.size !== undefined && event.size > limits.maxObjectBytes) {
      throw new UnusableContentError(
        'TOO_LARGE',
        `object is ${event.size} bytes, over the ${limits.maxObjectBytes}-byte limit`,
      );
    }
    const object = await source.fetch(event.ref, limits.maxObjectBytes);
    outcome = processBytes(object.bytes, event.ref.key, object, limits);
  } catch (error) {
    if (error instanceof ObjectGoneError) {
      logger?.warn('object no longer exists; a later event will record its removal', {
        error: error.message,
      });
      return { action: 'skipped', why: 'gone' };
    }
    if (!(error instanceof UnusableContentError)) throw error;
    outcome = { status: 'failed', reason: error.reason, message: error.message };
  }
  if (outcome.status === 'failed') {
    logger?.warn('unusable content recorded as a failure', {
      reason: outcome.reason,
      detail: outcome.message,
    });
  }
  const commit = await store.commit(event, outcome, context());
  return { action: 'stored', outcome: outcome.status, commit };
}

/** Pure part of the use case: bytes to parsed, extracted articles. */
export function processBytes(
  bytes: Uint8Array,
  filename: string,
  meta: { contentType?: string; contentEncoding?: string },
  limits: ParseLimits & { maxBodyChars?: number },
): ObjectOutcome {
  const maxBodyChars = limits.maxBodyChars ?? DEFAULT_MAX_BODY_CHARS;
  const contentHash = createHash('sha256').update(bytes).digest('hex');
  try {
    const articles = parseObject(
      bytes,
      {
        filename,
        ...(meta.contentType ? { contentType: meta.contentType } : {}),
        ...(meta.contentEncoding ? { contentEncoding: meta.contentEncoding } : {}),
      },
      limits,
    );
    const results: ArticleResult[] = [];
    let retracted = 0;
    articles.forEach((article, index) => {
      if (article.retracted) {
        retracted++;
        return;
      }
      if (article.body.length > maxBodyChars) {
        throw new UnusableContentError(
          'TOO_LARGE',
          `article ${index} has a body of ${article.body.length} characters, over the ${maxBodyChars}-character limit`,
        );
      }
      const extraction = extract(article.body);
      results.push({
        index,
        articleId: article.id ?? String(index),
        article,
        extraction,
        entities: groupEntities(extraction.entities),
      });
    });
    return {
      status: 'processed',
      contentHash,
      format: articles[0]?.format ?? 'text',
      articles: results,
      retracted,
    };
  } catch (error) {
    if (error instanceof UnusableContentError) {
      return { status: 'failed', reason: error.reason, message: error.message, contentHash };
    }
    throw error;
  }
}
