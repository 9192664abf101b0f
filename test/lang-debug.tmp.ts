// Temporary: generate one blueprint into a folder and keep it (not committed).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { buildModel } from './support/valid-models.js';
import { loadYaml, planModel } from './generated-project/model-project.js';
import { materialise } from './generated-project/support.js';
const [file, line, out] = process.argv.slice(2);
const bp = JSON.parse(readFileSync(file!, 'utf8').split('\n')[Number(line)]!);
const { files } = buildModel(bp);
mkdirSync(out!, { recursive: true });
for (const [p, t] of Object.entries(files)) writeFileSync(`${out}/${p}`, t);
const map = await planModel(loadYaml(files));
console.log(materialise(map, 'dbg'));
