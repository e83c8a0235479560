import { useEffect, useRef, type KeyboardEvent, type MouseEvent } from 'react';

// Mounts an element made by Observable Plot and turns clicks (or Enter / Space) on its
// tagged marks into `onActivate(attributes)`. `build` must be stable (useCallback):
// the figure is rebuilt whenever it changes.

export function PlotFigure({
  build,
  onActivate,
  selected,
  className,
  testId,
}: {
  build: () => Element;
  onActivate?(target: Element): void;
  /** attribute values that mark the selected marks, e.g. { 'data-code': 'x' } */
  selected?: Record<string, string> | null;
  className?: string;
  testId?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const host = ref.current;
    if (!host) return;
    const node = build();
    host.replaceChildren(node);
    return () => node.remove();
  }, [build]);

  const selector = selected
    ? Object.entries(selected)
        .map(([name, value]) => `[${name}="${CSS.escape(value)}"]`)
        .join('')
    : null;
  useEffect(() => {
    const host = ref.current;
    if (!host) return;
    host.querySelectorAll('.is-selected').forEach((n) => n.classList.remove('is-selected'));
    if (selector) host.querySelectorAll(selector).forEach((n) => n.classList.add('is-selected'));
  }, [build, selector]);

  const hit = (target: EventTarget | null) =>
    target instanceof Element ? target.closest('[data-code]') : null;
  const onClick = (e: MouseEvent) => {
    const t = hit(e.target);
    if (t && onActivate) onActivate(t);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    const t = hit(e.target);
    if (!t || !onActivate) return;
    e.preventDefault();
    onActivate(t);
  };

  return (
    // the marks inside are the interactive elements (role=button, tabindex); this only delegates
    <div ref={ref} className={className} data-testid={testId} onClick={onClick} onKeyDown={onKeyDown} />
  );
}
