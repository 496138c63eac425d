/** A word list written as a whitespace-separated block, as a set. */
export function wordSet(block: string): ReadonlySet<string> {
  return new Set(block.split(/\s+/).filter(Boolean));
}
