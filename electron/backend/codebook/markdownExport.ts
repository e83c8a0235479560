import type { CodeData } from './codeData';
import type { CodebookFileHeader } from './codebookJsonFile';
import { childrenByParent } from './treeOrder';

/** Codes in reading order with their depth (0 = a top-level family). */
export function codesWithDepth(
  codes: readonly CodeData[],
): { code: CodeData; depth: number; path: string[] }[] {
  const byKey = new Map(codes.map((c) => [c.key, c]));
  const children = childrenByParent(codes);
  const out: { code: CodeData; depth: number; path: string[] }[] = [];
  const stack: { key: string; depth: number; path: string[] }[] = [...(children.get(null) ?? [])]
    .reverse()
    .map((key) => ({ key, depth: 0, path: [] }));
  const seen = new Set<string>();
  while (stack.length) {
    const { key, depth, path } = stack.pop()!;
    if (seen.has(key)) continue;
    seen.add(key);
    const code = byKey.get(key)!;
    out.push({ code, depth, path });
    for (const k of [...(children.get(key) ?? [])].reverse())
      stack.push({ key: k, depth: depth + 1, path: [...path, code.name] });
  }
  return out;
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchorMaker(): (heading: string) => string {
  const used = new Map<string, number>();
  return (heading) => {
    const base = heading
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/ /g, '-');
    const n = used.get(base) ?? 0;
    used.set(base, n + 1);
    return n ? `${base}-${n}` : base;
  };
}

/** A paragraph whose later lines keep Markdown's meaning (hard line breaks stay line breaks). */
const paragraph = (text: string) => text.trim().split('\n').join('  \n');
const listItem = (text: string) => `- ${text.trim().split('\n').join('  \n  ')}`;

/**
 * A readable codebook for appendices and reviewers: a contents list, then every code
 * under a heading that shows its place in the tree, with definition, criteria and
 * examples. (`codebooks/*.md` are generated with this.)
 */
export function codebookMarkdown(header: CodebookFileHeader, codes: readonly CodeData[]): string {
  const ordered = codesWithDepth(codes);
  const anchor = anchorMaker();
  const out: string[] = [`# ${header.name}`, ''];
  out.push(
    `Codebook version ${header.version} · ${codes.length} codes · ${ordered.filter((o) => o.depth === 0).length} top-level families`,
    '',
  );
  if (header.description.trim()) out.push(paragraph(header.description), '');
  anchor(header.name);
  out.push('## Contents', '');
  anchor('Contents');
  const anchors = ordered.map((o) => anchor(o.code.name));
  ordered.forEach((o, i) => out.push(`${'  '.repeat(o.depth)}- [${o.code.name}](#${anchors[i]})`));
  out.push('');
  for (const { code, depth, path } of ordered) {
    out.push(`${'#'.repeat(Math.min(depth + 2, 6))} ${code.name}`, '');
    const facts = [`Key \`${code.key}\``, `colour \`${code.color}\``];
    if (code.shortLabel) facts.push(`short label “${code.shortLabel}”`);
    if (path.length) facts.push(`under ${path.join(' › ')}`);
    out.push(`*${facts.join(' · ')}*`, '');
    if (code.definition.trim()) out.push(`**Definition.** ${paragraph(code.definition)}`, '');
    if (code.inclusion.trim()) out.push(`**Apply when.** ${paragraph(code.inclusion)}`, '');
    if (code.exclusion.trim()) out.push(`**Do not apply when.** ${paragraph(code.exclusion)}`, '');
    if (code.examples.positive.length)
      out.push('**Examples.**', '', ...code.examples.positive.map(listItem), '');
    if (code.examples.negative.length)
      out.push('**Near misses (do not code).**', '', ...code.examples.negative.map(listItem), '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
