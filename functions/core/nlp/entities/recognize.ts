import { nerModel } from '../../model/ner.ts';
import type { EntityMention, EntityType } from '../../types.ts';
import { type Document, documentOf } from '../document.ts';
import { definedAcronyms } from './acronym-defs.ts';
import { readDatelines } from './dateline.ts';
import { documentFeatures, hashRow, WORD_ROLES, type WordInfo, wordFeatures } from './features.ts';
import { canonicalize } from './group.ts';
import { cutAtHeadlineVerbs } from './headline.ts';
import { camelProducts, eventFinals, productLines } from './misc-heads.ts';
import { emissions, labelSpans, type NerModel, NUM_LABELS, viterbi } from './model.ts';
import { findNumeric } from './numeric.ts';
import { organisationsByCue, workplaces } from './org-cues.ts';
import { peopleByName, placesBeforeTitles } from './person-names.ts';
import { placeAcronyms } from './place-acronyms.ts';
import { placeCodes } from './place-codes.ts';
import { placesByHead } from './place-heads.ts';
import { quotedTitles } from './quoted-titles.ts';
import { roundupTeams } from './roundup.ts';
import { joinParticles, takeInnerThe } from './spans.ts';
import { organisationsAfterThe } from './the-names.ts';

export { groupEntities } from './group.ts';

const TYPE_NAMES: Record<string, EntityType> = {
  PER: 'PERSON',
  ORG: 'ORGANIZATION',
  LOC: 'LOCATION',
  MISC: 'MISC',
};

/**
 * Summed (scaled) weights of a word's word-only features in each role (WORD_ROLES: itself, one or
 * two places before or after the labelled token), NUM_LABELS per role: ROW numbers per word, kept
 * in one growing store (`slab`) and found through the shared per-word facts object (`scoreAt`),
 * for the model and store generation that computed them. Row 0 is zeros: the word beyond either
 * end of a sentence. One flat store keeps the rows of a document's words together in memory and
 * allocates no array per word; it is emptied (a new generation) between documents once it holds
 * SLAB_WORDS words.
 */
const ROW = WORD_ROLES.length * NUM_LABELS;
const SLAB_WORDS = 32_768;
let slab = new Float64Array(ROW * 4096);
let slabUsed = ROW;
let slabGen = 0;

/** Room for `words` more rows in the store, at a document's start. */
function reserveRows(words: number): void {
  if (slabUsed + words * ROW <= slab.length) return;
  if (slabUsed >= SLAB_WORDS * ROW) {
    slabGen++;
    slabUsed = ROW;
    if (slabUsed + words * ROW <= slab.length) return;
  }
  const bigger = new Float64Array(Math.max(slab.length * 2, slabUsed + words * ROW));
  bigger.set(slab.subarray(0, slabUsed));
  slab = bigger;
}

/** Buffers reused from sentence to sentence (the recognizer runs on one thread). */
let emBuf = new Float64Array(0);
let rowBuf = new Int32Array(0);

function wordScore(model: NerModel, info: WordInfo, w: string): number {
  if (info.scoreOwner === model && info.scoreGen === slabGen) return info.scoreAt;
  const L = NUM_LABELS;
  const at = slabUsed;
  slabUsed += ROW;
  const v = slab;
  v.fill(0, at, at + ROW);
  wordFeatures(w, model).forEach((hashes, role) => {
    for (const h of hashes) {
      const r = hashRow(model.index, h);
      if (r < 0) continue;
      for (let j = 0; j < L; j++) v[at + role * L + j]! += model.weights[r * L + j]!;
    }
  });
  for (let j = at; j < at + ROW; j++) v[j]! *= model.scale;
  info.scoreOwner = model;
  info.scoreGen = slabGen;
  info.scoreAt = at;
  return at;
}

/** Named mentions (PERSON, ORGANIZATION, LOCATION, MISC) predicted by the trained model, without canonical names. */
export function recognizeNamed(
  input: string | Document,
  model: NerModel = nerModel(),
): Omit<EntityMention, 'canonical'>[] {
  const doc = documentOf(input);
  const { text, tokens, sentences, norms } = doc;
  // Word-only features are scored through the per-word cache, the rest per token.
  const feats = documentFeatures(norms, sentences, model, { omitWordFeatures: true });
  const out: Omit<EntityMention, 'canonical'>[] = [];
  const L = NUM_LABELS;
  const words = feats.words;
  const cased = feats.cased;
  reserveRows(tokens.length);
  for (const s of sentences) {
    const n = s.last - s.first;
    if (emBuf.length < n * L) emBuf = new Float64Array(n * L * 2);
    const em = emissions(model, feats, s.first, s.last, emBuf);
    if (rowBuf.length < n + 4) rowBuf = new Int32Array((n + 4) * 2);
    // rows[t + 2] is token t's row; two zero rows on each side.
    const rows = rowBuf;
    rows[0] = rows[1] = rows[n + 2] = rows[n + 3] = 0;
    for (let t = 0; t < n; t++) rows[t + 2] = wordScore(model, words[s.first + t]!, cased[s.first + t]!);
    const v = slab;
    for (let t = 0; t < n; t++) {
      // Token t as itself, the word before it as prev1, after it as next1, two before or after.
      const self = rows[t + 2]!;
      const p1 = rows[t + 1]! + L;
      const n1 = rows[t + 3]! + 2 * L;
      const p2 = rows[t]! + 3 * L;
      const n2 = rows[t + 4]! + 4 * L;
      const o = t * L;
      for (let j = 0; j < L; j++) {
        em[o + j]! += v[self + j]! + v[p1 + j]! + v[n1 + j]! + v[p2 + j]! + v[n2 + j]!;
      }
    }
    const labels = viterbi(em, s.last - s.first, model.transitions);
    for (const sp of labelSpans(labels)) {
      const start = tokens[s.first + sp.start]!.start;
      const end = tokens[s.first + sp.end - 1]!.end;
      out.push({ type: TYPE_NAMES[sp.type]!, start, end, text: text.slice(start, end) });
    }
  }
  return out;
}

/**
 * Entity mentions of the text, sorted by start: the trained model's named entities plus rule-based
 * MONEY, PERCENT and DATE (which never overlap a named mention), each carrying the canonical name
 * of its in-document entity. Given a Document, the mentions are also kept on it (`entities`).
 */
export function recognizeEntities(input: string | Document): EntityMention[] {
  const doc = documentOf(input);
  const text = doc.text;
  // The model's mentions, then the conventions of today's news the 1996 training text lacks:
  // headline names cut at their verb, name particles, streets and venues, place acronyms, names after "the",
  // datelines, state codes after a place, a capital "The" inside a sentence, a place before a title in a
  // person's span, people named by their names,
  // camel-cased product names, names the text gives an
  // organisation's noun, names people work at, the teams of a results round-up,
  // products named with a model suffix, a tournament's finals, titles of works in quotation marks, acronyms
  // the text defines.
  let named = joinParticles(text, cutAtHeadlineVerbs(text, recognizeNamed(doc)));
  named = organisationsAfterThe(text, placeAcronyms(placesByHead(named)));
  named = takeInnerThe(text, placeCodes(text, readDatelines(text, named)));
  named = organisationsByCue(text, camelProducts(text, peopleByName(placesBeforeTitles(named))));
  named = roundupTeams(text, workplaces(text, named));
  named = quotedTitles(text, eventFinals(text, productLines(text, named)));
  named = definedAcronyms(text, named);
  const all: Omit<EntityMention, 'canonical'>[] = [...named];
  let k = 0;
  for (const n of findNumeric(text)) {
    while (k < named.length && named[k]!.end <= n.start) k++;
    const overlaps = k < named.length && named[k]!.start < n.end;
    if (!overlaps) all.push(n);
  }
  all.sort((a, b) => a.start - b.start || a.end - b.end);
  const entities = canonicalize(all, text);
  doc.entities = entities;
  return entities;
}
