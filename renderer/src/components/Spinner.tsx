export function Spinner({ label, inline = false }: { label?: string; inline?: boolean }) {
  return (
    <span className={inline ? 'spinner spinner-inline' : 'spinner'} role="status" aria-live="polite">
      <span className="spinner-ring" aria-hidden="true" />
      {label && <span className="spinner-label">{label}</span>}
    </span>
  );
}
