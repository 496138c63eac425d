/**
 * Titles and positions written before or beside a person's name (`Ambassador`, `Sen.`, `Vice
 * President`, `CEO`), and kinship nouns (`his son`), for in-document grouping and entity roles.
 * Data only; lowercase, abbreviations without their dot.
 */

function set(block: string): ReadonlySet<string> {
  return new Set(block.split(/\s+/).filter(Boolean));
}

/** Head words of a title or position: the word next to the name in `Defense Secretary Jan Smith`. */
export const POSITION_HEADS: ReadonlySet<string> = set(`
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
  baron baroness crown-prince sultan emir
`);

/** Words that may open a title before its head (`Vice`, `Prime`, `Defense`, `former`, `U.S.`). */
export const POSITION_MODIFIERS: ReadonlySet<string> = set(`
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
export const HONORIFICS: ReadonlySet<string> = set(`mr mrs ms miss mx madam madame sir dame lady lord`);

/** Titles and positions that tell a gender (honorifics: lexicon/honorifics.ts). */
export const MALE_POSITIONS: ReadonlySet<string> = set(`
  congressman councilman alderman assemblyman chairman spokesman businessman king prince emperor
  duke earl count baron sultan emir
`);
export const FEMALE_POSITIONS: ReadonlySet<string> = set(`
  congresswoman councilwoman alderwoman assemblywoman chairwoman spokeswoman businesswoman queen
  princess empress duchess countess baroness
`);

/** Abbreviations written with a dot inside a sentence (`Sen.`, `Mrs.`, `Jr.`): no sentence end. */
export const ABBREVIATIONS: ReadonlySet<string> = set(`
  mr mrs ms mx dr sen rep gov gen lt col maj capt sgt cpl pvt adm cmdr det insp supt prof rev pres
  st jr sr hon amb atty no
`);

/** Kinship nouns: `his son Tom Smith` introduces a relative of someone else in the text. */
export const KIN_NOUNS: ReadonlySet<string> = set(`
  son sons daughter daughters wife husband brother sister father mother nephew niece cousin
  grandson granddaughter grandfather grandmother grandchild uncle aunt stepson stepdaughter
  stepfather stepmother son-in-law daughter-in-law brother-in-law sister-in-law father-in-law
  mother-in-law widow widower fiance fiancee fiancé fiancée spouse child twin half-brother
  half-sister
`);

/** Kinship nouns that tell a gender. */
export const MALE_KIN: ReadonlySet<string> = set(`
  son sons husband brother father nephew grandson grandfather uncle stepson stepfather son-in-law
  brother-in-law father-in-law widower fiance fiancé half-brother
`);
export const FEMALE_KIN: ReadonlySet<string> = set(`
  daughter daughters wife sister mother niece granddaughter grandmother aunt stepdaughter
  stepmother daughter-in-law sister-in-law mother-in-law widow fiancee fiancée half-sister
`);
