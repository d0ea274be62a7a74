// Colors live in dashboard.css as custom properties; the canvas needs them as values.
export function cssColor(property: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(property).trim();
  if (!value) throw new Error(`cssColor: dashboard.css defines no ${property}`);
  return value;
}
