import { articleIdentities, type IdentityRecord } from '#core/nlp/entities/identity.ts';
import type { Entity, Quote } from '#core/types.ts';
import type { ArticleResult, CommitContext, ObjectEvent, ObjectOutcome } from '#ingest/ports.ts';
import {
  entityHash,
  entityPk,
  nameKey,
  namePk,
  objectPk,
  pad,
  STATE_SK,
  shortHash,
  speakerPk,
  VERSION_PREFIX,
} from './keys.ts';

export type Item = Record<string, unknown>;

/** Caps that keep every item far below DynamoDB's 400 KB whatever the article. */
export const LIMITS = {
  text: 4000,
  title: 1000,
  field: 1000,
  spans: 100,
  quotes: 2000,
  entities: 2000,
  /** Name items (one per identity and lookup key) per article. */
  names: 4000,
  /** Aliases stored on an entity or quote item, each at most `alias` characters. */
  aliases: 8,
  alias: 100,
  message: 1000,
  /** The article body kept for reading (≤ 300 KB of UTF-8 even at 3 bytes a unit). */
  body: 100_000,
} as const;

/** Truncates a string to `max` UTF-16 units; the caller records the flag. */
export function cap(value: string, max: number): { value: string; truncated: boolean } {
  if (value.length <= max) return { value, truncated: false };
  // never cut a surrogate pair in half
  let end = max;
  const code = value.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return { value: value.slice(0, end), truncated: true };
}

/** Sets `name` (and `<name>Truncated` when cut) on the item when the value is present. */
function put(item: Item, name: string, value: string | undefined, max: number = LIMITS.field): void {
  if (value === undefined || value === '') return;
  const c = cap(value, max);
  item[name] = c.value;
  if (c.truncated) item[`${name}Truncated`] = true;
}

/** Sort date of an article: its published date when known, else the S3 event time. */
function sortDate(result: ArticleResult, event: ObjectEvent): string {
  const published = result.article.published;
  if (published && !Number.isNaN(Date.parse(published))) return new Date(published).toISOString();
  return event.eventTime;
}

export function versionItems(
  event: ObjectEvent,
  outcome: ObjectOutcome,
  version: string,
  context: CommitContext,
): Item[] {
  const { bucket, key } = event.ref;
  const pk = objectPk(bucket, key);
  const objectHash = pk.slice(4);
  const base = { pk, version, bucket, key };
  const prefix = `${VERSION_PREFIX}${version}`;
  if (outcome.status === 'failed') {
    const item: Item = { ...base, sk: `${prefix}#FAILURE`, kind: 'failure', reason: outcome.reason };
    put(item, 'message', outcome.message, LIMITS.message);
    item.processedAt = context.processedAt;
    return [item];
  }
  const items: Item[] = [];
  for (const result of outcome.articles) {
    const a = result.article;
    const n = pad(result.index);
    const date = sortDate(result, event);
    const articleSk = `${prefix}#A#${n}`;
    const quotes = result.extraction.quotes.slice(0, LIMITS.quotes);
    const entities = result.entities.slice(0, LIMITS.entities);
    const identities = articleIdentities(result.extraction.entities, entities, quotes);
    const names = nameItems(identities.records, date, objectHash, n, result.index);
    const article: Item = {
      ...base,
      sk: articleSk,
      kind: 'article',
      articleId: result.articleId,
      articleIndex: result.index,
      format: a.format,
      sortDate: date,
      entityCount: result.entities.length,
      quoteCount: result.extraction.quotes.length,
      mentionCount: result.extraction.entities.length,
      bodyChars: a.body.length,
    };
    if (quotes.length < result.extraction.quotes.length) article.quotesTruncated = true;
    if (result.extractedChars !== undefined) {
      article.extractionTruncated = true;
      article.extractedChars = result.extractedChars;
    }
    if (entities.length < result.entities.length) article.entitiesTruncated = true;
    if (names.length > LIMITS.names) article.namesTruncated = true;
    put(article, 'title', a.title, LIMITS.title);
    // the body the offsets refer to, for the read API (the read side may read the table only)
    put(article, 'body', a.body, LIMITS.body);
    for (const field of [
      'deck',
      'byline',
      'dateline',
      'outlet',
      'published',
      'modified',
      'url',
      'language',
      'section',
    ] as const) {
      put(article, field, a[field]);
    }
    if (a.subjects?.length) article.subjects = a.subjects.slice(0, 50).map((s) => cap(s, 200).value);
    items.push(article);
    const title = a.title ? cap(a.title, 300).value : undefined;
    const context = { bucket, key, articleIndex: result.index, ...(title ? { articleTitle: title } : {}) };
    entities.forEach((entity, e) => {
      items.push(entityItem(base, articleSk, entity, identities.ofEntity[e], date, objectHash, n, context));
    });
    quotes.forEach((quote, m) => {
      items.push(quoteItem(base, articleSk, quote, identities.ofQuote[m], m, date, objectHash, n, context));
    });
    for (const name of names.slice(0, LIMITS.names))
      items.push({ pk, version, sk: `${articleSk}${name.sk}`, ...name.item });
  }
  return items;
}

/** Aliases as stored: at most LIMITS.aliases, each capped. */
function aliasList(identity: IdentityRecord): string[] {
  return identity.aliases.slice(0, LIMITS.aliases).map((a) => cap(a, LIMITS.alias).value);
}

/**
 * The name items of an article: one per identity and lookup key, small (no text), in byEntity when
 * the identity is an entity and in bySpeaker when it is quoted here. Their sort key ends with a
 * hash of the identity, so each is unique and a page boundary never falls between equal keys.
 */
function nameItems(
  records: readonly IdentityRecord[],
  date: string,
  objectHash: string,
  n: string,
  articleIndex: number,
): { sk: string; item: Item }[] {
  const out: { sk: string; item: Item }[] = [];
  for (const r of records) {
    const gsiSk = `${date}#${objectHash}#${n}#${shortHash(r.key)}`;
    for (const lookup of r.lookupKeys) {
      const item: Item = {
        kind: 'name',
        identity: r.key,
        lookup,
        articleIndex,
        mentions: r.mentions,
        quotes: r.quotes,
      };
      put(item, 'name', r.name, LIMITS.alias * 2);
      if (r.types.length) {
        item.types = [...r.types];
        item.gsi2pk = namePk(lookup);
        item.gsi2sk = gsiSk;
      }
      if (r.quotes > 0) {
        item.gsi1pk = namePk(lookup);
        item.gsi1sk = gsiSk;
      }
      if (item.gsi1pk || item.gsi2pk) out.push({ sk: `#N#${shortHash(`${r.key}\n${lookup}`, 16)}`, item });
    }
  }
  return out;
}

function entityItem(
  base: Item,
  articleSk: string,
  entity: Entity,
  identity: IdentityRecord | undefined,
  date: string,
  objectHash: string,
  n: string,
  context: Item,
): Item {
  const spans = entity.spans.slice(0, LIMITS.spans).map((s) => [s.start, s.end]);
  const hash = entityHash(entity.type, entity.name);
  const item: Item = {
    ...base,
    ...context,
    sk: `${articleSk}#E#${hash}`,
    kind: 'entity',
    type: entity.type,
    mentions: entity.mentions,
    spans,
    identity: identity?.key ?? nameKey(entity.name),
    gsi2pk: entityPk(identity?.key ?? nameKey(entity.name)),
    gsi2sk: `${date}#${objectHash}#${n}#${hash}`,
    sortDate: date,
  };
  put(item, 'name', entity.name, LIMITS.field);
  put(item, 'role', entity.role, 200);
  if (identity) item.aliases = aliasList(identity);
  if (spans.length < entity.spans.length) item.spansTruncated = true;
  return item;
}

function quoteItem(
  base: Item,
  articleSk: string,
  quote: Quote,
  speaker: IdentityRecord | undefined,
  m: number,
  date: string,
  objectHash: string,
  n: string,
  context: Item,
): Item {
  const item: Item = {
    ...base,
    ...context,
    sk: `${articleSk}#Q#${pad(m)}`,
    kind: 'quote',
    quoteType: quote.type,
    start: quote.start,
    end: quote.end,
    sortDate: date,
  };
  put(item, 'text', quote.text, LIMITS.text);
  if (quote.paragraph !== undefined) item.paragraph = quote.paragraph;
  if (quote.cue) {
    put(item, 'cue', quote.cue.text, 200);
    item.cueStart = quote.cue.start;
    item.cueEnd = quote.cue.end;
  }
  if (quote.speaker) {
    put(item, 'speaker', quote.speaker.name);
    put(item, 'speakerRole', quote.speaker.role);
    if (quote.speaker.type) item.speakerType = quote.speaker.type;
    put(item, 'mention', quote.speaker.mention.text, 500);
    item.mentionStart = quote.speaker.mention.start;
    item.mentionEnd = quote.speaker.mention.end;
    if (speaker) {
      item.speakerId = speaker.key;
      item.speakerAliases = aliasList(speaker);
      item.gsi1pk = speakerPk(speaker.key);
      item.gsi1sk = `${date}#${objectHash}#${n}#${pad(m)}`;
    }
  }
  return item;
}

/** Attributes of the STATE item (the commit marker) for a commit. */
export function stateAttributes(
  event: ObjectEvent,
  outcome: ObjectOutcome | undefined,
  version: string,
  sequencer: string,
  context: CommitContext,
): Item {
  const attrs: Item = {
    kind: 'state',
    bucket: event.ref.bucket,
    key: event.ref.key,
    sequencer,
    version,
    eventTime: event.eventTime,
    extractorVersion: context.extractorVersion,
    processedAt: context.processedAt,
  };
  if (context.eTag) attrs.eTag = context.eTag;
  if (context.versionId) attrs.versionId = context.versionId;
  if (!outcome) {
    attrs.status = 'deleted';
    return attrs;
  }
  attrs.status = outcome.status;
  if (outcome.contentHash) attrs.contentHash = outcome.contentHash;
  if (outcome.status === 'failed') {
    attrs.failureReason = outcome.reason;
    attrs.failureMessage = cap(outcome.message, LIMITS.message).value;
  } else {
    attrs.format = outcome.format;
    attrs.articleCount = outcome.articles.length;
    attrs.retractedCount = outcome.retracted;
    attrs.entityCount = outcome.articles.reduce((s, a) => s + a.entities.length, 0);
    attrs.quoteCount = outcome.articles.reduce((s, a) => s + a.extraction.quotes.length, 0);
    const first = outcome.articles[0]?.article;
    if (first?.title) attrs.title = cap(first.title, LIMITS.title).value;
  }
  return attrs;
}

export { STATE_SK };
