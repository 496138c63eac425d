/**
 * The read function's cold start alone (the first figures of `api`, without its 2,000-article
 * stack and browser), to set beside the ingest function's (`bundle`) in a short run:
 * `npm run bench -- --only bundle,cold`.
 */
import { coldStart } from './api.ts';

export async function run(opts: { quick: boolean }): Promise<Record<string, number | string>> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  return coldStart(opts.quick ? 1 : 5);
}
