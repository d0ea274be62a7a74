// The page's two status lines: an error banner in words, and the live connection state.
import type { Connection } from './live-progress.ts';

const CONNECTION_TEXT: Record<Connection, string> = { live: '● live', reconnecting: 'reconnecting…', ended: '' };

export function showError(message: string | null): void {
  const banner = document.querySelector<HTMLElement>('#error')!;
  banner.hidden = message === null;
  banner.textContent = message ?? '';
}

export function showConnection(state: Connection): void {
  document.querySelector<HTMLElement>('#connection')!.textContent = CONNECTION_TEXT[state];
}
