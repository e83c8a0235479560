import type { CSSProperties } from 'react';
import { plural } from '../../format/count';
import { useCodebook } from '../../stores/codebook';
import { useCoding } from '../../stores/coding';
import { useReader } from '../../stores/reader';
import { FilterIcon } from './icons';

/** Shown while the reader lists only the segments that carry one code. */
export function CodeFilterBar() {
  const filter = useCoding((s) => s.filter);
  const blind = useCoding((s) => s.blind);
  const code = useCodebook((s) => s.active?.codes.find((c) => c.key === filter?.codeKey));
  const total = useReader((s) => s.segments.length);
  if (!filter) return null;
  return (
    <div className="code-filter-bar" data-testid="code-filter-bar">
      <FilterIcon />
      <span>
        <strong>{plural(filter.segmentIds.length, 'segment')}</strong> of {total} coded
      </span>
      <span className="code-pill" style={{ '--code': code?.color ?? '#6B7280' } as CSSProperties}>
        {code?.name ?? filter.codeKey}
      </span>
      <span className="muted small">{blind ? 'by you' : 'by any coder, any codebook version'}</span>
      <span className="spacer" />
      <button
        type="button"
        className="btn btn-small"
        onClick={() => void useCoding.getState().setFilter(null)}
        data-testid="clear-code-filter"
      >
        Show all segments
      </button>
    </div>
  );
}
