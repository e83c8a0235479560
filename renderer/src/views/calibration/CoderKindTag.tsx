import type { CoderView } from '../../../../shared/contract/coding';

/** "AI" or "human" beside a coder's name, in the colours the calibration view uses. */
export function CoderKindTag({ kind }: { kind: CoderView['kind'] }) {
  return <span className={`tag tag-${kind}`}>{kind === 'ai' ? 'AI' : 'human'}</span>;
}
