/**
 * The table's global secondary indexes, in one place: their names, key attributes and the item
 * attributes each projects (INCLUDE). The stack (infra/constructs/articles-table.ts), the local
 * stack and the tests build the indexes from this; the reader (reader.ts) and the read API's
 * read model (read-model.ts) read nothing else from an index.
 * To show a new field in index answers, add it here (adding non-key attributes to a deployed
 * index recreates it: DynamoDB backfills it online, the stack update waits for that).
 */

/** Attributes every index answer needs to check an item against its object's STATE. */
const COMMON = ['version', 'bucket', 'key', 'articleIndex', 'articleTitle', 'sortDate', 'kind'] as const;

/**
 * Attributes of the small name items (one per identity and lookup key) that both indexes hold
 * beside the quote and entity items: what a name search sums per identity.
 */
const NAME = ['identity', 'lookup', 'name', 'types', 'quotes', 'mentions'] as const;

export const INDEXES = {
  /** All quotes by a speaker, newest first. */
  bySpeaker: {
    name: 'bySpeaker',
    partitionKey: 'gsi1pk',
    sortKey: 'gsi1sk',
    projected: [
      ...COMMON,
      ...NAME,
      'quoteType',
      'text',
      'textTruncated',
      'start',
      'end',
      'paragraph',
      'speaker',
      'speakerRole',
      'speakerType',
      'mention',
      'mentionStart',
      'mentionEnd',
      'cue',
      'cueStart',
      'cueEnd',
      'speakerId',
      'speakerAliases',
    ],
  },
  /** All articles mentioning an entity, newest first. */
  byEntity: {
    name: 'byEntity',
    partitionKey: 'gsi2pk',
    sortKey: 'gsi2sk',
    projected: [...COMMON, ...NAME, 'type', 'role', 'aliases', 'spans', 'spansTruncated'],
  },
} as const satisfies Record<
  string,
  { name: string; partitionKey: string; sortKey: string; projected: readonly string[] }
>;

export type IndexName = keyof typeof INDEXES;
