/**
 * Head nouns of speaker nominals ("the spokesman", "the newspaper"), with the kind of entity
 * they refer to. Data only.
 */

import { wordSet } from './word-set.ts';

export type NominalKind = 'person' | 'organization';

const PERSON = `
spokesman spokeswoman spokesperson spokespeople official officials aide aides adviser advisers
advisor advisors minister secretary president senator congressman congresswoman lawmaker
lawmakers legislator representative governor mayor candidate nominee chairman chairwoman chair
director chief executive ceo founder leader leaders prosecutor attorney lawyer lawyers judge
justice ambassador diplomat diplomats envoy general commander officer officers analyst analysts
expert experts economist economists strategist strategists source sources activist activists
author writer columnist reporter correspondent host anchor professor researcher researchers
scientist scientists historian pollster pollsters consultant consultants manager
operative operatives surrogate surrogates critic critics supporter supporters opponent opponents
witness witnesses resident residents voter voters member members woman man mother father
president-elect premier chancellor king queen prince pope cleric bishop sheriff commissioner
businessman businesswoman billionaire billionaire candidate republican democrat republicans democrats
`;

const ORGANIZATION = `
newspaper paper magazine agency ministry department company firm group campaign committee
government administration organization organisation network channel station website site
report poll survey study statement release office embassy council commission board party
union court army military police bank fund foundation institute center centre association
coalition alliance team club network broadcaster daily weekly outlet publication
`;

const persons = wordSet(PERSON);
const orgs = wordSet(ORGANIZATION);

export const NOMINAL_HEADS: ReadonlyMap<string, NominalKind> = new Map([
  ...[...orgs].map((w): [string, NominalKind] => [w, 'organization']),
  ...[...persons].map((w): [string, NominalKind] => [w, 'person']),
]);

/** Determiners that open a nominal speaker phrase. */
export const DETERMINERS: ReadonlySet<string> = wordSet(
  `the a an this that these those my his her its their our one another some several many two three four five`,
);
