/** Personal pronouns that can stand for a speaker, with the antecedent they need. Data only. */

export type PronounKind = 'male' | 'female' | 'plural' | 'neuter' | 'first';

export const SPEAKER_PRONOUNS: ReadonlyMap<string, PronounKind> = new Map([
  ['he', 'male'],
  ['she', 'female'],
  ['they', 'plural'],
  ['it', 'neuter'],
  ['i', 'first'],
  ['we', 'first'],
]);

/** Object and possessive forms, used to track gender evidence for a person. */
export const GENDERED_FORMS: ReadonlyMap<string, 'male' | 'female'> = new Map([
  ['he', 'male'],
  ['him', 'male'],
  ['his', 'male'],
  ['himself', 'male'],
  ['she', 'female'],
  ['her', 'female'],
  ['hers', 'female'],
  ['herself', 'female'],
]);
