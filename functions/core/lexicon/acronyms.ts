/**
 * Well-known acronyms of organisations and places, keyed by their letters (dots and spaces removed),
 * so that `U N`, `U.N.`, `UN` and `United Nations` name one entity.
 */
export const ACRONYMS: ReadonlyMap<string, string> = new Map([
  ['UN', 'United Nations'],
  ['US', 'United States'],
  ['USA', 'United States'],
  ['UK', 'United Kingdom'],
  ['EU', 'European Union'],
  ['UAE', 'United Arab Emirates'],
  ['USSR', 'Soviet Union'],
  ['NATO', 'North Atlantic Treaty Organization'],
  ['IAEA', 'International Atomic Energy Agency'],
  ['IMF', 'International Monetary Fund'],
  ['WHO', 'World Health Organization'],
  ['WTO', 'World Trade Organization'],
  ['OPEC', 'Organization of the Petroleum Exporting Countries'],
  ['FBI', 'Federal Bureau of Investigation'],
  ['CIA', 'Central Intelligence Agency'],
  ['UNSC', 'United Nations Security Council'],
]);
