/** The summary line about what was found but not read, so that nothing is left out without a word. */
import type { RunSummary } from '../run.ts';

export function describeNotRead(summary: Pick<RunSummary, 'discovery'>): string | null {
  const { not_read: notRead, excluded, folders_not_searched: folders } = summary.discovery;
  const parts: string[] = [];
  if (notRead.count > 0) {
    const kinds = Object.entries(notRead.by_extension).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const shown = kinds.slice(0, 5).map(([ext, n]) => `${n} ${ext}`).join(', ');
    parts.push(`${notRead.count} files not read (${shown}${kinds.length > 5 ? ', …' : ''})`);
  }
  if (excluded.count > 0) parts.push(`${excluded.count} excluded`);
  if (folders.count > 0) parts.push(`${folders.count} folders not searched (${folders.sample.slice(0, 3).join(', ')}${folders.count > 3 ? ', …' : ''})`);
  return parts.length > 0 ? `${parts.join('; ')}: see run.json "discovery"` : null;
}
