/** Prepositions: the noun phrase after one is its object, never a clause's subject. Data only. */
export const PREPOSITIONS: ReadonlySet<string> = new Set(
  'at in on to for from with by of during after before about into near under over through since via among across toward towards against without within'.split(
    ' ',
  ),
);

/** Words after which a name is not a subject: the prepositions, and comparisons and lists. */
export const NOT_SUBJECT_AFTER: ReadonlySet<string> = new Set([
  ...PREPOSITIONS,
  'like',
  'than',
  'as',
  'between',
  'including',
]);
