import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import type { CodingMode, StructuredOutput } from '../../../../shared/contract/llm';
import { useAi, type EditorTarget } from '../../stores/ai';
import {
  configFromDraft,
  draftFromConfig,
  draftProvider,
  emptyDraft,
  MODE_LABELS,
  OUTPUT_LABELS,
  type CoderDraft,
} from './coderDraft';
import { ModelField } from './ModelField';
import { PromptPreview } from './PromptPreview';
import { ProviderSection } from './ProviderSection';

function initialDraft(target: EditorTarget): CoderDraft {
  const { coders, versions } = useAi.getState();
  const active = versions.find((v) => v.active)?.version ?? versions.at(-1)?.version ?? null;
  if (target.mode === 'create') return emptyDraft(active);
  const coder = coders.find((c) => c.id === target.id);
  if (!coder) return emptyDraft(active);
  const draft = draftFromConfig(coder.name, coder.config);
  return target.mode === 'copy' ? { ...draft, name: `${coder.name} (copy)` } : draft;
}

function Field(props: { label: string; hint?: string; problem?: string | undefined; children: ReactNode }) {
  return (
    <label className="field">
      <span className="field-label">{props.label}</span>
      {props.children}
      {props.problem ? (
        <span className="form-error">{props.problem}</span>
      ) : (
        props.hint && <span className="field-hint">{props.hint}</span>
      )}
    </label>
  );
}

/** Creates or edits an AI coder; the rendered system prompt shows beside the form as it changes. */
export function CoderEditor({ target }: { target: EditorTarget }) {
  const versions = useAi((s) => s.versions);
  const busy = useAi((s) => s.busy);
  const [draft, setDraft] = useState(() => initialDraft(target));
  const [tried, setTried] = useState(false);
  const check = useMemo(() => configFromDraft(draft), [draft]);
  // the prompt does not depend on the model: preview it before one is chosen
  const modelSet = draft.model.trim() !== '';
  const previewCheck = useMemo(
    () => (modelSet ? check : configFromDraft({ ...draft, model: 'model' })),
    [modelSet, check, draft],
  );
  const provider = useMemo(
    () => draftProvider({ kind: draft.kind, baseURL: draft.baseURL }),
    [draft.kind, draft.baseURL],
  );
  const problems = check.ok ? {} : check.problems;
  const nameProblem = draft.name.trim() ? undefined : 'Give the coder a name, e.g. “gpt-4.1-mini v2 prompt”';
  const shownProblem = (field: string) => (tried ? problems[field] : undefined);
  const editing = target.mode === 'edit';
  const patch = (p: Partial<CoderDraft>) => setDraft((d) => ({ ...d, ...p }));
  const close = () => useAi.getState().closeEditor();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!check.ok || nameProblem) return;
    await useAi.getState().saveCoder(draft.name.trim(), check.config, editing ? target.id : null);
  };

  const title = editing
    ? `Edit “${draft.name}”`
    : target.mode === 'copy'
      ? 'New AI coder (copy)'
      : 'New AI coder';

  return (
    <form className="ai-editor" onSubmit={(e) => void submit(e)} data-testid="ai-coder-editor" noValidate>
      <header className="ai-editor-bar">
        <button type="button" className="btn btn-ghost btn-small" onClick={close}>
          ← AI coders
        </button>
        <h2>{title}</h2>
        <span className="spacer" />
        {tried && (!check.ok || nameProblem) && (
          <span className="form-error" role="alert">
            Fix the marked fields
          </span>
        )}
        <button type="button" className="btn btn-small" onClick={close}>
          Cancel
        </button>
        <button
          type="submit"
          className="btn btn-small btn-primary"
          disabled={busy}
          data-testid="save-ai-coder"
        >
          {editing ? 'Save changes' : 'Create AI coder'}
        </button>
      </header>

      <div className="ai-editor-body">
        <div className="ai-editor-form">
          <fieldset className="ai-fieldset">
            <legend>Coder</legend>
            <Field
              label="Name"
              hint={editing ? 'The name stays; a renamed configuration is a new coder.' : undefined}
              problem={tried ? nameProblem : undefined}
            >
              <input
                className="input input-small"
                value={draft.name}
                disabled={editing}
                autoFocus={!editing}
                data-testid="coder-name"
                onChange={(e) => patch({ name: e.target.value })}
              />
            </Field>
          </fieldset>

          <ProviderSection
            draft={draft}
            provider={provider}
            problem={draft.baseURL.trim() || tried ? problems.baseURL : undefined}
            onChange={patch}
          />

          <fieldset className="ai-fieldset">
            <legend>Model and sampling</legend>
            <ModelField
              value={draft.model}
              provider={provider}
              problem={shownProblem('model')}
              onChange={(model) => patch({ model })}
            />
            <div className="ai-field-grid">
              <Field
                label="Temperature"
                hint="Empty = provider default"
                problem={shownProblem('temperature')}
              >
                <input
                  className="input input-small"
                  inputMode="decimal"
                  value={draft.temperature}
                  data-testid="temperature"
                  onChange={(e) => patch({ temperature: e.target.value })}
                />
              </Field>
              <Field label="Samples per segment" hint="Majority vote" problem={shownProblem('samples')}>
                <input
                  className="input input-small"
                  type="number"
                  min={1}
                  max={15}
                  value={draft.samples}
                  data-testid="samples"
                  onChange={(e) => patch({ samples: e.target.value })}
                />
              </Field>
              <Field label="Context turns" hint="Before and after" problem={shownProblem('contextTurns')}>
                <input
                  className="input input-small"
                  type="number"
                  min={0}
                  max={10}
                  value={draft.contextTurns}
                  data-testid="context-turns"
                  onChange={(e) => patch({ contextTurns: e.target.value })}
                />
              </Field>
            </div>
            <div className="ai-field-grid ai-field-grid-2">
              <Field label="Mode" hint="Per family or per code: more precise, more tokens">
                <select
                  className="select input-small"
                  value={draft.mode}
                  data-testid="mode"
                  onChange={(e) => patch({ mode: e.target.value as CodingMode })}
                >
                  {Object.entries(MODE_LABELS).map(([v, label]) => (
                    <option key={v} value={v}>
                      {label}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label="Codebook version" problem={shownProblem('codebookVersion')}>
                <select
                  className="select input-small"
                  value={draft.codebookVersion ?? ''}
                  data-testid="codebook-version"
                  onChange={(e) => patch({ codebookVersion: Number(e.target.value) })}
                >
                  {versions.length === 0 && <option value="">No codebook</option>}
                  {[...versions].reverse().map((v) => (
                    <option key={v.version} value={v.version}>
                      v{v.version} · {v.name} · {v.codes} codes{v.active ? ' (active)' : ''}
                    </option>
                  ))}
                </select>
              </Field>
            </div>
            <details className="ai-advanced">
              <summary>Answer format and limits</summary>
              <div className="ai-field-grid">
                <Field label="Structured output">
                  <select
                    className="select input-small"
                    value={draft.structuredOutput}
                    onChange={(e) => patch({ structuredOutput: e.target.value as StructuredOutput })}
                  >
                    {Object.entries(OUTPUT_LABELS).map(([v, label]) => (
                      <option key={v} value={v}>
                        {label}
                      </option>
                    ))}
                  </select>
                </Field>
                <Field
                  label="Max output tokens"
                  hint="Empty = no limit"
                  problem={shownProblem('maxOutputTokens')}
                >
                  <input
                    className="input input-small"
                    inputMode="numeric"
                    value={draft.maxOutputTokens}
                    onChange={(e) => patch({ maxOutputTokens: e.target.value })}
                  />
                </Field>
                <Field
                  label="Context window"
                  hint="Tokens; longer prompts fail without a request"
                  problem={shownProblem('contextWindowTokens')}
                >
                  <input
                    className="input input-small"
                    inputMode="numeric"
                    value={draft.contextWindowTokens}
                    onChange={(e) => patch({ contextWindowTokens: e.target.value })}
                  />
                </Field>
              </div>
            </details>
          </fieldset>

          <fieldset className="ai-fieldset">
            <legend>Prompt</legend>
            <div className="ai-radio-row" role="radiogroup" aria-label="Prompt template">
              <label className="ai-radio">
                <input
                  type="radio"
                  name="template"
                  checked={!draft.customTemplate}
                  onChange={() => patch({ customTemplate: false })}
                />
                Built-in template
              </label>
              <label className="ai-radio">
                <input
                  type="radio"
                  name="template"
                  checked={draft.customTemplate}
                  data-testid="custom-template"
                  onChange={() => patch({ customTemplate: true })}
                />
                Custom template
              </label>
            </div>
            {draft.customTemplate && (
              <Field
                label="System prompt template"
                hint="Fields: {{codebook_name}}, {{codebook_description}}, {{codes}} (required), {{answer_format}}"
                problem={problems.promptTemplate}
              >
                <textarea
                  className="input ai-template"
                  value={draft.promptTemplate}
                  rows={14}
                  spellCheck={false}
                  data-testid="prompt-template"
                  onChange={(e) => patch({ promptTemplate: e.target.value })}
                />
              </Field>
            )}
            <p className="field-hint">
              The codebook goes first and stays identical for every segment, so providers can cache it; the
              segment and its context follow in the user message.
            </p>
          </fieldset>
        </div>

        <PromptPreview config={previewCheck.ok ? previewCheck.config : null} showHash={modelSet} />
      </div>
    </form>
  );
}
