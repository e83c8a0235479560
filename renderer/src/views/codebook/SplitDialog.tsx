import { useState, type CSSProperties } from 'react';
import type { CodeView } from '../../../../shared/contract/codebook';
import { Dialog } from '../../components/Dialog';
import { draftFromCode, useCodebook, type CodeDraft } from '../../stores/codebook';
import { CODE_PALETTE } from './palette';

interface Props {
  open: boolean;
  code: CodeView | null;
  codes: readonly CodeView[];
  onClose(): void;
}

interface Part {
  /** continues the original code: its key, and so its labels in later versions */
  keeps: boolean;
  draft: CodeDraft;
}

/** Split a code that holds two ideas into two or more codes. */
export function SplitDialog({ open, code, codes, onClose }: Props) {
  return (
    <Dialog
      open={open && code !== null}
      title={code ? `Split “${code.name}”` : 'Split code'}
      onClose={onClose}
      testId="split-dialog"
      wide
    >
      {open && code && <SplitForm key={code.key} code={code} codes={codes} onClose={onClose} />}
    </Dialog>
  );
}

function nextColour(used: string[]): string {
  return CODE_PALETTE.find((c) => !used.includes(c)) ?? CODE_PALETTE[0];
}

function SplitForm({
  code,
  codes,
  onClose,
}: {
  code: CodeView;
  codes: readonly CodeView[];
  onClose(): void;
}) {
  const busy = useCodebook((s) => s.busy);
  const [parts, setParts] = useState<Part[]>(() => {
    const base = draftFromCode(code);
    return [
      { keeps: true, draft: base },
      {
        keeps: false,
        draft: {
          ...base,
          name: '',
          shortLabel: '',
          definition: '',
          inclusion: '',
          exclusion: '',
          examples: { positive: [], negative: [] },
          color: nextColour([code.color.toUpperCase()]),
        },
      },
    ];
  });

  const siblings = codes.filter((c) => c.parentKey === code.parentKey && c.key !== code.key);
  const problems = parts.map((p, i) => {
    const name = p.draft.name.trim().toLowerCase();
    if (!name) return 'Give this code a name.';
    if (parts.some((q, j) => j < i && q.draft.name.trim().toLowerCase() === name))
      return 'Two parts have the same name.';
    if (siblings.some((c) => c.name.trim().toLowerCase() === name)) return 'A code beside it has this name.';
    return null;
  });
  const ok = parts.length >= 2 && problems.every((p) => p === null) && !busy;

  const patch = (i: number, d: Partial<CodeDraft>) =>
    setParts((ps) => ps.map((p, j) => (j === i ? { ...p, draft: { ...p.draft, ...d } } : p)));

  const split = async () => {
    if (!ok) return;
    const done = await useCodebook.getState().split(
      code.key,
      parts.map((p) => ({ key: p.keeps ? code.key : undefined, draft: p.draft })),
    );
    if (done) onClose();
  };

  return (
    <div className="split-form">
      <p className="dialog-lead">
        The part that <strong>continues</strong> the original keeps its key, so its labels and agreement
        history carry on; the other parts start as new codes. Labels already made stay with the version they
        were made under.
      </p>
      <ol className="split-parts" data-testid="split-parts">
        {parts.map((p, i) => (
          <li
            key={i}
            className={p.keeps ? 'split-part is-keeper' : 'split-part'}
            style={{ '--code': p.draft.color } as CSSProperties}
          >
            <div className="split-part-head">
              <input
                type="color"
                className="color-native"
                aria-label={`Colour of part ${i + 1}`}
                value={p.draft.color.toLowerCase()}
                onChange={(e) => patch(i, { color: e.target.value.toUpperCase() })}
              />
              <input
                className={`input${problems[i] && p.draft.name ? ' input-invalid' : ''}`}
                placeholder={`Name of part ${i + 1}`}
                aria-label={`Name of part ${i + 1}`}
                value={p.draft.name}
                onChange={(e) => patch(i, { name: e.target.value })}
                data-testid="split-name"
              />
              <label className="split-keeps" title="This part keeps the original code's key and labels">
                <input
                  type="radio"
                  name="split-keeper"
                  checked={p.keeps}
                  onChange={() => setParts((ps) => ps.map((q, j) => ({ ...q, keeps: j === i })))}
                />
                continues the original
              </label>
              {parts.length > 2 && (
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Remove part ${i + 1}`}
                  onClick={() => setParts((ps) => ps.filter((_, j) => j !== i))}
                >
                  ×
                </button>
              )}
            </div>
            <textarea
              className="input textarea"
              rows={2}
              placeholder="Definition of this part"
              aria-label={`Definition of part ${i + 1}`}
              value={p.draft.definition}
              onChange={(e) => patch(i, { definition: e.target.value })}
            />
            {problems[i] && p.draft.name && <p className="form-error">{problems[i]}</p>}
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="link-button"
        onClick={() =>
          setParts((ps) => [
            ...ps,
            {
              keeps: false,
              draft: {
                ...ps[0]!.draft,
                name: '',
                shortLabel: '',
                definition: '',
                inclusion: '',
                exclusion: '',
                examples: { positive: [], negative: [] },
                color: nextColour(ps.map((q) => q.draft.color.toUpperCase())),
              },
            },
          ])
        }
      >
        + Add another part
      </button>
      <div className="dialog-actions">
        <button type="button" className="btn" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="btn btn-primary"
          disabled={!ok}
          onClick={() => void split()}
          data-testid="split-confirm"
        >
          Split into {parts.length} codes
        </button>
      </div>
    </div>
  );
}
