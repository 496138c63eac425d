/**
 * Which named rules run, and which fired: one per document, created from the options of one
 * call (never shared between calls). Rules ask `on(id)` before they try; a rule that produced its
 * result calls `fire(id)`. The ids fired for a quotation are features of the speaker choice
 * (rank.ts), so they are always recorded; `tracing` only asks for the trace to be kept.
 */

export interface RuleOptions {
  /** Rule ids switched off (ablation): each behaves as if its condition never held. */
  readonly disabled?: ReadonlySet<string>;
  /** Record the ids of the rules that fired for each quotation. */
  readonly trace?: boolean;
}

const NONE: ReadonlySet<string> = new Set();

export class RuleSwitches {
  private readonly disabled: ReadonlySet<string>;
  readonly tracing: boolean;
  /** Ids fired since the last take(), in order. */
  private fired: string[] = [];

  constructor(options: RuleOptions = {}) {
    this.disabled = options.disabled ?? NONE;
    this.tracing = options.trace === true;
  }

  on(id: string): boolean {
    return this.disabled.size === 0 || !this.disabled.has(id);
  }

  fire(id: string): void {
    this.fired.push(id);
  }

  /** The ids fired since the previous call, and a fresh record. */
  take(): string[] {
    const out = this.fired;
    this.fired = [];
    return out;
  }
}
