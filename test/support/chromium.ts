import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

/**
 * Headless Chromium from the Debian package, driven by playwright-core (which downloads no
 * browser of its own). The flags keep it off the network: no background requests, component
 * updates, sync or QUIC, so a page can only reach what it is pointed at.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;

export const INSTALL_HINT =
  'install Chromium with `apt-get update && apt-get install -y chromium` (Debian; .ci/run does it), or set CHROMIUM_PATH to a Chromium or Chrome binary';

/** The browser binary: CHROMIUM_PATH, else /usr/bin/chromium; throws saying how to install one. */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) throw new Error(`no browser at ${path}: ${INSTALL_HINT}`);
  return path;
}

export interface Chromium {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** Starts Chromium with a fresh profile directory (removed by `close`). */
export async function launchChromium(viewport = { width: 1000, height: 720 }): Promise<Chromium> {
  const executablePath = chromiumPath();
  const profile = mkdtempSync(join(tmpdir(), 'news-ingest-chromium-'));
  try {
    // playwright passes the profile as --user-data-dir itself
    const context = await chromium.launchPersistentContext(profile, {
      executablePath,
      args: [...CHROMIUM_ARGS],
      headless: true,
      viewport,
    });
    return {
      context,
      async close() {
        await context.close().catch(() => {});
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw new Error(
      `Chromium at ${executablePath} did not start (${(error as Error).message.split('\n')[0]}); ${INSTALL_HINT}`,
    );
  }
}

export interface TraceEvent {
  readonly name: string;
  readonly cat: string;
  readonly ts: number;
  readonly ph: string;
  readonly args?: Record<string, unknown>;
}

/** Records a Chromium performance trace (user timing, loading, paint) of what `run` does. */
export async function traced(
  context: BrowserContext,
  page: Page,
  run: () => Promise<void>,
): Promise<TraceEvent[]> {
  const cdp = await context.newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => {
    events.push(...(e.value as unknown as TraceEvent[]));
  });
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { includedCategories: ['blink.user_timing', 'loading', 'devtools.timeline'] },
  });
  try {
    await run();
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    await cdp.detach().catch(() => {});
  }
  return events;
}

/**
 * From a trace: milliseconds from the page's navigation start to the first frame painted after
 * the user-timing mark `mark` (the page marks when it has put a listing into the document).
 */
export function renderedAfterMs(events: readonly TraceEvent[], mark: string): number {
  const marked = events.find((e) => e.name === mark);
  if (!marked) throw new Error(`the trace has no "${mark}" mark`);
  const starts = events.filter((e) => e.name === 'navigationStart' && e.ts <= marked.ts);
  const start = starts.at(-1);
  if (!start) throw new Error('the trace has no navigationStart before the mark');
  const painted = events
    .filter((e) => (e.name === 'Paint' || e.name === 'Commit') && e.ts >= marked.ts)
    .sort((a, b) => a.ts - b.ts)[0];
  if (!painted) throw new Error(`no frame was painted after "${mark}"`);
  return (painted.ts - start.ts) / 1000;
}
