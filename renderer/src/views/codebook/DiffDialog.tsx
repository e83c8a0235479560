import { useEffect, useState, type CSSProperties } from 'react';
import type { ChangeEntry, CodebookVersionView, CodeView } from '../../../../shared/contract/codebook';
import { Dialog } from '../../components/Dialog';
import { formatDateTime } from '../../format/time';
import { call, errorMessage } from '../../rpc/client';
import type { Codebook } from '../../stores/codebook';

interface Props {
  open: boolean;
  viewed: Codebook;
  versions: CodebookVersionView[];
  onClose(): void;
}

const KIND_LABEL: Record<ChangeEntry['kind'], string> = {
  added: 'Added',
  removed: 'Removed',
  renamed: 'Renamed',
  redefined: 'Redefined',
  moved: 'Moved',
  merged: 'Merged',
  split: 'Split',
  recolored: 'Recoloured',
  created: 'Created',
  imported: 'Imported',
};
const ORDER: ChangeEntry['kind'][] = [
  'added',
  'removed',
  'merged',
  'split',
  'renamed',
  'redefined',
  'moved',
  'recolored',
  'created',
  'imported',
];

/** The change log of a version, and a code-by-code comparison of any two versions. */
export function DiffDialog({ open, viewed, versions, onClose }: Props) {
  return (
    <Dialog open={open} title="Codebook changes" onClose={onClose} testId="diff-dialog" wide>
      {open && <DiffBody viewed={viewed} versions={versions} />}
    </Dialog>
  );
}

interface Loaded {
  from: number;
  to: number;
  changes: ChangeEntry[];
  before: Map<string, CodeView>;
  after: Map<string, CodeView>;
}

function DiffBody({ viewed, versions }: { viewed: Codebook; versions: CodebookVersionView[] }) {
  const [tab, setTab] = useState<'diff' | 'log'>('diff');
  const [from, setFrom] = useState(viewed.parentVersion ?? Math.max(1, viewed.version - 1));
  const [to, setTo] = useState(viewed.version);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (from === to) return;
    let stale = false;
    Promise.all([
      call('codebook.diff', { from, to }),
      call('codebook.get', { version: from }),
      call('codebook.get', { version: to }),
    ]).then(
      ([d, a, b]) => {
        if (stale) return;
        setError(null);
        setLoaded({
          from,
          to,
          changes: d.changes,
          before: new Map((a?.codes ?? []).map((c) => [c.key, c])),
          after: new Map((b?.codes ?? []).map((c) => [c.key, c])),
        });
      },
      (e: unknown) => {
        if (!stale) setError(errorMessage(e));
      },
    );
    return () => {
      stale = true;
    };
  }, [from, to]);

  const current = loaded && loaded.from === from && loaded.to === to ? loaded : null;
  const sorted = current
    ? [...current.changes].sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind))
    : [];
  const counts = ORDER.map((k) => [k, sorted.filter((c) => c.kind === k).length] as const).filter(
    ([, n]) => n > 0,
  );

  return (
    <div className="diff-body">
      <div className="tabs" role="tablist">
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'diff'}
          className={tab === 'diff' ? 'tab is-active' : 'tab'}
          onClick={() => setTab('diff')}
          data-testid="tab-diff"
        >
          Compare versions
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'log'}
          className={tab === 'log' ? 'tab is-active' : 'tab'}
          onClick={() => setTab('log')}
          data-testid="tab-log"
        >
          Change log of version {viewed.version}
        </button>
      </div>

      {tab === 'diff' ? (
        <>
          <div className="diff-controls">
            <VersionSelect
              label="From"
              value={from}
              versions={versions}
              onChange={setFrom}
              testId="diff-from"
            />
            <span className="diff-arrow" aria-hidden="true">
              →
            </span>
            <VersionSelect label="To" value={to} versions={versions} onChange={setTo} testId="diff-to" />
            <span className="spacer" />
            {current && (
              <div className="diff-counts" data-testid="diff-counts">
                {counts.length === 0 ? (
                  <span className="muted">No differences</span>
                ) : (
                  counts.map(([k, n]) => (
                    <span key={k} className={`change-badge change-${k}`}>
                      {n} {KIND_LABEL[k].toLowerCase()}
                    </span>
                  ))
                )}
              </div>
            )}
          </div>
          {from === to ? (
            <p className="diff-empty">Choose two different versions to compare.</p>
          ) : error ? (
            <p className="form-error" role="alert">
              {error}
            </p>
          ) : !current ? (
            <p className="diff-empty muted">Comparing…</p>
          ) : sorted.length === 0 ? (
            <p className="diff-empty">
              Versions {from} and {to} have the same codes.
            </p>
          ) : (
            <ChangeList changes={sorted} before={current.before} after={current.after} testId="diff-list" />
          )}
        </>
      ) : (
        <>
          <p className="diff-log-meta">
            Version {viewed.version}
            {viewed.parentVersion !== null ? `, based on version ${viewed.parentVersion},` : ''} created{' '}
            {formatDateTime(viewed.createdAt)}
            {viewed.createdBy ? ` by ${viewed.createdBy}` : ''}.
            {viewed.frozen ? ' Frozen: labels refer to it.' : ' Still editable: no label refers to it yet.'}
          </p>
          {viewed.changeLog.length === 0 ? (
            <p className="diff-empty">No changes recorded.</p>
          ) : (
            <ChangeList
              changes={viewed.changeLog}
              before={new Map()}
              after={new Map(viewed.codes.map((x) => [x.key, x]))}
              testId="change-log"
            />
          )}
        </>
      )}
    </div>
  );
}

function VersionSelect(props: {
  label: string;
  value: number;
  versions: CodebookVersionView[];
  onChange(v: number): void;
  testId: string;
}) {
  return (
    <label className="diff-version">
      <span className="field-label">{props.label}</span>
      <select
        className="select input-small"
        value={props.value}
        onChange={(e) => props.onChange(Number(e.target.value))}
        data-testid={props.testId}
      >
        {props.versions.map((v) => (
          <option key={v.version} value={v.version}>
            Version {v.version}
            {v.active ? ' (active)' : ''}
            {v.frozen ? ' · frozen' : ''}
          </option>
        ))}
      </select>
    </label>
  );
}

const FIELDS: { field: keyof CodeView; label: string }[] = [
  { field: 'shortLabel', label: 'Short label' },
  { field: 'definition', label: 'Definition' },
  { field: 'inclusion', label: 'Inclusion' },
  { field: 'exclusion', label: 'Exclusion' },
];

const text = (c: CodeView | undefined, f: keyof CodeView): string => {
  const v = c?.[f];
  return typeof v === 'string' ? v : '';
};

interface CodeMaps {
  before: Map<string, CodeView>;
  after: Map<string, CodeView>;
}

/** Changes grouped by code, in the order given: one card per code, one line per kind of change. */
function ChangeList({
  changes,
  before,
  after,
  testId,
}: CodeMaps & { changes: ChangeEntry[]; testId: string }) {
  const groups: ChangeEntry[][] = [];
  const byKey = new Map<string, ChangeEntry[]>();
  for (const c of changes) {
    const existing = c.key !== null ? byKey.get(c.key) : undefined;
    if (existing) existing.push(c);
    else {
      const group = [c];
      groups.push(group);
      if (c.key !== null) byKey.set(c.key, group);
    }
  }
  return (
    <ul className="change-list" data-testid={testId}>
      {groups.map((g, i) => (
        <ChangeGroup key={g[0]!.key ?? `entry-${i}`} entries={g} before={before} after={after} />
      ))}
    </ul>
  );
}

function ChangeGroup({ entries, before, after }: CodeMaps & { entries: ChangeEntry[] }) {
  const key = entries[0]!.key ?? '';
  const old = before.get(key);
  const now = after.get(key);
  const color = (now ?? old)?.color;
  const name = now?.name ?? entries.at(-1)!.name ?? (key || 'Codebook');
  return (
    <li
      className={`change-group change-group-${entries[0]!.kind}`}
      data-testid="change-group"
      data-code-key={key || undefined}
    >
      <div className="change-title">
        {color && (
          <span className="code-swatch" style={{ '--code': color } as CSSProperties} aria-hidden="true" />
        )}
        <strong className="change-name">{name}</strong>
        {key && <code className="change-key">{key}</code>}
      </div>
      {entries.map((e, i) => (
        <ChangeItem key={i} change={e} old={old} now={now} />
      ))}
    </li>
  );
}

function ChangeItem({ change, old, now }: { change: ChangeEntry; old?: CodeView; now?: CodeView }) {
  const fieldDiffs =
    change.kind === 'redefined' && old && now
      ? FIELDS.filter(({ field }) => text(old, field) !== text(now, field))
      : [];
  const exampleDiff =
    change.kind === 'redefined' &&
    old &&
    now &&
    JSON.stringify(old.examples) !== JSON.stringify(now.examples);
  const recolor = change.kind === 'recolored' ? change.detail.match(/#[0-9A-Fa-f]{6}/g) : null;
  return (
    <div className="change-item" data-testid="change-row" data-kind={change.kind}>
      <span className={`change-badge change-${change.kind}`}>{KIND_LABEL[change.kind]}</span>
      <div className="change-main">
        {change.kind === 'renamed' && old && now ? (
          <p className="change-detail">
            <del>{old.name}</del> → <ins>{now.name}</ins>
          </p>
        ) : recolor && recolor.length === 2 ? (
          <p className="change-detail change-colors">
            <span className="code-swatch" style={{ '--code': recolor[0] } as CSSProperties} /> {recolor[0]} →{' '}
            <span className="code-swatch" style={{ '--code': recolor[1] } as CSSProperties} /> {recolor[1]}
          </p>
        ) : (
          change.detail && <p className="change-detail">{change.detail}</p>
        )}
        {fieldDiffs.map(({ field, label }) => (
          <div key={field} className="field-diff">
            <span className="field-diff-label">{label}</span>
            {text(old, field) && <del className="field-diff-old">{text(old, field)}</del>}
            {text(now, field) && <ins className="field-diff-new">{text(now, field)}</ins>}
          </div>
        ))}
        {exampleDiff && (
          <div className="field-diff">
            <span className="field-diff-label">Examples</span>
            <span className="muted small">
              positive {old.examples.positive.length} → {now.examples.positive.length}, negative{' '}
              {old.examples.negative.length} → {now.examples.negative.length}
            </span>
          </div>
        )}
      </div>
    </div>
  );
}
