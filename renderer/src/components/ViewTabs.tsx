import { useNavigation } from '../stores/navigation';
import { VIEWS } from '../views/registry';

/** Tabs for the workbench views; hidden while there is only one. */
export function ViewTabs() {
  const view = useNavigation((s) => s.view);
  const show = useNavigation((s) => s.show);
  if (VIEWS.length < 2) return null;
  return (
    <nav className="view-tabs" aria-label="Views" data-testid="view-tabs">
      {VIEWS.map((v, i) => (
        <button
          key={v.id}
          type="button"
          className={`view-tab${v.id === view ? ' is-active' : ''}`}
          aria-current={v.id === view ? 'page' : undefined}
          data-testid={`view-tab-${v.id}`}
          title={`${v.title} (Alt+${i + 1})`}
          onClick={() => show(v.id)}
        >
          {v.title}
        </button>
      ))}
    </nav>
  );
}
