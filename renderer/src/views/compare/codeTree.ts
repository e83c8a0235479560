import type { CompareRow } from '../../../../shared/contract/compare';

// The comparison lists codes in codebook order (each parent before its subcodes). The
// table and the charts group them by family (the top-level code) and sort siblings
// without tearing a subcode away from its parent.

export interface CodeNode {
  row: CompareRow;
  /** 0 for a family (top-level code) */
  depth: number;
  familyId: string;
}

export interface CodeFamily {
  id: string;
  name: string;
  color: string;
  /** the family code first, then its subcodes in codebook order */
  nodes: CodeNode[];
}

export function codeNodes(rows: readonly CompareRow[]): CodeNode[] {
  const byId = new Map(rows.map((r) => [r.code_id, r]));
  const placed = new Map<string, { depth: number; familyId: string }>();
  const place = (row: CompareRow, seen: Set<string>): { depth: number; familyId: string } => {
    const known = placed.get(row.code_id);
    if (known) return known;
    const parent = row.parent_id ? byId.get(row.parent_id) : undefined;
    // a parent missing from the table (or a cycle) makes the code a family of its own
    const where =
      parent && !seen.has(parent.code_id)
        ? (({ depth, familyId }) => ({ depth: depth + 1, familyId }))(
            place(parent, new Set(seen).add(row.code_id)),
          )
        : { depth: 0, familyId: row.code_id };
    placed.set(row.code_id, where);
    return where;
  };
  return rows.map((row) => ({ row, ...place(row, new Set()) }));
}

export function codeFamilies(rows: readonly CompareRow[]): CodeFamily[] {
  const families = new Map<string, CodeFamily>();
  for (const node of codeNodes(rows)) {
    let family = families.get(node.familyId);
    if (!family) {
      const root = rows.find((r) => r.code_id === node.familyId) ?? node.row;
      family = { id: node.familyId, name: root.code, color: root.color, nodes: [] };
      families.set(node.familyId, family);
    }
    family.nodes.push(node);
  }
  return [...families.values()];
}

/**
 * Depth-first order in which subcodes follow `compare` among their siblings and every
 * subtree stays under its parent; the top-level nodes (families, or nodes whose parent
 * is not among `nodes`) keep their order.
 */
export function sortTree(
  nodes: readonly CodeNode[],
  compare: (x: CompareRow, y: CompareRow) => number,
): CodeNode[] {
  const ids = new Set(nodes.map((n) => n.row.code_id));
  const children = new Map<string | null, CodeNode[]>();
  for (const n of nodes) {
    const parent = n.row.parent_id && ids.has(n.row.parent_id) ? n.row.parent_id : null;
    const list = children.get(parent) ?? [];
    list.push(n);
    children.set(parent, list);
  }
  const out: CodeNode[] = [];
  const walk = (parent: string | null) => {
    const siblings = children.get(parent) ?? [];
    // families keep their codebook order: sorting happens within each family
    const list = parent === null ? siblings : [...siblings].sort((x, y) => compare(x.row, y.row));
    for (const n of list) {
      out.push(n);
      walk(n.row.code_id);
    }
  };
  walk(null);
  return out;
}
