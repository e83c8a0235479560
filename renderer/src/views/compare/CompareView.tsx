import { lazy, Suspense } from 'react';
import { Spinner } from '../../components/Spinner';

// The Compare view loads with its charting library (Observable Plot and d3) on first
// use, so the rest of the workbench starts without them.
const CompareReport = lazy(() => import('./CompareReport'));

export function CompareView() {
  return (
    <Suspense
      fallback={
        <div className="cmp-loading">
          <Spinner label="Loading the comparison…" />
        </div>
      }
    >
      <CompareReport />
    </Suspense>
  );
}
