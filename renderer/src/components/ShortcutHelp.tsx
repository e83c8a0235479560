import { SHORTCUTS, shortcutLabel, type Shortcut } from '../keyboard/shortcuts';
import { Dialog } from './Dialog';

const GROUPS: Shortcut['group'][] = ['General', 'Documents', 'Reader'];

export function ShortcutHelp({ open, onClose }: { open: boolean; onClose(): void }) {
  return (
    <Dialog open={open} title="Keyboard shortcuts" onClose={onClose} testId="shortcut-help">
      <div className="shortcut-groups">
        {GROUPS.map((g) => (
          <section key={g}>
            <h3 className="section-title">{g}</h3>
            <dl className="shortcut-list">
              {SHORTCUTS.filter((s) => s.group === g).map((s) => (
                <div key={s.id} className="shortcut-row">
                  <dt>{s.label}</dt>
                  <dd>
                    <kbd>{shortcutLabel(s.id)}</kbd>
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
      <p className="muted small">↑ ↓ and Enter work while the document list has focus.</p>
    </Dialog>
  );
}
