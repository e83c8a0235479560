import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REFI = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'refi');
export const CODEBOOK_XSD = join(REFI, 'Codebook.xsd');
export const PROJECT_XSD = join(REFI, 'Project.xsd');

/**
 * Validates an XML file against a REFI-QDA schema with xmllint (Debian libxml2-utils,
 * installed by .ci/run). Missing xmllint is a failure, not a skip: the exports must be
 * checked against the standard.
 */
export function xsdProblems(file: string, xsd: string): string | null {
  const r = spawnSync('xmllint', ['--noout', '--nonet', '--schema', xsd, file], { encoding: 'utf8' });
  if (r.error)
    throw new Error(
      `xmllint is needed to validate REFI-QDA exports (apt-get install libxml2-utils): ${r.error.message}`,
    );
  return r.status === 0 ? null : r.stderr.trim();
}
