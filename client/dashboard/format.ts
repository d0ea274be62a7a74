// Numbers as the dashboard shows them: counts with SI prefixes, percents, rates, durations and
// counted nouns.

/** 1234 -> "1.23 k", 25_600_000 -> "25.6 M": three significant digits. */
export function formatCount(value: number): string {
  const units = ['', ' k', ' M', ' G', ' T'];
  let scaled = value;
  let unit = 0;
  while (Math.abs(scaled) >= 1000 && unit < units.length - 1) {
    scaled /= 1000;
    unit++;
  }
  const text = unit === 0 ? String(Math.round(scaled)) : scaled.toPrecision(3);
  return `${text}${units[unit]}`;
}

export const formatPercent = (value: number | null): string => (value === null ? '–' : `${value.toFixed(2)}%`);

export const formatRate = (imagesPerSecond: number | null): string =>
  imagesPerSecond === null ? '–' : `${imagesPerSecond >= 100 ? Math.round(imagesPerSecond) : imagesPerSecond.toFixed(1)} img/s`;

/** 75 -> "1 min 15 s", 7300 -> "2 h 1 min". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}

/** 1 -> "1 volunteer", 3 -> "3 volunteers": for nouns whose plural adds an s. */
export const counted = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;
