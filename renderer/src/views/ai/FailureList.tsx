import { formatCount } from '../../format/count';
import { useJobs } from '../../stores/jobs';
import { useNavigation } from '../../stores/navigation';
import { useReader } from '../../stores/reader';

/** Plain words for the engine's per-segment error codes; the provider's message follows. */
const REASONS: Record<string, string> = {
  context_length: 'Too long for the model',
  content_filter: 'Refused by content filter',
  bad_request: 'Request refused',
  rate_limited: 'Still rate-limited',
  server: 'Server errors',
  timeout: 'Timed out',
  connection: 'Connection failed',
  unknown: 'Unexpected error',
  malformed: 'Malformed answer',
  truncated: 'Answer cut off',
  schema: 'Answer off the schema',
  unknown_code: 'Codes outside the codebook',
  empty: 'Empty answer',
  duplicate_code: 'Code decided twice',
  missing_code: 'Codes missing from answer',
  missing_segment: 'Segment deleted',
};

const reasonOf = (code: string | null) => (code ? (REASONS[code] ?? code.replace(/_/g, ' ')) : 'Failed');

async function openSegment(documentId: number, segmentIndex: number) {
  useNavigation.getState().show('documents');
  await useReader.getState().open(documentId);
  useReader.getState().focus(segmentIndex);
}

/** Segments of the selected job that failed, with why; a resume retries them. */
export function FailureList() {
  const failures = useJobs((s) => s.failures);
  const jobId = useJobs((s) => s.selectedJobId);
  if (!failures || failures.jobId !== jobId || failures.total === 0) return null;
  const left = failures.total - failures.items.length;

  return (
    <section className="ai-card" aria-labelledby="ai-failures-title" data-testid="job-failures">
      <header className="ai-card-head">
        <div className="ai-card-title">
          <h2 id="ai-failures-title">Failed segments</h2>
          <span className="ai-count ai-count-bad" data-testid="failures-total">
            {formatCount(failures.total)}
          </span>
        </div>
        <p className="ai-card-hint">
          No label was stored for these. Fix the cause if it is on your side, then resume the job: only these
          segments are asked again.
        </p>
      </header>
      <div className="ai-table-wrap ai-failures-scroll">
        <table className="ai-table">
          <thead>
            <tr>
              <th scope="col">Document</th>
              <th scope="col" className="num">
                Segment
              </th>
              <th scope="col">Reason</th>
              <th scope="col">Details</th>
              <th
                scope="col"
                className="num"
                title="Runs of the job that tried this segment, each with its own retries"
              >
                Runs
              </th>
              <th scope="col">
                <span className="ai-visually-hidden">Open</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {failures.items.map((f) => (
              <tr key={f.itemId} data-testid="failure-row">
                <td className="truncate" title={f.documentName}>
                  {f.documentName}
                </td>
                <td className="num">#{f.segmentIndex + 1}</td>
                <td>
                  <span className="ai-reason" data-testid="failure-reason">
                    {reasonOf(f.errorCode)}
                  </span>
                </td>
                <td className="ai-failure-detail" title={f.error ?? undefined}>
                  {f.error ?? '—'}
                </td>
                <td className="num">{f.attempts}</td>
                <td className="ai-row-actions">
                  <button
                    type="button"
                    className="btn btn-ghost btn-small"
                    onClick={() => void openSegment(f.documentId, f.segmentIndex)}
                  >
                    Open
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {left > 0 && (
        <div className="ai-card-foot">
          <button
            type="button"
            className="btn btn-small"
            disabled={failures.loading}
            onClick={() => void useJobs.getState().loadFailures(failures.jobId, true)}
          >
            Show {formatCount(Math.min(100, left))} more of {formatCount(left)}
          </button>
        </div>
      )}
    </section>
  );
}
