/** Honorifics and titles placed before a person's name, with the gender they imply. Data only. */

export const MALE_HONORIFICS: ReadonlySet<string> = new Set([
  'mr',
  'mr.',
  'sir',
  'lord',
  'king',
  'prince',
  'father',
  'brother',
]);
export const FEMALE_HONORIFICS: ReadonlySet<string> = new Set([
  'mrs',
  'mrs.',
  'ms',
  'ms.',
  'miss',
  'madam',
  'madame',
  'dame',
  'lady',
  'queen',
  'princess',
  'sister',
]);

/** Titles that may precede a name; not part of the canonical name but kept as a role. */
export const TITLES: ReadonlySet<string> = new Set(
  `mr mr. mrs mrs. ms ms. dr dr. prof prof. sen sen. rep rep. gov gov. gen gen. lt lt. col col. maj maj.
  capt capt. sgt sgt. adm adm. rev rev. hon hon. pres pres. supt supt. insp insp. det det.
  president vice senator sen congressman congresswoman representative governor mayor minister
  secretary chancellor premier ambassador judge justice general admiral colonel major captain
  sergeant lieutenant commander chief director chairman chairwoman chair speaker leader
  spokesman spokeswoman spokesperson prosecutor attorney sheriff commissioner professor doctor
  pope cardinal bishop archbishop rabbi imam sheikh king queen prince princess lord sir dame
  former acting deputy retired candidate nominee host anchor analyst strategist adviser advisor
  official economist founder ceo executive officer pastor`
    .split(/\s+/)
    .filter(Boolean),
);
