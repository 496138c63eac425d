/**
 * One document, built once per text and shared by every step of the extractor: the entity
 * recognizer and the quote steps read the same tokens, the same sentences (one sentence splitter
 * for the whole core) and the same paragraphs. What only some steps need (normalised forms,
 * the sentence of each token, the quote steps' word units and the token each starts in) is
 * computed on first use and kept on the document.
 */

import type { EntityMention } from '../types.ts';
import { type Sentence, splitSentencesOfTokens, type Token, tokenize } from './tokenize.ts';
import { type Paragraph, splitParagraphs, type Tok, wordUnits } from './words.ts';

export type { Paragraph, Sentence, Token };

export class Document {
  readonly text: string;
  /** Tokens with exact offsets (tokenize.ts). */
  readonly tokens: readonly Token[];
  /** Sentences as token ranges: the core's one sentence splitter. */
  readonly sentences: readonly Sentence[];
  /** Entity mentions, once the recognizer has run on this document (recognizeEntities). */
  entities: readonly EntityMention[] | null = null;

  #paragraphs: readonly Paragraph[] | null = null;
  #norms: readonly string[] | null = null;
  #sentenceOf: Int32Array | null = null;
  #words: readonly Tok[] | null = null;
  #wordToken: Int32Array | null = null;

  constructor(text: string) {
    this.text = text;
    this.tokens = tokenize(text);
    this.sentences = splitSentencesOfTokens(text, this.tokens);
  }

  /** Paragraphs: separated by line breaks. */
  get paragraphs(): readonly Paragraph[] {
    this.#paragraphs ??= splitParagraphs(this.text);
    return this.#paragraphs;
  }

  /** The normalised form of each token (what the entity model reads). */
  get norms(): readonly string[] {
    this.#norms ??= this.tokens.map((t) => t.norm);
    return this.#norms;
  }

  /** The sentence index of each token. */
  get sentenceOf(): Int32Array {
    if (!this.#sentenceOf) {
      const of = new Int32Array(this.tokens.length);
      for (const [k, s] of this.sentences.entries()) of.fill(k, s.first, s.last);
      this.#sentenceOf = of;
    }
    return this.#sentenceOf;
  }

  /** The quote steps' word units (words.ts), derived from the tokens. */
  get words(): readonly Tok[] {
    if (!this.#words) this.#buildWords();
    return this.#words!;
  }

  /** For each word unit, the index of the token it starts in. */
  get wordToken(): Int32Array {
    if (!this.#wordToken) this.#buildWords();
    return this.#wordToken!;
  }

  #buildWords(): void {
    const { words, tokenOf } = wordUnits(this.text, this.tokens, this.paragraphs);
    this.#words = words;
    this.#wordToken = tokenOf;
  }
}

/** The document of `text`, or `input` itself when it already is one. */
export function documentOf(input: string | Document): Document {
  return typeof input === 'string' ? new Document(input) : input;
}
