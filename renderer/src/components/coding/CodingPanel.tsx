import { useEffect, useMemo } from 'react';
import { formatCount } from '../../format/count';
import { useCodebook } from '../../stores/codebook';
import { currentLabelId, useCoding } from '../../stores/coding';
import { reportInfo } from '../../stores/notices';
import { useProject } from '../../stores/project';
import { useReader } from '../../stores/reader';
import { SEARCH_INPUT_ID } from '../sidebar/DocumentSidebar';
import { CoderBar } from './CoderBar';
import { numberedCodes } from './codeTree';
import { CODE_SEARCH_ID, CodePicker } from './CodePicker';
import { CodingToast } from './CodingToast';
import { FocusedSegment } from './FocusedSegment';
import { MemoPopover } from './MemoPopover';
import { useViewShortcuts } from './useViewShortcuts';

const focusedSegment = () => {
  const { segments, focusedIndex } = useReader.getState();
  return focusedIndex === null ? null : (segments[focusedIndex] ?? null);
};

/** Applies or removes a code on the segment j/k has focused. */
function toggleOnFocused(codeKey: string): void {
  const segment = focusedSegment();
  if (!segment) {
    reportInfo('Move to a segment first: press j, or click it.');
    return;
  }
  useCoding.getState().toggleCode(segment, codeKey);
}

/** Manual coding beside the transcript: coder, blind mode, the segment in focus, the codes. */
export function CodingPanel({ documentId }: { documentId: number }) {
  const path = useProject((s) => s.summary?.path ?? null);
  const active = useCodebook((s) => s.active);
  const pins = useCoding((s) => s.pins);
  const doneCount = useCoding((s) => s.done.length);
  const coderId = useCoding((s) => s.coderId);
  const total = useReader((s) => s.segments.length);
  const segment = useReader((s) => (s.focusedIndex === null ? null : (s.segments[s.focusedIndex] ?? null)));
  const numbered = useMemo(() => numberedCodes(active?.codes ?? [], pins), [active, pins]);

  useEffect(() => {
    if (!path) return;
    void useCodebook.getState().ensureLoaded(path);
    void useCoding.getState().ensureLoaded(path);
  }, [path]);

  useEffect(() => {
    void useCoding.getState().loadDocument(documentId);
  }, [documentId]);

  useViewShortcuts({
    'coding.search': (e) => {
      // `/` keeps searching documents while the document list has the focus
      if (e.key === '/' && document.activeElement?.closest('.sidebar')) {
        document.getElementById(SEARCH_INPUT_ID)?.focus({ preventScroll: true });
        return;
      }
      document.getElementById(CODE_SEARCH_ID)?.focus({ preventScroll: true });
    },
    'coding.toggleCode': (e) => {
      const code = numbered[Number(e.key) - 1];
      if (code) toggleOnFocused(code.key);
    },
    'coding.markDone': () => {
      const seg = focusedSegment();
      if (seg) useCoding.getState().toggleDone(seg);
    },
    'coding.memo': () => {
      const seg = focusedSegment();
      const { labels, coderId: me } = useCoding.getState();
      const last = labels.filter((l) => l.segmentId === seg?.id && l.coderId === me).at(-1);
      if (!last) return;
      const chip = document.querySelector(`[data-label-id="${currentLabelId(last.id)}"]`);
      const panel = document.querySelector('.coding-panel');
      const rect = (chip ?? panel)?.getBoundingClientRect();
      if (rect) useCoding.getState().openMemo(last.id, rect);
    },
    'coding.undo': () => useCoding.getState().undo(),
    'coding.undoQuick': () => useCoding.getState().undo(),
    'coding.redo': () => useCoding.getState().redo(),
  });

  return (
    <aside className="coding-panel" aria-label="Coding" data-testid="coding-panel">
      <header className="coding-panel-head">
        <div className="coding-panel-title-row">
          <h2 className="sidebar-title">Coding</h2>
          {active && (
            <span className="coding-version" title={active.name}>
              Codebook v{active.version}
            </span>
          )}
        </div>
        {coderId !== null && total > 0 && (
          <div className="coding-progress" title="Segments you have coded in this document">
            <div className="coding-progress-bar">
              <span style={{ width: `${Math.round((doneCount / total) * 100)}%` }} />
            </div>
            <span className="coding-progress-text" data-testid="coding-progress">
              {formatCount(doneCount)} / {formatCount(total)} coded
            </span>
          </div>
        )}
        <CoderBar />
      </header>
      <FocusedSegment segment={segment} />
      <CodePicker segment={segment} numbered={numbered} onApply={toggleOnFocused} />
      <MemoPopover />
      <CodingToast />
    </aside>
  );
}
