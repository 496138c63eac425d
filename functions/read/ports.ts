/**
 * The read side's port: what the read API needs from storage. Implemented by the DynamoDB read
 * model (functions/adapters/aws/dynamodb/read-model.ts); every answer shows committed versions only.
 *
 * Ids and positions are opaque strings made by the implementation: the API passes them back
 * unchanged, and the implementation validates them (`InvalidIdError`, `InvalidPositionError`).
 */

/** A page of a listing, newest first; `next` is where the following page starts, when there is one. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly next?: string;
}

export interface PageRequest {
  readonly limit: number;
  /** The `next` of the previous page of the same listing. */
  readonly after?: string;
}

export interface SpeakerSummary {
  readonly id: string;
  readonly name: string;
  /** PERSON or ORGANIZATION, when the speaker is a recognized entity. */
  readonly type?: string;
  readonly quoteCount: number;
}

export interface EntitySummary {
  readonly id: string;
  readonly name: string;
  /** The types the name was recognized as (PERSON, ORGANIZATION, LOCATION, ...), most frequent first. */
  readonly types: readonly string[];
  readonly articleCount: number;
}

export interface Span {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** What a listing shows of the article an item comes from. */
export interface ArticleRef {
  readonly id: string;
  readonly bucket: string;
  readonly key: string;
  readonly title?: string;
  /** Sort date: the published date when known, else the upload time (ISO 8601). */
  readonly date: string;
  readonly published?: string;
  readonly outlet?: string;
  readonly url?: string;
}

export interface QuoteView {
  readonly type: 'direct' | 'indirect';
  readonly text: string;
  readonly textTruncated?: boolean;
  /** Half-open UTF-16 offsets of the quotation in the article body. */
  readonly start: number;
  readonly end: number;
  readonly paragraph?: number;
  readonly speaker: {
    readonly id: string;
    readonly name: string;
    readonly type?: string;
    readonly role?: string;
  } | null;
  readonly mention?: Span;
  readonly cue?: Span;
}

export interface ListedQuote extends QuoteView {
  readonly article: ArticleRef;
}

export interface EntityMention {
  readonly article: ArticleRef;
  readonly name: string;
  readonly type: string;
  readonly mentions: number;
}

export interface EntityView {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly mentions: number;
  /** Half-open UTF-16 offsets of its mentions in the body (the first 100). */
  readonly spans: readonly (readonly [number, number])[];
  readonly spansTruncated?: boolean;
}

export interface ArticleView extends ArticleRef {
  readonly articleId: string;
  readonly format?: string;
  readonly deck?: string;
  readonly byline?: string;
  readonly dateline?: string;
  readonly modified?: string;
  readonly language?: string;
  readonly section?: string;
  readonly subjects?: readonly string[];
  /** The body as extracted (offsets refer to it); absent for articles stored before bodies were kept. */
  readonly body?: string;
  readonly bodyTruncated?: boolean;
  readonly entities: readonly EntityView[];
  readonly quotes: readonly QuoteView[];
}

/** Port: the read model. */
export interface ReadModel {
  /** Speakers whose name matches `query`, with their number of quotes. */
  searchSpeakers(query: string, limit: number): Promise<SpeakerSummary[]>;
  /** A speaker's quotes, newest first. */
  speakerQuotes(speakerId: string, page: PageRequest): Promise<Page<ListedQuote>>;
  /** Entities whose name matches `query`, with their number of articles. */
  searchEntities(query: string, limit: number): Promise<EntitySummary[]>;
  /** The articles mentioning an entity, newest first. */
  entityArticles(entityId: string, page: PageRequest): Promise<Page<EntityMention>>;
  /** One article with its entities and quotes, or undefined when there is none with that id. */
  article(articleId: string): Promise<ArticleView | undefined>;
}

/** An id that the read model could never have made. */
export class InvalidIdError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidIdError';
  }
}

/** A position that is not one of the listing it is used with. */
export class InvalidPositionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidPositionError';
  }
}
