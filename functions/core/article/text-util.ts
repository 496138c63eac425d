/** Whitespace and paragraph helpers shared by every format. All linear time. */

const SPACE_RUN = /[\s\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g;
const INVISIBLE = /[\u200b\u2060\ufeff\u00ad]/g;
const HAS_INVISIBLE = /[\u200b\u2060\ufeff\u00ad]/;

/** Collapses every run of whitespace (including no-break and thin spaces) to one space and trims. */
const NEEDS_SQUEEZE = /[\t\n\v\f\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]| {2}/;

export function squeeze(text: string): string {
  // Fast path: a string with single spaces only is returned as is (no copy).
  const t = HAS_INVISIBLE.test(text) ? text.replace(INVISIBLE, '') : text;
  return (NEEDS_SQUEEZE.test(t) ? t.replace(SPACE_RUN, ' ') : t).trim();
}

/** Joins non-empty paragraphs with exactly one blank line. */
export function joinParagraphs(paragraphs: readonly string[]): string {
  const out: string[] = [];
  for (const p of paragraphs) {
    const s = squeeze(p);
    if (s.length > 0) out.push(s);
  }
  return out.join('\n\n');
}

/**
 * Splits text on blank lines into squeezed paragraphs (LF, CRLF or CR line ends). A plain scan,
 * no regular expression over the whole text, so ten million newlines cost ten million steps.
 */
export function splitParagraphs(text: string): string[] {
  const norm = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  const out: string[] = [];
  let cur: string[] = [];
  const flush = () => {
    if (cur.length > 0) {
      const p = squeeze(cur.join(' '));
      if (p.length > 0) out.push(p);
      cur = [];
    }
  };
  let start = 0;
  while (start <= norm.length) {
    let nl = norm.indexOf('\n', start);
    if (nl < 0) nl = norm.length;
    const line = norm.slice(start, nl);
    if (line.trim() === '') flush();
    else cur.push(line);
    start = nl + 1;
  }
  flush();
  return out;
}

type Present<T> = { [K in keyof T]?: Exclude<T[K], undefined> };

/**
 * The fields that carry a value: undefined, empty strings, empty lists and `false` are left out,
 * so an Article never holds a field that says nothing.
 */
export function present<T extends Record<string, unknown>>(fields: T): Present<T> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined || value === '' || value === false) continue;
    if (Array.isArray(value) && value.length === 0) continue;
    out[name] = value;
  }
  return out as Present<T>;
}

/** Trimmed string or undefined when empty. */
export function clean(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const s = squeeze(value);
  return s.length > 0 ? s : undefined;
}

/**
 * Normalises a date to ISO 8601 when it can be read unambiguously (ISO forms, RFC 2822, compact
 * IPTC `20240131T101500Z`); otherwise returns the trimmed original. Pure: no clock involved.
 */
export function normalizeDate(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) {
    // Epoch seconds or milliseconds.
    const ms = value < 1e11 ? value * 1000 : value;
    const d = new Date(ms);
    return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
  }
  const s = clean(value);
  if (!s || s.length > 100) return s;
  const compact = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?([+-]\d{4}|Z)?)?$/.exec(s);
  if (compact) {
    const [, y, mo, d, h, mi, se, tz] = compact;
    if (!h) return `${y}-${mo}-${d}`;
    const zone = !tz ? '' : tz === 'Z' ? 'Z' : `${tz.slice(0, 3)}:${tz.slice(3)}`;
    return `${y}-${mo}-${d}T${h}:${mi}:${se ?? '00'}${zone}`;
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return s;
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(s)) {
    // ISO 8601 already: keep the writer's offset, only normalise the separators.
    return s.replace(' ', 'T').replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  }
  // RFC 2822 and similar English forms with an explicit zone.
  if (
    /^(?:[A-Za-z]{3},?\s+)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{2}:\d{2}(?::\d{2})?\s+(?:[+-]\d{4}|GMT|UTC|Z)$/.test(
      s,
    )
  ) {
    const d = new Date(s);
    if (!Number.isNaN(d.getTime())) return d.toISOString();
  }
  return s;
}
