import { attributeLabel, compareAttributeNames } from '../../format/attributes';

export function AttributeSummary({ attributes }: { attributes: Record<string, string> }) {
  const entries = Object.entries(attributes).sort(([a], [b]) => compareAttributeNames(a, b));
  if (entries.length === 0) {
    return (
      <p className="muted small attr-none">
        No attributes yet. Add school, group or role to compare documents later.
      </p>
    );
  }
  return (
    <dl className="attr-summary" data-testid="attribute-summary">
      {entries.map(([name, value]) => (
        <div key={name} className="attr-item" data-attribute={name}>
          <dt>{attributeLabel(name)}</dt>
          <dd title={value}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
