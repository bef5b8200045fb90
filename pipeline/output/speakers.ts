/**
 * speakers.jsonl: one line per `speaker_id`, gathered from the quotes as they are written. The id already says
 * whether a speaker is one across the corpus or one article's unresolved mention (schema/ids.ts), so a line is
 * never shared by two ids and merging quotes with speakers on `speaker_id` never multiplies rows.
 */
import type { QuoteRecord, SpeakerRecord } from '../schema/records.ts';

interface Aggregate {
  name: string;
  type: SpeakerRecord['type'];
  scope: SpeakerRecord['scope'];
  roles: Set<string>;
  mentions: Set<string>;
  quotes: number;
  articles: Set<string>;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export class SpeakerTable {
  private readonly byId = new Map<string, Aggregate>();

  add(quote: QuoteRecord): void {
    if (quote.speaker === null || quote.speaker_id === null) return;
    let aggregate = this.byId.get(quote.speaker_id);
    if (!aggregate) {
      aggregate = { name: quote.speaker, type: quote.speaker_type, scope: quote.resolution === 'mention' ? 'article' : 'corpus', roles: new Set(), mentions: new Set(), quotes: 0, articles: new Set() };
      this.byId.set(quote.speaker_id, aggregate);
    }
    if (quote.speaker_role) aggregate.roles.add(quote.speaker_role);
    if (quote.speaker_mention) aggregate.mentions.add(quote.speaker_mention);
    aggregate.quotes++;
    aggregate.articles.add(quote.article_id);
  }

  get size(): number {
    return this.byId.size;
  }

  /** Most quoted first, then by name, then (one article's "company" and another's) by article: the same order every run. */
  records(): SpeakerRecord[] {
    return [...this.byId.entries()]
      .map(([id, s]) => ({ speaker_id: id, name: s.name, type: s.type, scope: s.scope, roles: [...s.roles].sort(), mentions: [...s.mentions].sort(), quotes: s.quotes, articles: [...s.articles].sort() }))
      .sort((a, b) => b.quotes - a.quotes || a.name.localeCompare(b.name) || compare(a.articles[0] ?? '', b.articles[0] ?? '') || compare(a.speaker_id, b.speaker_id));
  }
}
