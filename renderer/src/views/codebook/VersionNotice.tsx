import type { CodebookVersionView } from '../../../../shared/contract/codebook';
import { useCodebook, type Codebook } from '../../stores/codebook';

interface Props {
  viewed: Codebook;
  versions: CodebookVersionView[];
  savesAs: number | null;
}

/** Says where an edit will go: a frozen version is never changed, an inactive one is not what labels use. */
export function VersionNotice({ viewed, versions, savesAs }: Props) {
  const active = versions.find((v) => v.active);
  if (viewed.frozen && savesAs !== null) {
    const existing = versions.some((v) => v.version === savesAs);
    return (
      <div className="version-notice is-frozen" role="note" data-testid="frozen-notice">
        <svg viewBox="0 0 16 16" width="15" height="15" aria-hidden="true">
          <rect x="3" y="7" width="10" height="7" rx="1.5" fill="currentColor" />
          <path d="M5 7V5a3 3 0 0 1 6 0v2" fill="none" stroke="currentColor" strokeWidth="1.6" />
        </svg>
        <p>
          <strong>Version {viewed.version} is frozen</strong> — labels refer to it, so it no longer changes.{' '}
          {existing ? (
            <>
              Edits go to version {savesAs}, the draft based on it.{' '}
              <button
                type="button"
                className="link-button"
                onClick={() => void useCodebook.getState().view(savesAs)}
              >
                Open version {savesAs}
              </button>
            </>
          ) : (
            <>Editing creates version {savesAs} and makes it the active version.</>
          )}
        </p>
      </div>
    );
  }
  if (!viewed.active && active) {
    return (
      <div className="version-notice" role="note" data-testid="inactive-notice">
        <p>
          You are looking at version {viewed.version}; new labels use version {active.version}.{' '}
          <button
            type="button"
            className="link-button"
            onClick={() => void useCodebook.getState().view(active.version)}
          >
            Open version {active.version}
          </button>
        </p>
      </div>
    );
  }
  return null;
}
