import { useRef } from 'react';
import { plural } from '../../format/count';
import { formatDateTime } from '../../format/time';
import { useCodebook, type Codebook } from '../../stores/codebook';
import { downloadBase64 } from './download';
import { MenuButton } from './MenuButton';

const EXPORTS = [
  { format: 'qdc', label: 'REFI-QDA codebook (.qdc)', hint: 'ATLAS.ti, MAXQDA, NVivo, QualCoder' },
  { format: 'json', label: 'JSON (.json)', hint: 'lossless, for scripts and version control' },
  { format: 'md', label: 'Markdown (.md)', hint: 'readable, for an appendix' },
  { format: 'docx', label: 'Word document (.docx)', hint: 'readable, for an appendix' },
] as const;

interface Props {
  viewed: Codebook;
  onShowChanges(): void;
}

/** The codebook's name, its versions, and what can be done with a whole version. */
export function CodebookHeader({ viewed, onShowChanges }: Props) {
  const versions = useCodebook((s) => s.versions);
  const busy = useCodebook((s) => s.busy);
  const drafts = useCodebook((s) => Object.keys(s.drafts).length);
  const fileRef = useRef<HTMLInputElement>(null);
  const families = viewed.codes.filter((c) => c.parentKey === null).length;

  const switchTo = (version: number) => {
    if (version === viewed.version) return;
    if (drafts > 0 && !window.confirm(`Discard unsaved changes to ${plural(drafts, 'code')}?`)) return;
    void useCodebook.getState().view(version);
  };

  const exportAs = async (format: (typeof EXPORTS)[number]['format']) => {
    const file = await useCodebook.getState().exportFile(format);
    if (file) downloadBase64(file.fileName, file.mimeType, file.contentBase64);
  };

  return (
    <header className="codebook-header" data-testid="codebook-header">
      <div className="codebook-title-block">
        <h2 className="codebook-title" title={viewed.description || viewed.name}>
          {viewed.name}
        </h2>
        <p className="codebook-meta">
          <span>{plural(viewed.codes.length, 'code')}</span>
          <span aria-hidden="true">·</span>
          <span>{plural(families, 'family', 'families')}</span>
          <span aria-hidden="true">·</span>
          <span>
            version {viewed.version} created {formatDateTime(viewed.createdAt)}
            {viewed.createdBy ? ` by ${viewed.createdBy}` : ''}
          </span>
        </p>
      </div>
      <div className="codebook-actions">
        <MenuButton
          label={
            <span className="version-button-label">
              Version {viewed.version}
              <VersionBadges active={viewed.active} frozen={viewed.frozen} />
            </span>
          }
          title="Codebook versions"
          className="btn btn-small version-button"
          testId="version-select"
          align="right"
        >
          {(close) => (
            <>
              <p className="menu-heading">Versions</p>
              {[...versions].reverse().map((v) => (
                <button
                  key={v.version}
                  type="button"
                  role="menuitem"
                  aria-checked={v.version === viewed.version}
                  className={`menu-item version-item${v.version === viewed.version ? ' is-current' : ''}`}
                  onClick={() => {
                    close();
                    switchTo(v.version);
                  }}
                  data-testid="version-option"
                  data-version={v.version}
                >
                  <span className="version-item-top">
                    <strong>Version {v.version}</strong>
                    <VersionBadges active={v.active} frozen={v.frozen} />
                  </span>
                  <span className="version-item-meta">
                    {plural(v.codes, 'code')} · {formatDateTime(v.createdAt)}
                    {v.parentVersion !== null ? ` · from v${v.parentVersion}` : ''}
                  </span>
                </button>
              ))}
            </>
          )}
        </MenuButton>
        <button type="button" className="btn btn-small" onClick={onShowChanges} data-testid="show-changes">
          Changes &amp; diff
        </button>
        {!viewed.active && (
          <button
            type="button"
            className="btn btn-small btn-accent-outline"
            onClick={() => void useCodebook.getState().setActive(viewed.version)}
            title="New labels will use this version"
            data-testid="set-active"
          >
            Set active
          </button>
        )}
        <span className="topbar-sep" aria-hidden="true" />
        <button
          type="button"
          className="btn btn-small"
          disabled={busy}
          onClick={() => fileRef.current?.click()}
          title="Import a codebook (.qdc or .json) as a new version"
          data-testid="import-codebook"
        >
          Import…
        </button>
        <input
          ref={fileRef}
          type="file"
          accept=".qdc,.json,.xml"
          className="visually-hidden-input"
          tabIndex={-1}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void useCodebook.getState().importFile(file);
          }}
          data-testid="import-codebook-file"
        />
        <MenuButton label="Export" testId="export-codebook" align="right">
          {(close) =>
            EXPORTS.map((x) => (
              <button
                key={x.format}
                type="button"
                role="menuitem"
                className="menu-item"
                onClick={() => {
                  close();
                  void exportAs(x.format);
                }}
                data-testid={`export-${x.format}`}
              >
                <span className="version-item-top">{x.label}</span>
                <span className="version-item-meta">{x.hint}</span>
              </button>
            ))
          }
        </MenuButton>
      </div>
    </header>
  );
}

export function VersionBadges({ active, frozen }: { active: boolean; frozen: boolean }) {
  return (
    <>
      {active && <span className="vbadge vbadge-active">active</span>}
      {frozen ? (
        <span
          className="vbadge vbadge-frozen"
          title="Labels or calibration refer to this version; it no longer changes"
        >
          <svg viewBox="0 0 12 12" width="9" height="9" aria-hidden="true">
            <rect x="2.5" y="5.5" width="7" height="5" rx="1" fill="currentColor" />
            <path d="M4 5.5V4a2 2 0 0 1 4 0v1.5" fill="none" stroke="currentColor" strokeWidth="1.3" />
          </svg>
          frozen
        </span>
      ) : (
        <span
          className="vbadge vbadge-draft"
          title="No label refers to this version yet: edits change it in place"
        >
          editable
        </span>
      )}
    </>
  );
}
