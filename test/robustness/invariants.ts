/**
 * The promises every quote record makes about the text it came from, checked against the text itself.
 * Shared by the property tests and the pathological-input worker; returns readable violations, empty when all hold.
 */
import type { ArticleContext } from '../../pipeline/context.ts';
import type { QuoteRecord } from '../../pipeline/records.ts';

const LINE_BREAK = /[\r\n]/;
const show = (text: string | null): string => JSON.stringify(text && text.length > 80 ? `${text.slice(0, 40)}…${text.slice(-40)}` : text);

export function recordViolations(text: string, ctx: ArticleContext, records: QuoteRecord[]): string[] {
  const problems: string[] = [];
  const codePoints = Array.from(text);
  const length = codePoints.length;
  const slice = (start: number, end: number): string => codePoints.slice(start, end).join('');
  const span = (label: string, start: number | null, end: number | null, expected: string | null, id: string): void => {
    if (start === null && end === null && expected === null) return;
    if (start === null || end === null) { problems.push(`${id}: ${label} has only one offset (${start}, ${end})`); return; }
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || start > end || end > length) {
      problems.push(`${id}: ${label} [${start}, ${end}) is not inside the text (${length} code points)`);
      return;
    }
    const actual = slice(start, end);
    if (actual !== expected) problems.push(`${id}: ${label} [${start}, ${end}) reads ${show(actual)} but the record says ${show(expected)}`);
  };

  if (records.length !== ctx.quotes.length) problems.push(`${records.length} records for ${ctx.quotes.length} quotes`);
  records.forEach((record, index) => {
    const id = `record ${index} (${record.kind}, ${record.rule ?? 'no rule'})`;
    span('quote', record.start, record.end, record.text, id);
    span('speaker mention', record.speaker_mention_start, record.speaker_mention_end, record.speaker_mention, id);
    span('cue', record.cue_start, record.cue_end, record.cue, id);
    if ((record.cue === null) !== (record.cue_class === null)) problems.push(`${id}: cue ${show(record.cue)} with cue_class ${String(record.cue_class)}`);

    const quote = ctx.quotes[index];
    const paragraph = ctx.paragraphs[record.paragraph];
    if (!paragraph) problems.push(`${id}: paragraph ${record.paragraph} does not exist`);
    // A quote that runs over several paragraphs is one record per paragraph segment, linked by `utterance`;
    // a continuation may not cross a line break either, it is only exempt from naming its own paragraph.
    if (LINE_BREAK.test(record.text)) problems.push(`${id}: ${show(record.text)} crosses a line break`);
    if (record.rule !== 'continuation-paragraph' && quote && paragraph && (quote.start < paragraph.start || quote.end > paragraph.end)) {
      problems.push(`${id}: ${show(record.text)} is not inside paragraph ${record.paragraph}`);
    }
    if (!(record.sentence >= 0 && record.sentence < ctx.sentences.length)) problems.push(`${id}: sentence ${record.sentence} does not exist`);
    if (!(record.confidence >= 0 && record.confidence <= 1)) problems.push(`${id}: confidence ${record.confidence}`);
    if (record.text.length === 0) problems.push(`${id}: empty quote`);
  });

  const direct = records.filter((r) => r.kind === 'direct').sort((a, b) => a.start - b.start || a.end - b.end);
  for (let k = 1; k < direct.length; k++) {
    const previous = direct[k - 1];
    const current = direct[k];
    if (previous && current && current.start < previous.end) {
      problems.push(`direct quotes overlap: [${previous.start}, ${previous.end}) ${show(previous.text)} and [${current.start}, ${current.end}) ${show(current.text)}`);
    }
  }
  return problems;
}
