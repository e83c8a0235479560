import type { LegendItem } from './figureExport';

/** The HTML twin of a figure's SVG legend (figureExport.ts draws the exported one). */
export function FigureLegend({ items }: { items: LegendItem[] }) {
  return (
    <ul className="cmp-legend" aria-label="Legend">
      {items.map((item) => (
        <li key={item.label}>
          {item.kind === 'swatch' && (
            <span
              className="cmp-legend-swatch"
              style={{ background: item.color, opacity: item.opacity ?? 1 }}
              aria-hidden="true"
            />
          )}
          {item.kind === 'whisker' && <span className="cmp-legend-whisker" aria-hidden="true" />}
          {item.label}
        </li>
      ))}
    </ul>
  );
}
