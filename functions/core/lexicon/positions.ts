/**
 * Titles and positions written before or beside a person's name (`Ambassador`, `Sen.`, `Vice
 * President`, `CEO`), and kinship nouns (`his son`), for in-document grouping and entity roles.
 * Data only; lowercase, abbreviations without their dot.
 */

import { wordSet } from './word-set.ts';

/** Head words of a title or position: the word next to the name in `Defense Secretary Jan Smith`. */
export const POSITION_HEADS: ReadonlySet<string> = wordSet(`
  president vice-president president-elect senator sen senator-elect representative rep congressman
  congresswoman congressmember delegate governor gov governor-elect lieutenant-governor mayor
  councilman councilwoman councillor councilor alderman alderwoman assemblyman assemblywoman
  assemblymember lawmaker legislator minister secretary chancellor premier ambassador envoy
  consul diplomat commissioner comptroller treasurer auditor attorney prosecutor solicitor
  sheriff judge justice magistrate chairman chairwoman chair chairperson speaker leader whip
  ceo cfo coo cto cio chief executive founder co-founder cofounder president director
  manager coach owner publisher editor editor-in-chief anchor host correspondent columnist
  spokesman spokeswoman spokesperson adviser advisor aide strategist pollster economist analyst
  general gen admiral adm colonel col lieutenant lt major maj captain capt sergeant sgt
  corporal cpl private pvt commander cmdr commodore marshal brigadier officer trooper detective
  det inspector insp superintendent supt constable chief professor prof dr doctor dean provost
  principal chaplain pope cardinal archbishop bishop reverend rev pastor rabbi imam sheikh
  ayatollah cleric king queen prince princess emperor empress duke duchess earl count countess
  ombudsman ombudsperson
  baron baroness crown-prince sultan emir
`);

/** Words that may open a title before its head (`Vice`, `Prime`, `Defense`, `former`, `U.S.`). */
export const POSITION_MODIFIERS: ReadonlySet<string> = wordSet(`
  vice prime deputy assistant associate acting interim former then incoming outgoing retired
  senior junior chief executive general managing executive first lead head principal special
  foreign defense defence finance interior home state justice treasury trade labor labour
  health education energy transportation transport agriculture commerce environment housing
  homeland security intelligence culture economy economic sports veterans national press
  communications public attorney solicitor inspector district circuit supreme appeals federal
  county city state-level police fire party majority minority house senate parliamentary
  republican democratic democrat conservative liberal labor green u.s us uk un eu nato white
  secretary-general under undersecretary under-secretary surgeon chief-of-staff staff
`);

/** Honorifics: they tell gender, not a position, so they are no role (`Mr.`, `Mrs.`, `Ms.`). */
export const HONORIFICS: ReadonlySet<string> = wordSet(`mr mrs ms miss mx madam madame sir dame lady lord`);

/** Titles and positions that tell a gender (honorifics: lexicon/honorifics.ts). */
export const MALE_POSITIONS: ReadonlySet<string> = wordSet(`
  congressman councilman alderman assemblyman chairman spokesman businessman king prince emperor
  duke earl count baron sultan emir
`);
export const FEMALE_POSITIONS: ReadonlySet<string> = wordSet(`
  congresswoman councilwoman alderwoman assemblywoman chairwoman spokeswoman businesswoman queen
  princess empress duchess countess baroness
`);

/** Abbreviations written with a dot inside a sentence (`Sen.`, `Mrs.`, `Jr.`): no sentence end. */
export const ABBREVIATIONS: ReadonlySet<string> = wordSet(`
  mr mrs ms mx dr sen rep gov gen lt col maj capt sgt cpl pvt adm cmdr det insp supt prof rev pres
  st jr sr hon amb atty no
`);

/** Kinship nouns: `his son Tom Smith` introduces a relative of someone else in the text. */
export const KIN_NOUNS: ReadonlySet<string> = wordSet(`
  son sons daughter daughters wife husband brother sister father mother nephew niece cousin
  grandson granddaughter grandfather grandmother grandchild uncle aunt stepson stepdaughter
  stepfather stepmother son-in-law daughter-in-law brother-in-law sister-in-law father-in-law
  mother-in-law widow widower fiance fiancee fiancé fiancée spouse child twin half-brother
  half-sister
`);

/** Kinship nouns that tell a gender. */
export const MALE_KIN: ReadonlySet<string> = wordSet(`
  son sons husband brother father nephew grandson grandfather uncle stepson stepfather son-in-law
  brother-in-law father-in-law widower fiance fiancé half-brother
`);
export const FEMALE_KIN: ReadonlySet<string> = wordSet(`
  daughter daughters wife sister mother niece granddaughter grandmother aunt stepdaughter
  stepmother daughter-in-law sister-in-law mother-in-law widow fiancee fiancée half-sister
`);

/** Words that make a capitalised phrase after a title an organisation's name (`General Motors`). */
export const ORGANIZATION_NAME_WORDS: ReadonlySet<string> = wordSet(`
  motors electric mills dynamics league group bank college university school academy institute
  office department ministry committee council commission party corp corporation co inc ltd llc
  company association foundation trust fund club hospital church court house agency board bureau
  authority news times post press media airlines airways systems industries holdings partners
  capital energy foods brands store stores hotel hotels centre center museum library services
  union federation society network studios records pictures games team united city county
`);

/**
 * Title heads that also open names of things (`Major League`, `Chief Keef`, `Queen Mary`): a
 * phrase they open is a person's name only when a known first name follows.
 */
export const AMBIGUOUS_TITLE_HEADS: ReadonlySet<string> = wordSet(`
  general gen major maj chief king queen prince princess duke duchess count captain capt marshal
  private principal host director officer owner leader chair speaker coach anchor editor dean
  justice premier doctor publisher founder
`);

/** Honorifics that are also part of stage names (`Lady Gaga`): they open a one-word name only in full. */
export const NAME_HONORIFICS: ReadonlySet<string> = wordSet(`lady lord dame madam madame`);
