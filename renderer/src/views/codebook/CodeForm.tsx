import { useId, type CSSProperties, type ReactNode } from 'react';
import type { CodeView } from '../../../../shared/contract/codebook';
import { ancestorKeys, descendantKeys, inTreeOrder } from '../../components/coding/codeTree';
import { formatCount } from '../../format/count';
import { ariaKeyShortcut, shortcutLabel } from '../../keyboard/shortcuts';
import { sameDraft, useCodebook, type Codebook, type CodeDraft } from '../../stores/codebook';
import { ColorField } from './ColorField';
import { CODE_NAME_INPUT_ID } from './elementIds';
import { ExamplesField } from './ExamplesField';
import { validateCode } from './validateCode';

interface Props {
  book: Codebook;
  codeKey: string;
  /** null for a code being created */
  code: CodeView | null;
  base: CodeDraft;
  draft: CodeDraft;
  /** the version a save lands in, when it is not the one shown */
  savesAs: number | null;
  onDelete(): void;
  onSplit(): void;
  onMerge(): void;
}

function Field({
  label,
  hint,
  children,
  error,
  warning,
  htmlFor,
}: {
  label: string;
  hint?: string;
  children: ReactNode;
  error?: string;
  warning?: string;
  htmlFor: string;
}) {
  return (
    <div className="field">
      <label className="field-label" htmlFor={htmlFor}>
        {label}
      </label>
      {children}
      {hint && !error && !warning && <span className="field-hint">{hint}</span>}
      {error && (
        <p className="form-error" data-testid={`error-${htmlFor}`}>
          {error}
        </p>
      )}
      {warning && !error && (
        <p className="form-warning" data-testid={`warning-${htmlFor}`}>
          {warning}
        </p>
      )}
    </div>
  );
}

/** The fields of one code, edited as a draft until saved (Ctrl/⌘+S) or cancelled. */
export function CodeForm({ book, codeKey, code, base, draft, savesAs, onDelete, onSplit, onMerge }: Props) {
  const id = useId();
  const busy = useCodebook((s) => s.busy);
  const isNew = code === null;
  const dirty = isNew || !sameDraft(draft, base);
  const v = validateCode(draft, book.codes, isNew ? null : codeKey);
  const excluded = isNew ? new Set<string>() : new Set([codeKey, ...descendantKeys(book.codes, codeKey)]);
  const parents = inTreeOrder(book.codes).filter((r) => !excluded.has(r.code.key));
  const path = draft.parentKey
    ? [...ancestorKeys(book.codes, draft.parentKey).reverse(), draft.parentKey]
        .map((k) => book.codes.find((c) => c.key === k)?.name ?? k)
        .join(' › ')
    : 'Top level';

  const update = (patch: Partial<CodeDraft>) => {
    const next = { ...draft, ...patch };
    useCodebook.getState().setDraft(codeKey, !isNew && sameDraft(next, base) ? null : next);
  };
  const cancel = () => {
    const s = useCodebook.getState();
    s.setDraft(codeKey, null);
    if (isNew) s.select(draft.parentKey ?? book.codes[0]?.key ?? null);
  };
  const save = () => {
    if (v.ok && dirty && !busy) void useCodebook.getState().save(codeKey);
  };

  return (
    <form
      className="code-form"
      style={{ '--code': draft.color } as CSSProperties}
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
      aria-label={isNew ? 'New code' : `Code: ${code.name}`}
      data-testid="code-form"
    >
      <header className="code-form-head">
        <span className="code-form-swatch" aria-hidden="true" />
        <div className="code-form-title-block">
          <p className="code-form-path">{path}</p>
          <h3 className="code-form-title">{draft.name.trim() || (isNew ? 'New code' : code.name)}</h3>
          {!isNew && (
            <p className="code-form-meta">
              <code title="Stable key: stays the same across versions and renames">{code.key}</code>
              <span>
                {formatCount(code.usageAllVersions ?? code.usage)} label
                {(code.usageAllVersions ?? code.usage) === 1 ? '' : 's'}
              </span>
            </p>
          )}
        </div>
        {!isNew && (
          <div className="code-form-tools">
            <button
              type="button"
              className="btn btn-small btn-ghost"
              onClick={onSplit}
              data-testid="split-code"
            >
              Split…
            </button>
            <button
              type="button"
              className="btn btn-small btn-ghost"
              onClick={onMerge}
              data-testid="merge-code"
            >
              Merge…
            </button>
            <button
              type="button"
              className="btn btn-small btn-ghost btn-danger-text"
              onClick={onDelete}
              data-testid="delete-code"
            >
              Delete…
            </button>
          </div>
        )}
      </header>

      <div className="code-form-scroll">
        <section className="form-section">
          <h4 className="form-section-title">Identity</h4>
          <div className="form-grid">
            <Field label="Name" htmlFor={CODE_NAME_INPUT_ID} error={v.errors.name}>
              <input
                id={CODE_NAME_INPUT_ID}
                className={`input${v.errors.name ? ' input-invalid' : ''}`}
                value={draft.name}
                maxLength={220}
                aria-invalid={Boolean(v.errors.name)}
                placeholder="e.g. Families as equal partners"
                onChange={(e) => update({ name: e.target.value })}
                data-testid="code-name"
              />
            </Field>
            <Field
              label="Short label"
              htmlFor={`${id}-short`}
              hint="For chips and charts, up to 40 characters"
              error={v.errors.shortLabel}
            >
              <input
                id={`${id}-short`}
                className={`input${v.errors.shortLabel ? ' input-invalid' : ''}`}
                value={draft.shortLabel}
                placeholder="optional"
                onChange={(e) => update({ shortLabel: e.target.value })}
                data-testid="code-short-label"
              />
            </Field>
          </div>
          <div className="form-grid">
            <Field label="Parent" htmlFor={`${id}-parent`} hint="Or drag the code in the tree">
              <select
                id={`${id}-parent`}
                className="select"
                value={draft.parentKey ?? ''}
                onChange={(e) => update({ parentKey: e.target.value || null })}
                data-testid="code-parent"
              >
                <option value="">— Top level (a code family) —</option>
                {parents.map(({ code: p, depth }) => (
                  <option key={p.key} value={p.key}>
                    {'\u2002'.repeat(depth * 2)}
                    {p.name}
                  </option>
                ))}
              </select>
            </Field>
            <ColorField value={draft.color} onChange={(color) => update({ color })} error={v.errors.color} />
          </div>
        </section>

        <section className="form-section">
          <h4 className="form-section-title">Definition and criteria</h4>
          <Field
            label="Definition"
            htmlFor={`${id}-definition`}
            hint="What the code means, in words a new coder and the AI coder can apply"
            warning={v.warnings.definition}
          >
            <textarea
              id={`${id}-definition`}
              className="input textarea"
              rows={4}
              value={draft.definition}
              onChange={(e) => update({ definition: e.target.value })}
              data-testid="code-definition"
            />
          </Field>
          <div className="form-grid">
            <Field label="Use when (inclusion)" htmlFor={`${id}-inclusion`} hint="What must be present">
              <textarea
                id={`${id}-inclusion`}
                className="input textarea"
                rows={4}
                value={draft.inclusion}
                onChange={(e) => update({ inclusion: e.target.value })}
                data-testid="code-inclusion"
              />
            </Field>
            <Field
              label="Do not use when (exclusion)"
              htmlFor={`${id}-exclusion`}
              hint="Near misses, and which code to use instead"
            >
              <textarea
                id={`${id}-exclusion`}
                className="input textarea"
                rows={4}
                value={draft.exclusion}
                onChange={(e) => update({ exclusion: e.target.value })}
                data-testid="code-exclusion"
              />
            </Field>
          </div>
        </section>

        <section className="form-section">
          <h4 className="form-section-title">Examples</h4>
          <div className="form-grid">
            <ExamplesField
              label="Positive examples"
              hint="Passages the code applies to"
              tone="positive"
              items={draft.examples.positive}
              onChange={(positive) => update({ examples: { ...draft.examples, positive } })}
              testId="examples-positive"
            />
            <ExamplesField
              label="Negative examples"
              hint="Near misses the code does not apply to"
              tone="negative"
              items={draft.examples.negative}
              onChange={(negative) => update({ examples: { ...draft.examples, negative } })}
              testId="examples-negative"
            />
          </div>
        </section>
      </div>

      <footer className="code-form-foot">
        <span className="code-form-status" aria-live="polite">
          {savesAs !== null && dirty ? (
            <span className="form-note-frozen" data-testid="saves-as">
              Saving creates version {savesAs}
            </span>
          ) : dirty ? (
            <span className="form-note-dirty">{isNew ? 'New code, not saved yet' : 'Unsaved changes'}</span>
          ) : (
            <span className="muted">All changes saved</span>
          )}
        </span>
        <span className="spacer" />
        <button
          type="button"
          className="btn"
          disabled={!dirty || busy}
          onClick={cancel}
          data-testid="code-cancel"
        >
          Cancel
        </button>
        <button
          type="submit"
          className="btn btn-primary"
          disabled={!dirty || !v.ok || busy}
          aria-keyshortcuts={ariaKeyShortcut('codebook.save')}
          title={`Save (${shortcutLabel('codebook.save')})`}
          data-testid="code-save"
        >
          {isNew ? 'Create code' : 'Save'}
          <kbd className="btn-kbd">{shortcutLabel('codebook.save')}</kbd>
        </button>
      </footer>
    </form>
  );
}
