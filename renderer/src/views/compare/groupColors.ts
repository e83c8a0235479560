// The two groups' colours (Okabe–Ito orange and blue: distinguishable with colour-vision
// deficiencies and in greyscale). Used by the table swatches and the figures, which
// must carry literal colours because they are exported as standalone SVG / PNG.
export const GROUP_COLORS = { a: '#d17a00', b: '#2a6fb0' } as const;

export const INK = '#1c2230';
export const INK_2 = '#454d5c';
export const INK_3 = '#6a7282';
export const RULE = '#e2e5ea';
export const FIGURE_FONT =
  "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', 'Noto Sans', 'Liberation Sans', Arial, sans-serif";
