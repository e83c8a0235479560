import type { ItemDetail } from '../../../../shared/contract/review';
import { shortcutLabel } from '../../keyboard/shortcuts';

// The code's definition, one key (d) away: inclusion and exclusion criteria and examples.

export function DefinitionPanel({ detail, codeKey }: { detail: ItemDetail; codeKey: string }) {
  const code = detail.codes.find((c) => c.key === codeKey);
  const parent = code?.parentKey ? detail.codes.find((c) => c.key === code.parentKey) : null;
  return (
    <aside className="rev-definition" data-testid="review-definition" aria-label="Code definition">
      <header className="rev-definition-head">
        <h3>{code?.name ?? codeKey}</h3>
        <span className="muted small">
          {parent ? `in ${parent.name} · ` : ''}press <kbd>{shortcutLabel('review.definition')}</kbd> to hide
        </span>
      </header>
      {!code && (
        <p className="form-error">This code is not in the active codebook ({detail.codeStatus.status}).</p>
      )}
      {code && (
        <>
          <p>{code.definition}</p>
          {code.inclusion && (
            <p>
              <strong>Include: </strong>
              {code.inclusion}
            </p>
          )}
          {code.exclusion && (
            <p>
              <strong>Exclude: </strong>
              {code.exclusion}
            </p>
          )}
          {code.examples.positive.length > 0 && (
            <p className="small">
              <strong>Example: </strong>“{code.examples.positive[0]}”
            </p>
          )}
          {code.examples.negative.length > 0 && (
            <p className="small muted">
              <strong>Not: </strong>“{code.examples.negative[0]}”
            </p>
          )}
        </>
      )}
    </aside>
  );
}
