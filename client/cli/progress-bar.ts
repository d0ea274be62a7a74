// A one-line progress bar for terminals: redrawn in place on a TTY, quiet otherwise.
export interface ProgressBar {
  update(done: number, total: number, suffix?: string): void;
  clear(): void;
}

export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr, width = 30): ProgressBar {
  let lastDraw = 0;
  return {
    update(done, total, suffix = '') {
      if (!stream.isTTY) return;
      const now = Date.now();
      if (now - lastDraw < 100 && done < total) return;
      lastDraw = now;
      const fraction = total > 0 ? Math.min(1, done / total) : 0;
      const filled = Math.round(fraction * width);
      const bar = `${'#'.repeat(filled)}${'-'.repeat(width - filled)}`;
      stream.write(`\r${label} [${bar}] ${(fraction * 100).toFixed(0).padStart(3)}% ${suffix}\x1b[K`);
    },
    clear() {
      if (stream.isTTY) stream.write('\r\x1b[K');
    },
  };
}
