/**
 * Converts an entity model artifact in the JSON form (what `npm run train:ner` wrote before the
 * binary form) to the binary form the run time reads, with the same content:
 *
 *   npx tsx scripts/ner-model-binary.ts OLD.json [OUT.bin]   (default OUT: functions/core/model/ner-model.bin)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { NER_MODEL_SOURCE_PATH } from '../functions/adapters/node/ner-model-file.ts';
import { artifactToBinary, type ModelArtifact } from '../functions/core/model/format.ts';

const [input, output = NER_MODEL_SOURCE_PATH] = process.argv.slice(2);
if (!input) {
  process.stderr.write('usage: npx tsx scripts/ner-model-binary.ts OLD.json [OUT.bin]\n');
  process.exit(2);
}
const bytes = artifactToBinary(JSON.parse(readFileSync(input, 'utf8')) as ModelArtifact);
writeFileSync(output, bytes);
process.stdout.write(`wrote ${output}: ${(bytes.length / 1e6).toFixed(2)} MB\n`);
