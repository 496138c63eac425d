import { createHash } from 'node:crypto';
import { DEFAULT_PARSE_LIMITS, type ParseLimits, parseObject } from '#core/article/parse.ts';
import { UnusableContentError } from '#core/errors.ts';
import { groupEntities } from '#core/nlp/entities/group.ts';
import { EXTRACTOR_VERSION, extract } from '#core/nlp/extract.ts';
import { ObjectGoneError } from './errors.ts';
import type {
  ArticleResult,
  ArticleStore,
  CommitContext,
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
  /**
   * Characters of a body handed to entity and quote extraction (UTF-16 units). A longer body is
   * cut at the last paragraph, sentence or word boundary before the cap; the article keeps its
   * whole metadata and is flagged `extractionTruncated`. This bounds the time one record can take
   * whatever the text (docs/reliability.md has the measurements behind the default).
   */
  readonly maxExtractChars?: number;
}

export const DEFAULT_MAX_BODY_CHARS = 1_000_000;
export const DEFAULT_MAX_EXTRACT_CHARS = 200_000;

export const DEFAULT_INGEST_LIMITS: IngestLimits = {
  ...DEFAULT_PARSE_LIMITS,
  maxObjectBytes: 10 * 1024 * 1024,
  maxBodyChars: DEFAULT_MAX_BODY_CHARS,
  maxExtractChars: DEFAULT_MAX_EXTRACT_CHARS,
};

/**
 * The part of `body` handed to extraction: all of it up to `max` characters, else a prefix cut
 * at the last paragraph break, sentence end or space in the last tenth before `max` (at `max`
 * itself, never inside a surrogate pair, when there is none). Offsets stay valid in `body`.
 */
export function extractionText(body: string, max: number): string {
  if (body.length <= max) return body;
  const floor = Math.floor(max * 0.9);
  const head = body.slice(0, max);
  const paragraph = head.lastIndexOf('\n\n');
  if (paragraph >= floor) return head.slice(0, paragraph);
  for (let i = head.length - 1; i > floor; i--) {
    if (!/\s/.test(head[i] as string)) continue;
    let j = i - 1;
    while (j > floor && /["'\u201d\u2019)\]]/.test(head[j] as string)) j--;
    if (/[.!?]/.test(head[j] as string)) return head.slice(0, i);
  }
  const space = head.search(/\s\S*$/);
  if (space >= floor) return head.slice(0, space);
  const code = body.charCodeAt(max - 1);
  return body.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

export type IngestResult =
  | { readonly action: 'stored'; readonly outcome: ObjectOutcome['status']; readonly commit: CommitResult }
  | { readonly action: 'removed'; readonly commit: CommitResult }
  | { readonly action: 'skipped'; readonly why: 'stale' | 'duplicate' | 'gone' | 'noncurrent' };

/**
 * The use case: one S3 event in, the table brought to the object's latest state out.
 * Unusable content becomes a recorded failure (never retried); anything else that throws is
 * transient and the caller retries the event.
 *
 * Removals follow S3's versioning: a delete marker on top deletes the article; a version deleted
 * permanently (`ObjectRemoved:Delete`) changes the article only when what is current changed, so
 * the bucket is asked: nothing current any more deletes it, the same current version as stored
 * changes nothing (a non-current version went), another one (the latest version or a delete
 * marker went) is read and ingested in place of the stored one, under the removal's sequencer.
 */
export async function ingestObject(
  deps: IngestDependencies,
  event: ObjectEvent,
  limits: IngestLimits = DEFAULT_INGEST_LIMITS,
): Promise<IngestResult> {
  // a removal that finds the current version unchanged moves the state forward conditionally; a
  // concurrent commit in between makes it look again (the state it read is gone)
  for (let attempt = 1; ; attempt++) {
    const result = await ingestOnce(deps, event, limits);
    if (result !== RETRY) return result;
    if (attempt >= 3) throw new Error('the object state kept changing while a removal was applied');
  }
}

const RETRY = Symbol('retry');

async function ingestOnce(
  deps: IngestDependencies,
  event: ObjectEvent,
  limits: IngestLimits,
): Promise<IngestResult | typeof RETRY> {
  const { source, store, logger } = deps;

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

  let target = event;
  if (event.kind === 'removed') {
    const current = event.deleteMarker ? undefined : await source.current(event.ref);
    if (!current) {
      const commit = await store.remove(event, commitContext(deps, event));
      return { action: 'removed', commit };
    }
    if (
      current.versionId !== undefined &&
      stored !== undefined &&
      stored.status !== 'deleted' &&
      stored.versionId === current.versionId
    ) {
      logger?.info('a non-current version was removed; the current one is already stored', {
        removedVersionId: event.ref.versionId,
      });
      if ((await store.keep(event, current.versionId)) === 'superseded') return RETRY;
      await store.settle(event.ref);
      return { action: 'skipped', why: 'noncurrent' };
    }
    logger?.info('the current version changed with this removal; ingesting it', {
      removedVersionId: event.ref.versionId,
      currentVersionId: current.versionId,
    });
    const { versionId: _removed, ...key } = event.ref;
    target = {
      kind: 'created',
      ref: { ...key, ...(current.versionId ? { versionId: current.versionId } : {}) },
      sequencer: event.sequencer,
      eventTime: event.eventTime,
      ...(current.eTag ? { eTag: current.eTag } : {}),
      ...(current.size !== undefined ? { size: current.size } : {}),
    };
  }

  let outcome: ObjectOutcome;
  try {
    if (target.size !== undefined && target.size > limits.maxObjectBytes) {
      throw new UnusableContentError(
        'TOO_LARGE',
        `object is ${target.size} bytes, over the ${limits.maxObjectBytes}-byte limit`,
      );
    }
    const object = await source.fetch(target.ref, limits.maxObjectBytes);
    outcome = processBytes(object.bytes, target.ref.key, object, limits);
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
  const commit = await store.commit(target, outcome, commitContext(deps, target));
  return { action: 'stored', outcome: outcome.status, commit };
}

function commitContext(deps: IngestDependencies, event: ObjectEvent): CommitContext {
  return {
    extractorVersion: EXTRACTOR_VERSION,
    processedAt: deps.now().toISOString(),
    ...(event.eTag ? { eTag: event.eTag } : {}),
    ...(event.ref.versionId ? { versionId: event.ref.versionId } : {}),
  };
}

/** Pure part of the use case: bytes to parsed, extracted articles. */
export function processBytes(
  bytes: Uint8Array,
  filename: string,
  meta: { contentType?: string; contentEncoding?: string },
  limits: ParseLimits & { maxBodyChars?: number; maxExtractChars?: number },
): ObjectOutcome {
  const maxBodyChars = limits.maxBodyChars ?? DEFAULT_MAX_BODY_CHARS;
  const maxExtractChars = limits.maxExtractChars ?? DEFAULT_MAX_EXTRACT_CHARS;
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
      const text = extractionText(article.body, maxExtractChars);
      const extraction = extract(text);
      results.push({
        index,
        articleId: article.id ?? String(index),
        article,
        extraction,
        entities: groupEntities(extraction.entities),
        ...(text.length < article.body.length ? { extractedChars: text.length } : {}),
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
