/**
 * Walks `--flag value` command-line arguments for the training scripts: `take` handles one flag
 * (calling `value()` for its argument) and says whether it knew it; an unknown flag throws.
 */
export function eachFlag(
  argv: readonly string[],
  take: (flag: string, value: () => string) => boolean,
): void {
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = () => {
      const x = argv[++i];
      if (x === undefined) throw new Error(`${flag} needs a value`);
      return x;
    };
    if (!take(flag, value)) throw new Error(`unknown argument ${flag}`);
  }
}
