/**
 * CoNLL-2003 format support shared by training and evaluation: parsing (`token POS chunk tag`,
 * documents split by `-DOCSTART-`), rebuilding a document's text (tokens joined by single spaces,
 * sentences by newlines) and conlleval-style entity scoring.
 */

export interface ConllSentence {
  readonly tokens: string[];
  /** IOB tags as written in the file (IOB1 or IOB2), e.g. `B-PER`, `I-ORG`, `O`. */
  readonly tags: string[];
}

export interface ConllDocument {
  readonly sentences: ConllSentence[];
}

export function parseConll(content: string): ConllDocument[] {
  const docs: ConllDocument[] = [];
  let doc: ConllSentence[] | null = null;
  let sent: ConllSentence = { tokens: [], tags: [] };
  const flush = () => {
    if (sent.tokens.length > 0) {
      if (!doc) {
        doc = [];
        docs.push({ sentences: doc });
      }
      doc.push(sent);
    }
    sent = { tokens: [], tags: [] };
  };
  for (const raw of content.split('\n')) {
    const line = raw.trimEnd();
    if (line.startsWith('-DOCSTART-')) {
      flush();
      doc = [];
      docs.push({ sentences: doc });
      continue;
    }
    if (line === '') {
      flush();
      continue;
    }
    const cols = line.split(/\s+/);
    sent.tokens.push(cols[0]!);
    sent.tags.push(cols[cols.length - 1]!);
  }
  flush();
  return docs.filter((d) => d.sentences.length > 0);
}

/** The document as raw text plus the offsets of every token in it. */
export function conllText(doc: ConllDocument): { text: string; offsets: [number, number][][] } {
  const lines: string[] = [];
  const offsets: [number, number][][] = [];
  let pos = 0;
  for (const s of doc.sentences) {
    const so: [number, number][] = [];
    for (let i = 0; i < s.tokens.length; i++) {
      if (i > 0) pos += 1;
      so.push([pos, pos + s.tokens[i]!.length]);
      pos += s.tokens[i]!.length;
    }
    offsets.push(so);
    lines.push(s.tokens.join(' '));
    pos += 1;
  }
  return { text: lines.join('\n'), offsets };
}

export interface Chunk {
  readonly type: string;
  /** Token index of the first token, inclusive. */
  readonly start: number;
  /** Token index after the last token, exclusive. */
  readonly end: number;
}

/** Chunks of an IOB1/IOB2 tag sequence, with conlleval's rules for chunk starts and ends. */
export function chunksOf(tags: readonly string[]): Chunk[] {
  const out: Chunk[] = [];
  let cur: { type: string; start: number } | null = null;
  let prevTag = 'O';
  let prevType = '';
  for (let i = 0; i <= tags.length; i++) {
    const tag = i < tags.length ? tags[i]! : 'O';
    const [p, type] = tag === 'O' ? ['O', ''] : [tag.slice(0, 1), tag.slice(2)];
    const [pp] = prevTag === 'O' ? ['O'] : [prevTag.slice(0, 1)];
    const endOfChunk =
      (pp === 'B' && p === 'B') ||
      (pp === 'B' && p === 'O') ||
      (pp === 'I' && p === 'B') ||
      (pp === 'I' && p === 'O') ||
      (pp !== 'O' && prevType !== type);
    const startOfChunk =
      p === 'B' ||
      (pp === 'B' && p === 'I' && prevType !== type) ||
      (pp === 'I' && p === 'I' && prevType !== type) ||
      (pp === 'O' && p === 'I');
    if (cur && endOfChunk) {
      out.push({ type: cur.type, start: cur.start, end: i });
      cur = null;
    }
    if (startOfChunk) cur = { type, start: i };
    prevTag = tag;
    prevType = type;
  }
  return out;
}

export interface Scores {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly gold: number;
  readonly predicted: number;
  readonly correct: number;
}

export class ConllScorer {
  private readonly counts = new Map<string, { gold: number; predicted: number; correct: number }>();

  add(gold: readonly Chunk[], predicted: readonly Chunk[]): void {
    const key = (c: Chunk) => `${c.start}:${c.end}:${c.type}`;
    const g = new Set(gold.map(key));
    for (const c of gold) this.bump(c.type).gold++;
    for (const c of predicted) {
      const b = this.bump(c.type);
      b.predicted++;
      if (g.has(key(c))) b.correct++;
    }
  }

  private bump(type: string) {
    let b = this.counts.get(type);
    if (!b) {
      b = { gold: 0, predicted: 0, correct: 0 };
      this.counts.set(type, b);
    }
    return b;
  }

  byType(): Map<string, Scores> {
    const out = new Map<string, Scores>();
    for (const t of [...this.counts.keys()].sort()) out.set(t, score(this.counts.get(t)!));
    return out;
  }

  overall(): Scores {
    let gold = 0;
    let predicted = 0;
    let correct = 0;
    for (const c of this.counts.values()) {
      gold += c.gold;
      predicted += c.predicted;
      correct += c.correct;
    }
    return score({ gold, predicted, correct });
  }
}

function score(c: { gold: number; predicted: number; correct: number }): Scores {
  const precision = c.predicted ? c.correct / c.predicted : 0;
  const recall = c.gold ? c.correct / c.gold : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, ...c };
}
