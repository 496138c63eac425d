/**
 * The shapes shared by the whole pure core. Every span is a half-open UTF-16
 * offset pair into the exact text it was taken from: `text.slice(start, end)`.
 */

export interface Span {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export type NamedEntityType = 'PERSON' | 'ORGANIZATION' | 'LOCATION' | 'MISC';
export type NumericEntityType = 'MONEY' | 'PERCENT' | 'DATE';
export type EntityType = NamedEntityType | NumericEntityType;

/** One occurrence of an entity in the text. */
export interface EntityMention extends Span {
  readonly type: EntityType;
  /** The canonical name of the in-document entity this mention belongs to. */
  readonly canonical: string;
  /** Title or position given with this mention (`Ambassador`, `Sen.`, `Vice President`), if any. */
  readonly role?: string;
}

/** Mentions of one entity grouped within a document. */
export interface Entity {
  readonly name: string;
  readonly type: EntityType;
  readonly mentions: number;
  readonly spans: readonly { readonly start: number; readonly end: number }[];
  /** The first title or position the text gives the entity (`Ambassador`, `CEO`), if any. */
  readonly role?: string;
}

export interface Speaker {
  /** The canonical name of the speaker (a canonical entity name when one is known). */
  readonly name: string;
  /** The span the speaker was identified from: a name, a pronoun or a nominal. */
  readonly mention: Span;
  /** The entity type of the speaker, when known. */
  readonly type?: EntityType;
  /** Role or title the text gives the speaker ("State Department spokesman"). */
  readonly role?: string;
}

export type QuoteType = 'direct' | 'indirect';

export interface Quote extends Span {
  readonly type: QuoteType;
  /** The speech verb or cue phrase ("said", "according to"), when there is one. */
  readonly cue: Span | null;
  readonly speaker: Speaker | null;
  /** Zero-based paragraph index of the quote's start. */
  readonly paragraph?: number;
}

export interface Extraction {
  readonly entities: readonly EntityMention[];
  readonly quotes: readonly Quote[];
}

/** A parsed article: metadata plus the body text that extraction runs on. */
export interface Article {
  readonly format: ArticleFormat;
  /** Identifier of the article inside a multi-article file (id field or position), if any. */
  readonly id?: string;
  readonly title?: string;
  readonly deck?: string;
  readonly byline?: string;
  readonly published?: string;
  readonly modified?: string;
  readonly outlet?: string;
  readonly dateline?: string;
  readonly url?: string;
  readonly language?: string;
  readonly section?: string;
  readonly subjects?: readonly string[];
  /** True when the source marks the article canceled or withdrawn: its items must be removed. */
  readonly retracted?: boolean;
  /** Body text, paragraphs separated by a blank line ("\n\n"). Extraction offsets point into it. */
  readonly body: string;
}

export type ArticleFormat = 'text' | 'markdown' | 'html' | 'json' | 'nitf' | 'newsml-g2';
