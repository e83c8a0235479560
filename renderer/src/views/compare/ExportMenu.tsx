import { useEffect, useRef, useState } from 'react';
import { Spinner } from '../../components/Spinner';
import { reportError, reportInfo } from '../../stores/notices';
import { useProject } from '../../stores/project';
import { shownOptions, useCompare } from '../../stores/compare';
import { runExport, type ExportId } from './exportActions';
import { MethodsDialog } from './MethodsDialog';

// One menu for every file the comparison can become: tables, figures, data for R or
// Python, the REFI-QDA project, and the methods paragraph.

interface Item {
  id: ExportId;
  label: string;
  hint: string;
  needsResult?: boolean;
}

const SECTIONS: { title: string; items: Item[] }[] = [
  {
    title: 'Comparison',
    items: [
      {
        id: 'comparison',
        label: 'Table (CSV)',
        hint: 'every code with counts, CIs, p and q',
        needsResult: true,
      },
      {
        id: 'xlsx',
        label: 'Workbook (XLSX)',
        hint: 'formatted table, labels and methods',
        needsResult: true,
      },
    ],
  },
  {
    title: 'Figures',
    items: [
      {
        id: 'effects-svg',
        label: 'Effect chart (SVG)',
        hint: 'vector, for editing and print',
        needsResult: true,
      },
      {
        id: 'effects-png',
        label: 'Effect chart (PNG)',
        hint: '2× resolution, for slides',
        needsResult: true,
      },
      { id: 'heatmap-svg', label: 'Heatmap (SVG)', hint: 'codes × schools', needsResult: true },
      { id: 'heatmap-png', label: 'Heatmap (PNG)', hint: '2× resolution', needsResult: true },
    ],
  },
  {
    title: 'Data for R / Python',
    items: [
      {
        id: 'matrix',
        label: 'Segment × code matrix (CSV)',
        hint: '0/1 per code, one row per segment and coder',
      },
      { id: 'csv', label: 'Long label table (CSV)', hint: 'one row per applied label' },
    ],
  },
  {
    title: 'Project',
    items: [
      { id: 'qdpx', label: 'REFI-QDA project (.qdpx)', hint: 'for ATLAS.ti, MAXQDA, NVivo, QualCoder' },
    ],
  },
];

export function ExportMenu() {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState<ExportId | null>(null);
  const [methodsOpen, setMethodsOpen] = useState(false);
  const hasResult = useCompare((s) => s.results.length > 0);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const run = async (id: ExportId) => {
    const state = useCompare.getState();
    const result = state.results[state.shown];
    if (!result) return;
    setBusy(id);
    try {
      const outcome = await runExport(id, {
        projectName: useProject.getState().summary?.name ?? 'concord',
        result,
        options: shownOptions(state),
        heatmapMeasure: state.heatmapMeasure,
      });
      reportInfo(`Saved ${outcome.fileName}`);
      for (const w of outcome.warnings) reportError(`${outcome.fileName}: ${w}`);
      setOpen(false);
    } catch (e) {
      reportError(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="cmp-export" ref={root}>
      <button
        type="button"
        className="btn btn-small btn-primary"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((v) => !v)}
        data-testid="export-menu"
      >
        Export <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div className="cmp-menu" role="menu" data-testid="export-menu-list">
          {SECTIONS.map((section) => (
            <div key={section.title} className="cmp-menu-section" role="group" aria-label={section.title}>
              <p className="cmp-menu-title">{section.title}</p>
              {section.items.map((item) => (
                <button
                  key={item.id}
                  type="button"
                  role="menuitem"
                  className="cmp-menu-item"
                  disabled={busy !== null || (item.needsResult === true && !hasResult)}
                  onClick={() => void run(item.id)}
                  data-testid={`export-${item.id}`}
                >
                  <span className="cmp-menu-label">{item.label}</span>
                  <span className="cmp-menu-hint">{item.hint}</span>
                  {busy === item.id && <Spinner inline />}
                </button>
              ))}
            </div>
          ))}
          <div className="cmp-menu-section" role="group" aria-label="Report text">
            <p className="cmp-menu-title">Report text</p>
            <button
              type="button"
              role="menuitem"
              className="cmp-menu-item"
              disabled={!hasResult}
              onClick={() => {
                setOpen(false);
                setMethodsOpen(true);
              }}
              data-testid="open-methods"
            >
              <span className="cmp-menu-label">Methods paragraph…</span>
              <span className="cmp-menu-hint">corpus, coders, model, agreement, tests; copy or save</span>
            </button>
          </div>
        </div>
      )}
      {methodsOpen && <MethodsDialog onClose={() => setMethodsOpen(false)} />}
    </div>
  );
}
