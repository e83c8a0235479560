// npm links the bins of dependencies, not the project's own: link `concord` into
// node_modules/.bin so `npx --no-install concord` and scripts find it without a lookup.
import { chmodSync, existsSync, lstatSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

const bin = join('node_modules', '.bin');
const link = join(bin, 'concord');
mkdirSync(bin, { recursive: true });
if (
  existsSync(link) ||
  (() => {
    try {
      return lstatSync(link).isSymbolicLink();
    } catch {
      return false;
    }
  })()
)
  rmSync(link, { force: true });
symlinkSync(join('..', '..', 'bin', 'concord.js'), link);
chmodSync(join('bin', 'concord.js'), 0o755);
