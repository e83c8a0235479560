import type { CodeView } from '../../../../shared/contract/codebook';
import type { CodeDraft } from '../../stores/codebook';

export interface CodeValidation {
  /** block saving */
  errors: Partial<Record<'name' | 'shortLabel' | 'color', string>>;
  /** shown, but saving is allowed */
  warnings: Partial<Record<'definition', string>>;
  ok: boolean;
}

const HEX = /^#[0-9A-Fa-f]{6}$/;

/**
 * The checks the backend makes too (names unique among siblings, lengths, colour), said
 * before a round trip, plus the warning the backend does not give: a code without a
 * definition cannot be applied consistently by people or by the AI coder.
 */
export function validateCode(
  draft: CodeDraft,
  codes: readonly CodeView[],
  key: string | null,
): CodeValidation {
  const errors: CodeValidation['errors'] = {};
  const warnings: CodeValidation['warnings'] = {};
  const name = draft.name.trim();
  if (!name) errors.name = 'A code needs a name.';
  else if (name.length > 200) errors.name = 'At most 200 characters.';
  else {
    const clash = codes.find(
      (c) =>
        c.key !== key &&
        c.parentKey === draft.parentKey &&
        c.name.trim().toLocaleLowerCase() === name.toLocaleLowerCase(),
    );
    if (clash) {
      const parent = codes.find((c) => c.key === draft.parentKey);
      errors.name = parent
        ? `“${parent.name}” already has a sub-code named “${clash.name}”.`
        : `A top-level code named “${clash.name}” already exists.`;
    }
  }
  if (draft.shortLabel.trim().length > 40) errors.shortLabel = 'At most 40 characters.';
  if (!HEX.test(draft.color)) errors.color = 'Use a colour like #3454D1.';
  if (!draft.definition.trim())
    warnings.definition = 'No definition yet: coders and the AI coder apply a code by its definition.';
  return { errors, warnings, ok: Object.keys(errors).length === 0 };
}
