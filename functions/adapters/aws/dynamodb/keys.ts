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
 *   bySpeaker: gsi1pk = SPEAKER#<name>, gsi1sk = <date>#<object>#<n>#<m>   (quotes, newest first)
 *   byEntity:  gsi2pk = ENTITY#<name>,  gsi2sk = <date>#<object>#<n>       (entities, newest first)
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

/** Case- and space-insensitive lookup key for names ("Tom  Casey" = "tom casey"). */
export function nameKey(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim().slice(0, MAX_NAME_KEY_CHARS);
}

export const speakerPk = (name: string): string => `SPEAKER#${nameKey(name)}`;
export const entityPk = (name: string): string => `ENTITY#${nameKey(name)}`;

export function entityHash(type: string, name: string): string {
  return createHash('sha256').update(`${type}\n${name}`).digest('hex').slice(0, 16);
}
