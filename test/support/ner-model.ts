// Every test process reads the entity model from the committed artifact, as the CLI does.

import { useNerModelFile } from '#adapters/node/ner-model-file.ts';
import { hasNerModelSource } from '#core/model/ner.ts';

if (!hasNerModelSource()) useNerModelFile();
