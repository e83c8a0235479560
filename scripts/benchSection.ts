// One benchmark section in this process: `node --import tsx scripts/benchSection.ts NAME DIR`
// prints the section's figures as one JSON line (called by scripts/bench.ts).
import { benchSections } from './benchSections';

const [name, dir] = process.argv.slice(2);
const section = name ? benchSections[name] : undefined;
if (!section || !dir) {
  console.error(`usage: benchSection.ts ${Object.keys(benchSections).join('|')} DIR`);
  process.exit(2);
}
process.stdout.write(`${JSON.stringify(await section(dir))}\n`);
