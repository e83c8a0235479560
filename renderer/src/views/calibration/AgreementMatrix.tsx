import { Fragment, useMemo, useState } from 'react';
import type {
  AgreementEntryView,
  AgreementReportView,
  CodeFlag,
} from '../../../../shared/contract/calibration';
import { cellTitle, interval, metric, percent, STATUS_LABEL } from './formatMetric';

// The report as a matrix: one row per code (grouped under its family), the agreement
// metrics of one basis (a pair of coders, or all of them), each coder's prevalence, and
// for every AI coder its κ against the humans and precision / recall / F1 against the
// human reference; codes below the thresholds are flagged. Clicking a row drills down.

type MetricKey =
  | 'percent_agreement'
  | 'cohen_kappa'
  | 'krippendorff_alpha'
  | 'gwet_ac1'
  | 'brennan_prediger'
  | 'positive_agreement';

const METRICS: { key: MetricKey; label: string; title: string }[] = [
  { key: 'percent_agreement', label: '% agr.', title: 'Percent agreement' },
  { key: 'cohen_kappa', label: 'κ', title: "Cohen's κ (Fleiss' κ for more than two coders)" },
  { key: 'krippendorff_alpha', label: 'α', title: "Krippendorff's α (nominal)" },
  { key: 'gwet_ac1', label: 'AC1', title: "Gwet's AC1" },
  { key: 'brennan_prediger', label: 'BP', title: 'Brennan–Prediger' },
  {
    key: 'positive_agreement',
    label: 'Pos. agr.',
    title: 'Positive agreement (specific agreement on presence)',
  },
];

interface Basis {
  id: string;
  label: string;
  codes: AgreementEntryView[];
  overall: AgreementEntryView;
}

function basesOf(report: AgreementReportView): Basis[] {
  const pairs = report.pairs.map((p) => ({
    id: `${p.a}\u0000${p.b}`,
    label: `${p.a} × ${p.b}${p.kind === 'human-human' ? ' (human–human)' : ''}`,
    codes: p.codes,
    overall: p.overall,
    kind: p.kind,
  }));
  const all = { id: 'all', label: 'All coders together', codes: report.codes, overall: report.overall };
  const hh = pairs.filter((p) => p.kind === 'human-human');
  return report.pairs.length > 1
    ? [...hh, all, ...pairs.filter((p) => p.kind !== 'human-human')]
    : [...pairs, all];
}

function valueOf(e: AgreementEntryView, key: MetricKey): { value: number | null; ciKey: string } {
  if (key === 'cohen_kappa' && e.n_coders > 2)
    return { value: e.fleiss_kappa ?? null, ciKey: 'fleiss_kappa' };
  return { value: e[key], ciKey: key };
}

interface Props {
  report: AgreementReportView;
  selected: string | null;
  onPick(codeKey: string): void;
}

export function AgreementMatrix({ report, selected, onPick }: Props) {
  const bases = useMemo(() => basesOf(report), [report]);
  const [basisId, setBasisId] = useState<string | null>(null);
  const [showCi, setShowCi] = useState(false);
  const [onlyFlagged, setOnlyFlagged] = useState(false);
  const basis = bases.find((b) => b.id === basisId) ?? bases[0]!;
  const flags = useMemo(() => new Map(report.flags.codes.map((f) => [f.code_id, f])), [report]);
  const ais = report.ai_vs_reference;
  const coders = report.coders;
  const byKey = useMemo(() => new Map(basis.codes.map((c) => [c.code_id ?? c.code ?? '', c])), [basis]);
  const prevalence = useMemo(
    () => new Map(report.codes.map((c) => [c.code_id ?? '', c.prevalence])),
    [report],
  );

  // each family followed by its sub-codes (at any depth), in report order
  const rows = useMemo(() => {
    const out: { code: AgreementEntryView; depth: number }[] = [];
    const walk = (parent: string | null, depth: number) => {
      for (const c of report.codes.filter((x) => (x.parent_id ?? null) === parent)) {
        out.push({ code: c, depth });
        walk(c.code_id ?? '', depth + 1);
      }
    };
    walk(null, 0);
    return out;
  }, [report]);

  const isFlagged = (f: CodeFlag | undefined) =>
    !!f && (f.ai.length ? f.ai.some((a) => a.status !== 'ready') : f.status !== 'ready');

  const renderRow = (code: AgreementEntryView, depth: number) => {
    const key = code.code_id ?? '';
    const entry = byKey.get(key);
    const flag = flags.get(key);
    const flagged = isFlagged(flag);
    if (onlyFlagged && !flagged) return null;
    const status = flag
      ? flag.ai.length
        ? (flag.ai.find((a) => a.status !== 'ready')?.status ?? 'ready')
        : flag.status
      : null;
    const why = flag ? [...flag.ai.flatMap((a) => a.reasons), ...flag.notes].join('\n') : '';
    return (
      <tr
        key={key}
        style={depth > 1 ? { ['--depth' as string]: depth } : undefined}
        className={`cal-row${depth ? ' cal-row-child' : ' cal-row-family'}${flagged ? ' is-flagged' : ''}${selected === key ? ' is-selected' : ''}`}
        data-testid="agreement-row"
        data-code={key}
        data-flagged={flagged ? 'true' : 'false'}
        onClick={() => onPick(key)}
        tabIndex={0}
        onKeyDown={(e) => {
          if (e.key === 'Enter') onPick(key);
        }}
        aria-selected={selected === key}
      >
        <th scope="row" className="cal-code">
          <span
            className="cal-swatch"
            style={{ background: code.color ?? 'var(--border-strong)' }}
            aria-hidden="true"
          />
          <span className="truncate" title={code.code}>
            {code.code}
          </span>
        </th>
        <td className="num muted">{entry?.n_units ?? '–'}</td>
        {METRICS.map((m) => {
          if (!entry)
            return (
              <td key={m.key} className="num muted">
                –
              </td>
            );
          const { value, ciKey } = valueOf(entry, m.key);
          const ci = entry.ci95?.[ciKey] ?? null;
          return (
            <td
              key={m.key}
              className={`num${value !== null && value < 0.4 && m.key !== 'percent_agreement' ? ' is-low' : ''}`}
              title={cellTitle(m.title, ci, entry.reasons[ciKey])}
              data-testid={`metric-${m.key}`}
            >
              {metric(value)}
              {showCi && ci && <span className="cal-ci">{interval(ci)}</span>}
            </td>
          );
        })}
        {coders.map((c) => (
          <td key={c.name} className="num muted" title={`${c.name}: share of segments with the code`}>
            {percent(prevalence.get(key)?.[c.name])}
          </td>
        ))}
        {ais.map((ai) => {
          const row = ai.codes.find((r) => r.code_id === key);
          const vs = flag?.ai.find((a) => a.coder === ai.coder);
          return (
            <Fragment key={ai.coder}>
              <td
                className="num cal-ai-first"
                title={`${ai.coder}: mean κ against each human coder`}
                data-testid="metric-ai-kappa"
              >
                {metric(vs?.vs_humans)}
              </td>
              <td
                className="num"
                title={
                  row?.reasons.precision ?? `TP ${row?.true_positives ?? 0}, FP ${row?.false_positives ?? 0}`
                }
              >
                {metric(row?.precision)}
              </td>
              <td
                className="num"
                title={
                  row?.reasons.recall ?? `TP ${row?.true_positives ?? 0}, FN ${row?.false_negatives ?? 0}`
                }
              >
                {metric(row?.recall)}
              </td>
              <td className="num" title={cellTitle('F1', row?.f1_ci95, row?.reasons.f1)}>
                {metric(row?.f1)}
              </td>
            </Fragment>
          );
        })}
        <td className="cal-status-cell">
          {status && (
            <span
              className={`cal-status cal-status-${status}`}
              data-testid="flag-status"
              data-status={status}
              title={why}
            >
              {STATUS_LABEL[status] ?? status}
            </span>
          )}
        </td>
      </tr>
    );
  };

  return (
    <section className="cal-matrix-wrap" aria-label="Agreement by code">
      <div className="cal-matrix-tools">
        <label className="field-inline">
          <span className="muted small">Metrics of</span>
          <select
            className="select input-small"
            value={basis.id}
            onChange={(e) => setBasisId(e.target.value)}
            data-testid="basis-select"
          >
            {bases.map((b) => (
              <option key={b.id} value={b.id}>
                {b.label}
              </option>
            ))}
          </select>
        </label>
        <label className="check-inline">
          <input type="checkbox" checked={showCi} onChange={(e) => setShowCi(e.target.checked)} />
          Show 95% intervals
        </label>
        <label className="check-inline">
          <input type="checkbox" checked={onlyFlagged} onChange={(e) => setOnlyFlagged(e.target.checked)} />
          Only flagged codes
        </label>
        <span className="spacer" />
        <span className="muted small">
          Hover a value for its interval; click a code for its disagreements.
        </span>
      </div>
      <div className="cal-matrix-scroll">
        <table className="cal-matrix" data-testid="agreement-matrix">
          <thead>
            <tr className="cal-head-groups">
              <th rowSpan={2} className="cal-code">
                Code
              </th>
              <th colSpan={METRICS.length + 1} className="cal-group">
                {basis.label}
              </th>
              <th colSpan={coders.length} className="cal-group">
                Prevalence
              </th>
              {ais.map((ai) => (
                <th key={ai.coder} colSpan={4} className="cal-group cal-ai-first">
                  {ai.coder} vs humans
                </th>
              ))}
              <th rowSpan={2}>Status</th>
            </tr>
            <tr>
              <th className="num" title="Segments compared">
                n
              </th>
              {METRICS.map((m) => (
                <th key={m.key} className="num" title={m.title}>
                  {m.label}
                </th>
              ))}
              {coders.map((c) => (
                <th key={c.name} className="num cal-coder-head" title={c.name}>
                  {initials(c.name)}
                </th>
              ))}
              {ais.map((ai) => (
                <Fragment key={ai.coder}>
                  <th className="num cal-ai-first" title="Mean Cohen's κ against each human coder">
                    κ
                  </th>
                  <th className="num" title={`Precision against ${referenceLabel(ai.reference)}`}>
                    P
                  </th>
                  <th className="num" title={`Recall against ${referenceLabel(ai.reference)}`}>
                    R
                  </th>
                  <th className="num">F1</th>
                </Fragment>
              ))}
            </tr>
          </thead>
          <tbody>
            <OverallRow basis={basis} report={report} />
            {rows.map(({ code, depth }) => renderRow(code, depth))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function OverallRow({ basis, report }: { basis: Basis; report: AgreementReportView }) {
  const e = basis.overall;
  return (
    <tr className="cal-row cal-row-overall" data-testid="agreement-overall">
      <th scope="row" className="cal-code">
        All codes (pooled)
      </th>
      <td className="num muted">{e.n_units}</td>
      {METRICS.map((m) => {
        const { value, ciKey } = valueOf(e, m.key);
        return (
          <td key={m.key} className="num" title={cellTitle(m.title, e.ci95?.[ciKey], e.reasons[ciKey])}>
            {metric(value)}
          </td>
        );
      })}
      {report.coders.map((c) => (
        <td key={c.name} className="num muted">
          {percent(report.overall.prevalence[c.name])}
        </td>
      ))}
      {report.ai_vs_reference.map((ai) => (
        <Fragment key={ai.coder}>
          <td className="num cal-ai-first">–</td>
          <td className="num">{metric(ai.overall.precision)}</td>
          <td className="num">{metric(ai.overall.recall)}</td>
          <td className="num">{metric(ai.overall.f1)}</td>
        </Fragment>
      ))}
      <td className="muted small">
        {report.flags.ready} ready · {report.flags.flagged} flagged
      </td>
    </tr>
  );
}

function initials(name: string): string {
  return name
    .replace(/\(.*?\)/g, '')
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase())
    .join('')
    .slice(0, 3);
}

function referenceLabel(ref: { kind: string; coders: string[] }): string {
  if (ref.kind === 'human_agreement') return `segments where ${ref.coders.join(' and ')} agree`;
  if (ref.kind === 'consensus') return `the consensus of ${ref.coders.join(', ')}`;
  return ref.coders.join(', ');
}
