import { useEffect, useRef, type CSSProperties } from 'react';
import type { CompareExcerpt, CompareResult } from '../../../../shared/contract/compare';
import { Spinner } from '../../components/Spinner';
import { plural } from '../../format/count';
import { useCompare, type ExcerptTarget } from '../../stores/compare';
import { useDocuments } from '../../stores/documents';
import { useNavigation } from '../../stores/navigation';
import { useReader } from '../../stores/reader';
import { groupLabel } from './formatStats';
import { GROUP_COLORS } from './groupColors';
import { highlightRuns } from './highlightSpans';

// The segments behind a number: a side panel listing every coded segment of one code in
// one group (or at one school), with its document, speaker and attributes, and the
// coders' evidence spans highlighted.

const SHOWN_ATTRIBUTES = ['group', 'role', 'district', 'pair', 'language'];

function ExcerptText({ excerpt }: { excerpt: CompareExcerpt }) {
  return (
    <p className="cmp-excerpt-text">
      {highlightRuns(excerpt.text, excerpt.highlights).map((run, i) =>
        run.highlighted ? (
          <mark key={i} className="cmp-evidence">
            {run.text}
          </mark>
        ) : (
          <span key={i}>{run.text}</span>
        ),
      )}
    </p>
  );
}

function ExcerptCard({ excerpt }: { excerpt: CompareExcerpt }) {
  const doc = useDocuments((s) => s.docs.find((d) => d.id === excerpt.document_id));
  const openInReader = async () => {
    useNavigation.getState().show('documents');
    await useReader.getState().open(excerpt.document_id);
    useReader.getState().focus(excerpt.index);
  };
  return (
    <li className="cmp-excerpt" data-testid="excerpt">
      <div className="cmp-excerpt-head">
        <span className="cmp-excerpt-doc truncate" title={excerpt.document}>
          {excerpt.document}
        </span>
        <span className="muted small">¶ {excerpt.index + 1}</span>
        <span className="spacer" />
        <button type="button" className="link-button small" onClick={() => void openInReader()}>
          Open in transcript
        </button>
      </div>
      <div className="cmp-excerpt-meta">
        <span className="cmp-excerpt-speaker">{excerpt.speaker ?? 'Unknown speaker'}</span>
        {excerpt.school && <span className="muted">· {excerpt.school}</span>}
        {SHOWN_ATTRIBUTES.map((name) => {
          const value = doc?.attributes[name];
          return value ? (
            <span key={name} className={name === 'group' ? 'tag tag-group' : 'tag'} title={name}>
              {value}
            </span>
          ) : null;
        })}
      </div>
      <ExcerptText excerpt={excerpt} />
      <p className="cmp-excerpt-coders muted small">Coded by {excerpt.coders.join(', ')}</p>
    </li>
  );
}

function targetTitle(target: ExcerptTarget, result: CompareResult): string {
  if (target.kind === 'school') return `at ${target.school}`;
  return `in ${groupLabel(target.group === 'a' ? result.a : result.b)}`;
}

export function ExcerptsDrawer() {
  const drawer = useCompare((s) => s.drawer);
  const openExcerpts = useCompare((s) => s.openExcerpts);
  const more = useCompare((s) => s.moreExcerpts);
  const close = useCompare((s) => s.closeExcerpts);
  const closeRef = useRef<HTMLButtonElement>(null);
  const open = drawer !== null;

  useEffect(() => {
    if (open) closeRef.current?.focus();
  }, [open]);

  if (!drawer) return null;
  const { target, result } = drawer;
  const row = result.codes.find((c) => c.code_id === target.code);
  const segments = (side: 'a' | 'b') => (side === 'a' ? row?.segments_a : row?.segments_b) ?? 0;

  return (
    <aside className="cmp-drawer" aria-label="Excerpts" data-testid="excerpts-drawer">
      <header className="cmp-drawer-head">
        <div className="cmp-drawer-title">
          <span className="cmp-code-dot" style={{ background: row?.color }} aria-hidden="true" />
          <div>
            <h3 data-testid="excerpts-code">{row?.code ?? target.code}</h3>
            <p className="muted small">
              {plural(drawer.total, 'coded segment')} {targetTitle(target, result)}
            </p>
          </div>
          <button
            ref={closeRef}
            type="button"
            className="icon-button"
            aria-label="Close excerpts"
            title="Close (Esc)"
            onClick={close}
          >
            ×
          </button>
        </div>
        {target.kind === 'group' && (
          <div className="cmp-drawer-tabs" role="tablist" aria-label="Group">
            {(['a', 'b'] as const).map((side) => (
              <button
                key={side}
                type="button"
                role="tab"
                aria-selected={target.group === side}
                className={target.group === side ? 'is-on' : ''}
                style={{ '--side': GROUP_COLORS[side] } as CSSProperties}
                data-testid={`excerpts-group-${side}`}
                onClick={() => void openExcerpts({ ...target, group: side })}
              >
                {groupLabel(side === 'a' ? result.a : result.b)}
                <span className="cmp-tab-count">{segments(side)}</span>
              </button>
            ))}
          </div>
        )}
      </header>
      <div className="cmp-drawer-body">
        {drawer.error && (
          <p className="form-error" role="alert">
            {drawer.error}
          </p>
        )}
        {!drawer.error && drawer.excerpts.length === 0 && !drawer.loading && (
          <p className="empty-state">No coded segments here.</p>
        )}
        <ol className="cmp-excerpts">
          {drawer.excerpts.map((x) => (
            <ExcerptCard key={x.segment_id} excerpt={x} />
          ))}
        </ol>
        {drawer.loading && (
          <div className="cmp-drawer-loading">
            <Spinner inline label="Loading excerpts…" />
          </div>
        )}
        {!drawer.loading && drawer.excerpts.length < drawer.total && (
          <button type="button" className="btn btn-small cmp-more" onClick={() => void more()}>
            Show more ({drawer.total - drawer.excerpts.length} left)
          </button>
        )}
      </div>
    </aside>
  );
}
