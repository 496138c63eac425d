import { wordSet } from './word-set.ts';

/** Word lists of the reported-speech guards (functions/core/nlp/quotes/indirect.ts). Data only. */

/** Decisions and votes: no speech ("decided to", "voted against", "opposed the plan"). */
export const DECISION_CUES: ReadonlySet<string> = wordSet(`
  decide decides decided deciding vote votes voted voting oppose opposes opposed opposing
`);

/**
 * Verbs of doing rather than saying or thinking ("seized", "offered", "pushed", "unveiled"): what
 * follows them is an object or an act, not what someone said or holds.
 */
export const ACTION_CUES: ReadonlySet<string> = wordSet(`
  seize seizes seized seizing investigate investigates investigated investigating offer offers
  offered offering order orders ordered ordering push pushes pushed pushing unveil unveils unveiled
  unveiling promote promotes promoted promoting encourage encourages encouraged encouraging lay lays
  laid laying address addresses addressed addressing raise raises raised raising
`);

/** Cue words more often nouns ("the talks", "a new plan", "the study"). */
export const NOUN_LIKE: ReadonlySet<string> = wordSet(`
  talk talks plan plans study studies report reports claim claims promise promises pledge pledges
  warning warnings call calls support estimate estimates view views offer offers order orders push back
`);

/** What stands right before a noun-like word that is a verb: a subject, an auxiliary, "to". */
export const SUBJECT_WORDS: ReadonlySet<string> = wordSet(`
  he she they we i it who that to will would can could may might should must also now still often
  repeatedly
`);
