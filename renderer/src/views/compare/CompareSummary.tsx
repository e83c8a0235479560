import type { CompareLevel, CompareResult } from '../../../../shared/contract/compare';
import { formatCount } from '../../format/count';
import { groupLabel, LEVEL_UNITS } from './formatStats';
import { GROUP_COLORS } from './groupColors';
import { sourceWords } from './figures';

// What is being compared, in words: the unit of analysis and why, the two groups and
// their sizes, and the backend's cautions about this particular table.

const LEVEL_LINE: Record<CompareLevel, string> = {
  segment:
    'Segment level is descriptive only: segments within an interview are not independent, so its p-values are too small.',
  document:
    'Interview level (default): an interview counts once if any of its segments has the code, because segments within an interview are not independent.',
  school:
    'School level: a school counts once if any of its interviews has the code. The strictest unit, since schools were assigned to the groups.',
};

export function LevelNote({ level, result }: { level: CompareLevel; result: CompareResult | undefined }) {
  const recommended = result?.inference.recommended_level;
  return (
    <div className="cmp-level-note" data-testid="compare-level-note">
      <p>
        {LEVEL_LINE[level]}
        {recommended && recommended !== level && (
          <span className="cmp-level-advice">
            {' '}
            Recommended for inference here: the {LEVEL_UNITS[recommended].one} level.
          </span>
        )}
      </p>
      {result && (
        <details className="cmp-why">
          <summary>Why?</summary>
          <p>{result.inference.note}</p>
        </details>
      )}
    </div>
  );
}

function GroupCard({
  side,
  name,
  group,
}: {
  side: 'a' | 'b';
  name: string;
  group: CompareResult['groups']['a'];
}) {
  return (
    <div className="cmp-group-card" data-testid={`group-card-${side}`}>
      <span className="cmp-group-swatch" style={{ background: GROUP_COLORS[side] }} aria-hidden="true" />
      <div>
        <p className="cmp-group-name">{groupLabel(name)}</p>
        <p className="cmp-group-sizes">
          {formatCount(group.documents)} interviews · {formatCount(group.schools)} schools ·{' '}
          {formatCount(group.segments)} segments · {formatCount(group.words)} words
        </p>
      </div>
    </div>
  );
}

export function GroupSummary({ result }: { result: CompareResult }) {
  return (
    <section className="cmp-summary" aria-label="Groups compared">
      <div className="cmp-group-cards">
        <GroupCard side="a" name={result.a} group={result.groups.a} />
        <span className="cmp-vs-large" aria-hidden="true">
          vs
        </span>
        <GroupCard side="b" name={result.b} group={result.groups.b} />
        <p className="cmp-summary-source">
          {result.by} · {sourceWords(result.source)}
          {result.rollup ? ' · family codes include subcodes' : ''}
        </p>
      </div>
      {result.notes.length > 0 && (
        <ul className="cmp-cautions" data-testid="compare-notes">
          {result.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
