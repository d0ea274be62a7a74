// The commit a result comes from, so a published number names the code that made it; "dirty"
// marks a work tree with uncommitted changes to tracked files (such a result cannot be remade).
import { execFileSync } from 'node:child_process';

export interface SourceCommit {
  commit: string;
  dirty: boolean;
}

export function sourceCommit(): SourceCommit {
  const git = (...args: string[]): string => execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    return { commit: git('rev-parse', 'HEAD'), dirty: git('status', '--porcelain', '--untracked-files=no').length > 0 };
  } catch {
    return { commit: 'unknown (not a git checkout)', dirty: false };
  }
}
