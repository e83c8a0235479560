import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is a plain static bundle: loaded from a custom protocol in the desktop
// app and from `concord serve` in browser mode, hence relative asset URLs.
export default defineConfig({
  // import.meta.dirname, not node:path: the renderer folder stays free of Node imports
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
  },
  server: {
    // the contract lives in ../shared
    fs: { allow: ['..'] },
  },
});
