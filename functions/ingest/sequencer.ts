/**
 * S3 `sequencer` values order the events of one object key. They are hexadecimal strings of
 * varying length; S3 documents comparing them by right-padding the shorter one with zeros and
 * comparing lexicographically. `normalizeSequencer` pads to a fixed width so stored values compare
 * as plain strings (in code and in DynamoDB condition expressions).
 */
export const SEQUENCER_WIDTH = 40;

export function normalizeSequencer(sequencer: string): string {
  const hex = sequencer.trim().toUpperCase();
  if (!/^[0-9A-F]{1,40}$/.test(hex)) throw new Error(`invalid S3 sequencer: ${JSON.stringify(sequencer)}`);
  return hex.padEnd(SEQUENCER_WIDTH, '0');
}

/** Negative when a is older than b, zero when equal, positive when newer. */
export function compareSequencers(a: string, b: string): number {
  const x = normalizeSequencer(a);
  const y = normalizeSequencer(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
