/** What the report commands print. */
import type { ReportResult } from './write.ts';

export function describeReport(result: ReportResult): string {
  const size = result.bytes >= 1e6 ? `${(result.bytes / 1e6).toFixed(1)} MB` : `${Math.ceil(result.bytes / 1e3)} kB`;
  const lines = [`report: ${result.articles} articles, ${result.quotes} quotes, ${result.speakers} speakers → ${result.file} (${size})`];
  if (!result.hasText) lines.push('report: the output has no article texts, so the report lists each article\'s quotes; run extract with --article-text to see the texts highlighted');
  return lines.join('\n');
}
