// A volunteer's name on the dashboard: anonymous, random per session, tagged with where it runs.
export function newVolunteerId(prefix: 'web' | 'node'): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return `${prefix}-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
