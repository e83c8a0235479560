import { FIGURE_FONT, INK, INK_2, INK_3 } from './groupColors';

// A figure for a report, as one standalone SVG: title, subtitle, legend, the Plot
// panels stacked, and notes. The same SVG becomes the PNG (drawn on a canvas at 2×).

const SVG_NS = 'http://www.w3.org/2000/svg';
const PAD = 24;

export type LegendItem =
  | { kind: 'swatch'; color: string; label: string; opacity?: number }
  | { kind: 'whisker'; label: string }
  | { kind: 'text'; label: string };

export interface FigurePanel {
  heading?: string;
  svg: SVGSVGElement;
}

export interface FigureSpec {
  title: string;
  subtitle: string;
  legend: LegendItem[];
  panels: FigurePanel[];
  notes: string[];
}

function el<K extends keyof SVGElementTagNameMap>(
  name: K,
  attrs: Record<string, string | number>,
  text?: string,
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Greedy line breaking by an average glyph width: SVG text does not wrap by itself. */
export function wrapText(text: string, width: number, fontSize: number): string[] {
  const maxChars = Math.max(20, Math.floor(width / (fontSize * 0.53)));
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > maxChars) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

function legendRow(items: LegendItem[], y: number): { g: SVGGElement; height: number } {
  const g = el('g', { transform: `translate(${PAD},${y})`, 'font-size': 12, fill: INK_2 });
  let x = 0;
  for (const item of items) {
    if (item.kind === 'swatch') {
      g.append(
        el('rect', { x, y: 2, width: 14, height: 10, fill: item.color, 'fill-opacity': item.opacity ?? 1 }),
      );
      x += 20;
    } else if (item.kind === 'whisker') {
      g.append(
        el('path', {
          d: `M${x},3v8M${x},7h18M${x + 18},3v8`,
          stroke: INK,
          'stroke-width': 1.2,
          fill: 'none',
        }),
      );
      x += 24;
    }
    g.append(el('text', { x, y: 11 }, item.label));
    x += item.label.length * 6.4 + 22;
  }
  return { g, height: 18 };
}

export function composeFigure(spec: FigureSpec): SVGSVGElement {
  const width = Math.max(...spec.panels.map((p) => Number(p.svg.getAttribute('width')) || 0), 640) + 2 * PAD;
  const inner = width - 2 * PAD;
  const svg = el('svg', {
    xmlns: SVG_NS,
    width,
    'font-family': FIGURE_FONT,
    fill: INK,
  });
  const body = el('g', {});
  let y = PAD;

  body.append(el('text', { x: PAD, y: y + 16, 'font-size': 17, 'font-weight': 650 }, spec.title));
  y += 26;
  for (const line of wrapText(spec.subtitle, inner, 13)) {
    body.append(el('text', { x: PAD, y: y + 13, 'font-size': 13, fill: INK_2 }, line));
    y += 18;
  }
  y += 8;
  if (spec.legend.length) {
    const legend = legendRow(spec.legend, y);
    body.append(legend.g);
    y += legend.height + 14;
  }

  for (const panel of spec.panels) {
    if (panel.heading) {
      body.append(el('text', { x: PAD, y: y + 13, 'font-size': 13, 'font-weight': 650 }, panel.heading));
      y += 22;
    }
    const copy = panel.svg.cloneNode(true) as SVGSVGElement;
    const h = Number(copy.getAttribute('height')) || 0;
    copy.setAttribute('x', String(PAD));
    copy.setAttribute('y', String(y));
    body.append(copy);
    y += h + 14;
  }

  y += 4;
  for (const note of spec.notes) {
    for (const line of wrapText(note, inner, 11)) {
      body.append(el('text', { x: PAD, y: y + 11, 'font-size': 11, fill: INK_3 }, line));
      y += 15;
    }
  }
  const height = Math.ceil(y + PAD - 6);
  svg.setAttribute('height', String(height));
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.append(el('rect', { width, height, fill: 'white' }), body);
  // interactive hooks of the on-screen chart have no place in a file
  svg.querySelectorAll('[tabindex]').forEach((n) => {
    n.removeAttribute('tabindex');
    n.removeAttribute('role');
  });
  return svg;
}

export function svgMarkup(svg: SVGSVGElement): string {
  const markup = new XMLSerializer().serializeToString(svg);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${markup}`;
}

/** Rasterizes a standalone SVG at `scale`× its size (2× keeps text sharp on slides and print). */
export async function svgToPng(svg: SVGSVGElement, scale = 2): Promise<Blob> {
  const width = Number(svg.getAttribute('width'));
  const height = Number(svg.getAttribute('height'));
  const url = URL.createObjectURL(new Blob([svgMarkup(svg)], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.decoding = 'sync';
    await new Promise<void>((ok, fail) => {
      image.onload = () => ok();
      image.onerror = () => fail(new Error('The chart could not be drawn as an image.'));
      image.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('This window cannot draw images (no 2D canvas).');
    ctx.scale(scale, scale);
    ctx.fillStyle = 'white';
    ctx.fillRect(0, 0, width, height);
    ctx.drawImage(image, 0, 0, width, height);
    return await new Promise<Blob>((ok, fail) =>
      canvas.toBlob(
        (blob) => (blob ? ok(blob) : fail(new Error('The PNG could not be encoded.'))),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
