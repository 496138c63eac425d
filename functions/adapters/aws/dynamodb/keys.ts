import { createHash } from 'node:crypto';
import { normalizeSequencer } from '#ingest/sequencer.ts';

/**
 * Key design of the single table (see README "Data model"):
 *
 *   pk = OBJ#<hash of bucket and key>      one partition per S3 object
 *   sk = STATE                             the commit marker: which version is live
 *   sk = V#<version>#A#<n>                 article n of that version
 *   sk = V#<version>#A#<n>#E#<hash>        one entity of article n
 *   sk = V#<version>#A#<n>#Q#<m>           quote m of article n
 *   sk = V#<version>#FAILURE               why the object could not be used
 *
 *   sk = V#<version>#A#<n>#N#<hash>        one lookup name of one identity in article n
 *
 *   bySpeaker: gsi1pk = SPEAKER#<identity>, gsi1sk = <date>#<object>#<n>#<m>          (quotes)
 *              gsi1pk = NAME#<lookup key>,  gsi1sk = <date>#<object>#<n>#<identity hash> (names)
 *   byEntity:  gsi2pk = ENTITY#<identity>,  gsi2sk = <date>#<object>#<n>#<entity hash>  (entities)
 *              gsi2pk = NAME#<lookup key>,  gsi2sk = <date>#<object>#<n>#<identity hash> (names)
 *
 * Identity keys and lookup keys come from the core (functions/core/nlp/entities/identity.ts): the
 * same person gets the same identity key in every article; a lookup key is an identity key, a
 * surname or an alias. Name items are in bySpeaker only when the identity is quoted in that article.
 *
 * A version is the object's normalized S3 sequencer plus a short hash of the extractor version,
 * so a reprocessing by a newer extractor writes beside, never over, the live items.
 */
export const STATE_SK = 'STATE';
export const VERSION_PREFIX = 'V#';
const MAX_NAME_KEY_CHARS = 200;

export function objectId(bucket: string, key: string): string {
  return createHash('sha256').update(`${bucket}\n${key}`).digest('hex').slice(0, 40);
}

export function objectPk(bucket: string, key: string): string {
  return `OBJ#${objectId(bucket, key)}`;
}

export function versionOf(sequencer: string, extractorVersion: string): string {
  const ev = createHash('sha256').update(extractorVersion).digest('hex').slice(0, 8);
  return `${normalizeSequencer(sequencer)}.${ev}`;
}

/** The sequencer part of a version, for ordering. */
export function sequencerOfVersion(version: string): string {
  return version.slice(0, version.indexOf('.'));
}

/** The version a sort key belongs to, or undefined for the STATE item. */
export function versionOfSk(sk: string): string | undefined {
  if (!sk.startsWith(VERSION_PREFIX)) return undefined;
  const end = sk.indexOf('#', VERSION_PREFIX.length);
  return sk.slice(VERSION_PREFIX.length, end === -1 ? undefined : end);
}

export const pad = (n: number, width = 5): string => String(n).padStart(width, '0');

/** Case- and space-insensitive key for a name that has no identity key (numbers, dates). */
export function nameKey(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim().slice(0, MAX_NAME_KEY_CHARS);
}

/**
 * Partition of a speaker's quotes in bySpeaker, by identity key. An identity key is already a name
 * key, so `nameKey` leaves it as it is; a name given instead (items written before identity keys)
 * gets the name key it was stored under.
 */
export const speakerPk = (identity: string): string => `SPEAKER#${nameKey(identity)}`;
/** Partition of an entity's article mentions in byEntity, by identity key (as `speakerPk`). */
export const entityPk = (identity: string): string => `ENTITY#${nameKey(identity)}`;
/** Partition of the name items of a lookup key, in both indexes. */
export const namePk = (lookupKey: string): string => `NAME#${lookupKey}`;

export function entityHash(type: string, name: string): string {
  return createHash('sha256').update(`${type}\n${name}`).digest('hex').slice(0, 16);
}

/** Short hash of any string, for unique sort-key suffixes. */
export function shortHash(value: string, chars = 12): string {
  return createHash('sha256').update(value).digest('hex').slice(0, chars);
}
