import type { RenderFunction } from '@observablehq/plot';

// Plot draws one <rect> per datum, in the order of the mark's index. This render
// transform tags each rect with attributes derived from its datum, so a click (or Enter)
// on the figure can tell which code, group or school it hit.

export function tagRects<T>(
  data: readonly T[],
  attributes: (d: T) => Record<string, string>,
): RenderFunction {
  return (index, scales, values, dimensions, context, next) => {
    const g = next!(index, scales, values, dimensions, context);
    const rects = g?.querySelectorAll('rect') ?? [];
    rects.forEach((rect, i) => {
      const d = data[index[i]!];
      if (d === undefined) return;
      for (const [name, value] of Object.entries(attributes(d))) rect.setAttribute(name, value);
    });
    return g;
  };
}

/** Attributes that make a rect a keyboard-reachable button. */
export function buttonAttributes(label: string): Record<string, string> {
  return { tabindex: '0', role: 'button', 'aria-label': label };
}
