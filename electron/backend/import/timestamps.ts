// Clock times as transcripts write them: `01:02:03`, `1:02:03.450`, `02:03,450` (SRT uses
// a comma), `75:30` (minutes may exceed 59 when there is no hour field).

const CLOCK = /^(?:(\d{1,3}):)?(\d{1,3}):(\d{2})(?:[.,](\d{1,3}))?$/;

/** Seconds for a clock time, or null when `value` is not one. */
export function clockToSeconds(value: string): number | null {
  const m = CLOCK.exec(value.trim());
  if (!m) return null;
  const [, h, min, s, frac] = m;
  const minutes = Number(min);
  const seconds = Number(s);
  if (seconds >= 60 || (h !== undefined && minutes >= 60)) return null;
  const fraction = frac ? Number(frac) / 10 ** frac.length : 0;
  return Number(h ?? 0) * 3600 + minutes * 60 + seconds + fraction;
}

/** Seconds from either a plain number (`12.5`) or a clock time; null when neither. */
export function secondsFromCell(value: string): number | null {
  const v = value.trim();
  if (/^\d+(?:\.\d+)?$/.test(v)) return Number(v);
  return clockToSeconds(v);
}
