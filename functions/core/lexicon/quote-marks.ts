/** Quotation marks, by level and direction. Data only. */

/** Double marks that always or usually open a quotation. */
export const DOUBLE_OPEN: ReadonlySet<string> = new Set(['“', '„', '‟', '«']);
/** Double marks that always or usually close a quotation. */
export const DOUBLE_CLOSE: ReadonlySet<string> = new Set(['”', '»']);
/** Double marks whose direction comes from context. */
export const DOUBLE_AMBIGUOUS: ReadonlySet<string> = new Set(['"', '″']);

export const SINGLE_OPEN: ReadonlySet<string> = new Set(['‘', '‹', '‚']);
export const SINGLE_CLOSE: ReadonlySet<string> = new Set(['’', '›']);
export const SINGLE_AMBIGUOUS: ReadonlySet<string> = new Set(["'"]);

/** Two-character marks standing for a double mark (TeX and old wire style). */
export const DIGRAPH_OPEN = '``';
export const DIGRAPH_AMBIGUOUS = "''";

/** Words that start with an apostrophe and are not quotations ('em, 'til, '90s handled apart). */
export const ELISIONS: ReadonlySet<string> = new Set([
  'em',
  'til',
  'tis',
  'twas',
  'cause',
  'n',
  'bout',
  'round',
  'nuff',
  'ol',
  'fraid',
  'kay',
]);
