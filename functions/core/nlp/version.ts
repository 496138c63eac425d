/** Bump when entity or quote extraction changes its output, so `backfill --outdated` can find old items. */
export const EXTRACTOR_VERSION = '0.4.0';
