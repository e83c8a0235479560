import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ErrorBoundary } from './components/ErrorBoundary';
import { initRpc } from './rpc/client';
import './styles/base.css';
import './styles/layout.css';
import './styles/reader.css';
import './styles/dialog.css';
import './styles/codebook.css';
import './styles/coding.css';
import './styles/ai.css';
import './styles/compare.css';
import './styles/calibration.css';
import './styles/review.css';

initRpc();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ErrorBoundary>
        <App />
      </ErrorBoundary>
    </StrictMode>,
  );
}
