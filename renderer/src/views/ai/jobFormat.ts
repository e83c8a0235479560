import type { JobStatus, Provider, Selection } from '../../../../shared/contract/llm';
import { formatCount } from '../../format/count';

// How the AI coding pages write money, tokens, durations, selections and providers.

/** Dollars with as many decimals as a small sum needs: $0.0042, $0.35, $12.40. */
export function formatUsd(usd: number | null | undefined): string {
  if (usd === null || usd === undefined) return '—';
  if (usd === 0) return '$0.00';
  const abs = Math.abs(usd);
  const digits = abs < 0.01 ? 4 : abs < 1 ? 3 : 2;
  return `$${usd.toFixed(digits)}`;
}

const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });

/** Token counts: exact up to 100,000, compact beyond (1.2M). */
export const formatTokens = (n: number): string => (n < 100_000 ? formatCount(n) : compact.format(n));

/** Seconds as "45 s", "3 min 20 s", "1 h 05 min". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

export function formatRate(perSecond: number | null | undefined): string {
  if (perSecond === null || perSecond === undefined) return '—';
  return `${perSecond < 10 ? perSecond.toFixed(1) : Math.round(perSecond)} seg/s`;
}

export function selectionLabel(s: Selection): string {
  if (s.kind === 'all') return 'All segments';
  if (s.kind === 'sample') return `Sample “${s.name}”`;
  const parts = [
    ...(s.attributes ?? []).map((a) => `${a.name} = ${a.value}`),
    ...(s.speakers?.length ? [`speaker: ${s.speakers.join(', ')}`] : []),
    ...(s.documentIds?.length ? [`${s.documentIds.length} documents`] : []),
  ];
  return parts.length ? `Filter: ${parts.join('; ')}` : 'All segments';
}

export const STATUS_LABELS: Record<JobStatus, string> = {
  queued: 'Queued',
  running: 'Running',
  paused: 'Paused',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Cancelled',
  budget_exceeded: 'Budget reached',
};

/** Jobs whose figures still move. */
export const isActive = (status: JobStatus): boolean => status === 'running' || status === 'queued';

/** Jobs that can be continued (what is left, and failed segments again). */
export const canResume = (status: JobStatus): boolean =>
  status === 'paused' || status === 'failed' || status === 'budget_exceeded' || status === 'cancelled';

export function providerLabel(p: Provider): string {
  if (p.kind === 'openai' && !p.baseURL) return 'OpenAI';
  const kind = p.kind === 'azure' ? 'Azure OpenAI' : p.kind === 'openai' ? 'OpenAI' : 'Compatible';
  return p.baseURL ? `${kind} · ${hostOf(p.baseURL)}` : kind;
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export const shortHash = (hash: string): string => hash.slice(0, 10);

const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
const dayAndTime = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
});

/** "14:37" today, "Nov 21, 09:12" before. */
export function formatWhen(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toDateString() === new Date().toDateString() ? timeOnly.format(d) : dayAndTime.format(d);
}
