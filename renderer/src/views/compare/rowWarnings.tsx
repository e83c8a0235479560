import type { CompareLevel, CompareResult, CompareRow } from '../../../../shared/contract/compare';
import { groupLabel, LEVEL_UNITS } from './formatStats';

// A row's cautions as small icons with a tooltip each. The backend's codes come from
// shared/compare (compareCodes.ts); 'nested' is added here when the table's unit sits
// below the level recommended for inference.

export interface RowWarning {
  id: string;
  kind: 'cells' | 'zero' | 'nested' | 'empty';
  text: string;
}

const LEVEL_RANK: Record<CompareLevel, number> = { segment: 0, document: 1, school: 2 };

export function rowWarnings(
  row: CompareRow,
  result: Pick<CompareResult, 'level' | 'inference'>,
): RowWarning[] {
  const units = LEVEL_UNITS[result.level].many;
  const out: RowWarning[] = [];
  for (const w of row.warnings) {
    switch (w) {
      case 'expected_count_below_5':
        out.push({
          id: w,
          kind: 'cells',
          text: 'Small cells: an expected count is below 5. Fisher’s exact test still holds, but the estimates are imprecise.',
        });
        break;
      case 'zero_count_a':
      case 'zero_count_b': {
        const name = groupLabel(w === 'zero_count_a' ? row.a : row.b);
        out.push({
          id: w,
          kind: 'zero',
          text: `No ${units} of ${name} have this code: the risk ratio is ${w === 'zero_count_a' ? '0' : 'undefined'} and its interval uses a ½ correction.`,
        });
        break;
      }
      case 'not_applied':
        out.push({ id: w, kind: 'zero', text: 'Never applied in either group.' });
        break;
      case 'empty_group':
        out.push({ id: w, kind: 'empty', text: 'One group has no units: nothing to compare.' });
        break;
      default:
        out.push({ id: w, kind: 'cells', text: w.replaceAll('_', ' ') });
    }
  }
  if (LEVEL_RANK[result.level] < LEVEL_RANK[result.inference.recommended_level]) {
    out.push({
      id: 'nested',
      kind: 'nested',
      text:
        result.level === 'segment'
          ? 'Not independent: segments are nested in interviews, so this p-value overstates the evidence.'
          : 'Not independent: interviews are nested in schools, so read this p-value with care.',
    });
  }
  return out;
}

export function WarningIcon({ kind }: { kind: RowWarning['kind'] }) {
  const common = {
    viewBox: '0 0 16 16',
    width: 14,
    height: 14,
    'aria-hidden': true,
    className: 'cmp-warn-icon',
  } as const;
  switch (kind) {
    case 'cells':
      return (
        <svg {...common}>
          <path
            d="M8 2 14.5 13.5h-13z"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.4"
            strokeLinejoin="round"
          />
          <path d="M8 6.5v3.2M8 11.4v.1" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
        </svg>
      );
    case 'zero':
      return (
        <svg {...common}>
          <circle cx="8" cy="8" r="5.5" fill="none" stroke="currentColor" strokeWidth="1.4" />
          <path d="M4.2 11.8 11.8 4.2" stroke="currentColor" strokeWidth="1.4" />
        </svg>
      );
    case 'nested':
      return (
        <svg {...common}>
          <rect
            x="1.5"
            y="1.5"
            width="13"
            height="13"
            rx="2"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.3"
          />
          <rect x="5" y="5" width="6" height="6" rx="1" fill="currentColor" />
        </svg>
      );
    case 'empty':
      return (
        <svg {...common}>
          <rect
            x="2"
            y="2"
            width="12"
            height="12"
            rx="2"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.4"
            strokeDasharray="2 2"
          />
        </svg>
      );
  }
}

export function RowWarnings({ warnings }: { warnings: RowWarning[] }) {
  if (!warnings.length) return null;
  return (
    <span className="cmp-warns">
      {warnings.map((w) => (
        <span key={w.id} className={`cmp-warn cmp-warn-${w.kind}`} title={w.text} data-warning={w.id}>
          <WarningIcon kind={w.kind} />
          <span className="cmp-sr">{w.text}</span>
        </span>
      ))}
    </span>
  );
}
