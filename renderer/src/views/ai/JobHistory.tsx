import { formatCount } from '../../format/count';
import { formatDateTime } from '../../format/time';
import { useJobs } from '../../stores/jobs';
import { formatTokens, formatUsd, selectionLabel } from './jobFormat';
import { StatusBadge } from './JobProgressPanel';

/** Every labeling job of the project, newest first; a row shows its progress and failures above. */
export function JobHistory() {
  const jobs = useJobs((s) => s.jobs);
  const selectedJobId = useJobs((s) => s.selectedJobId);
  const selectJob = useJobs((s) => s.selectJob);
  if (jobs.length === 0) return null;

  return (
    <section className="ai-card" aria-labelledby="ai-jobs-title" data-testid="job-history">
      <header className="ai-card-head">
        <div className="ai-card-title">
          <h2 id="ai-jobs-title">Jobs</h2>
          <span className="ai-count">{jobs.length}</span>
        </div>
        <p className="ai-card-hint">Select a job to see its figures and failures.</p>
      </header>
      <div className="ai-table-wrap">
        <table className="ai-table">
          <thead>
            <tr>
              <th scope="col" className="num">
                #
              </th>
              <th scope="col">AI coder</th>
              <th scope="col">Segments</th>
              <th scope="col">Status</th>
              <th scope="col" className="num">
                Done
              </th>
              <th scope="col" className="num">
                Failed
              </th>
              <th scope="col" className="num">
                Labels
              </th>
              <th scope="col" className="num">
                Tokens in / out
              </th>
              <th scope="col" className="num">
                Cost
              </th>
              <th scope="col">Started</th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((j) => {
              const selected = j.id === selectedJobId;
              return (
                <tr
                  key={j.id}
                  className={selected ? 'is-selected' : undefined}
                  aria-selected={selected}
                  data-testid="job-row"
                  data-job-id={j.id}
                  onClick={() => selectJob(j.id)}
                >
                  <td className="num">
                    <button
                      type="button"
                      className="ai-row-name"
                      aria-pressed={selected}
                      aria-label={`Show job ${j.id}`}
                      onClick={(e) => {
                        e.stopPropagation();
                        selectJob(j.id);
                      }}
                    >
                      {j.id}
                    </button>
                  </td>
                  <td className="truncate">
                    {j.coderName} <span className="muted mono small">{j.model}</span>
                  </td>
                  <td className="truncate">{selectionLabel(j.selection)}</td>
                  <td>
                    <StatusBadge job={j} />
                  </td>
                  <td className="num">
                    {formatCount(j.segmentsDone)} / {formatCount(j.segmentsTotal)}
                  </td>
                  <td className={`num${j.failed > 0 ? ' ai-tone-bad' : ''}`}>{formatCount(j.failed)}</td>
                  <td className="num">{formatCount(j.labels)}</td>
                  <td className="num">
                    {formatTokens(j.inputTokens)} / {formatTokens(j.outputTokens)}
                  </td>
                  <td className="num">{formatUsd(j.costUsd)}</td>
                  <td className="muted">{formatDateTime(j.createdAt)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
