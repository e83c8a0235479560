import type { LabelView } from '../../../../shared/contract/coding';

interface Props {
  labels: readonly LabelView[];
  coderId: number | null;
}

/**
 * The coding margin: one stripe per code and coder, the current coder's first; other
 * coders' stripes are hatched so agreement and disagreement show at a glance.
 */
export function CodingStripes({ labels, coderId }: Props) {
  const stripes = new Map<string, { label: LabelView; own: boolean; passages: number }>();
  for (const l of labels) {
    const id = `${l.coderId}:${l.codeKey}`;
    const s = stripes.get(id);
    if (s) s.passages++;
    else stripes.set(id, { label: l, own: l.coderId === coderId, passages: 1 });
  }
  const ordered = [...stripes.values()].sort((a, b) => Number(b.own) - Number(a.own));
  return (
    <div className="coding-margin" aria-hidden="true">
      {ordered.map(({ label, own }) => (
        <span
          key={`${label.coderId}:${label.codeKey}`}
          className={own ? 'coding-stripe' : 'coding-stripe is-other'}
          style={{ color: label.color }}
          title={`${label.codeName} — ${label.coderName}`}
        />
      ))}
    </div>
  );
}
