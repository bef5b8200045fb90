/**
 * The report page's script. It runs in the browser: `npm run report:client` turns this file into
 * client-script.ts (types stripped), which the template inlines; a test checks that the two agree.
 * It reads the data (data.ts) from the page's JSON block and draws one page of each list at a time, so that a
 * report of 10,000 articles holds ten article texts in the document, not 10,000. Text from the articles is set as
 * text (textContent), never as HTML.
 */
import type { ReportArticle, ReportData, ReportQuote, ReportSpeaker } from './data.ts';

export const ARTICLES_PER_PAGE = 10;
export const SPEAKERS_PER_PAGE = 50;
export const FAILED_PER_PAGE = 50;

export interface Segment {
  from: number;
  to: number;
  /** Index (in the list given) of the quote, the cue's quote and the mention's quote covering the segment; -1: none. */
  quote: number;
  cue: number;
  mention: number;
}

export interface QuoteSpans { start: number; end: number; cue_start: number; cue_end: number; mention_start: number; mention_end: number }

/**
 * Cuts a text of `length` into segments on every quote, cue and mention boundary, so that overlapping marks need
 * no nesting: each segment says which quote, cue and mention cover it (the one starting last wins). Adjacent
 * segments covered alike are merged.
 */
export function segmentText(length: number, quotes: QuoteSpans[]): Segment[] {
  type Mark = { from: number; to: number; index: number };
  const valid = (from: number, to: number): boolean => from >= 0 && to > from && to <= length;
  const marks = { quote: [] as Mark[], cue: [] as Mark[], mention: [] as Mark[] };
  const cuts = new Set<number>([0, length]);
  quotes.forEach((q, index) => {
    const add = (list: Mark[], from: number, to: number): void => {
      if (!valid(from, to)) return;
      list.push({ from, to, index });
      cuts.add(from);
      cuts.add(to);
    };
    add(marks.quote, q.start, q.end);
    add(marks.cue, q.cue_start, q.cue_end);
    add(marks.mention, q.mention_start, q.mention_end);
  });
  const covering = (list: Mark[], from: number, to: number): number => {
    let best: Mark | null = null;
    for (const mark of list) if (mark.from <= from && to <= mark.to && (best === null || mark.from >= best.from)) best = mark;
    return best === null ? -1 : best.index;
  };
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i] as number;
    const to = points[i + 1] as number;
    const segment: Segment = { from, to, quote: covering(marks.quote, from, to), cue: covering(marks.cue, from, to), mention: covering(marks.mention, from, to) };
    const last = segments[segments.length - 1];
    if (last && last.to === from && last.quote === segment.quote && last.cue === segment.cue && last.mention === segment.mention) last.to = to;
    else segments.push(segment);
  }
  return segments;
}

/** Speaker colours: a light background for the quote, a dark one for the underlines. */
export const background = (speaker: ReportSpeaker | undefined): string => (speaker ? `hsl(${speaker.hue} 85% 85%)` : 'hsl(0 0% 88%)');
export const foreground = (speaker: ReportSpeaker | undefined): string => (speaker ? `hsl(${speaker.hue} 70% 30%)` : 'hsl(0 0% 35%)');

type SortKey = 'name' | 'type' | 'quotes' | 'articles' | 'mentions' | 'roles';

function main(): void {
  const dataNode = document.getElementById('report-data');
  if (!dataNode?.textContent) throw new Error('report: the data block is missing');
  const data = JSON.parse(dataNode.textContent) as ReportData;
  const readable = data.articles.filter((article) => article.status === 'ok');
  const notRead = data.articles.filter((article) => article.status !== 'ok');

  const state = {
    speakerFilter: '',
    sort: { key: 'quotes' as SortKey, descending: true },
    speakerPage: 0,
    articleFilter: '',
    articlePage: 0,
    selected: -1,
    status: '',
    failedPage: 0,
  };

  const byId = <T extends HTMLElement>(id: string): T => {
    const node = document.getElementById(id);
    if (!node) throw new Error(`report: #${id} is missing`);
    return node as T;
  };

  function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, string> = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(props)) {
      if (name === 'class') node.className = value;
      else if (name === 'style') node.setAttribute('style', value);
      else node.setAttribute(name, value);
    }
    node.append(...children);
    return node;
  }

  const speakerLabel = (speaker: ReportSpeaker): string => speaker.name;
  const quoteTitle = (quote: ReportQuote): string => {
    const speaker = data.speakers[quote.speaker];
    return [
      `${quote.kind} quote · ${speaker ? speakerLabel(speaker) : 'no speaker'}`,
      `rule: ${quote.rule ?? 'none'} · resolution: ${quote.resolution} · confidence: ${quote.confidence}`,
    ].join('\n');
  };

  function pager(nav: HTMLElement, page: number, total: number, perPage: number, noun: string, go: (page: number) => void): void {
    const pages = Math.max(1, Math.ceil(total / perPage));
    const previous = el('button', { type: 'button', class: 'prev' }, '‹ previous');
    const next = el('button', { type: 'button', class: 'next' }, 'next ›');
    previous.disabled = page <= 0;
    next.disabled = page >= pages - 1;
    previous.addEventListener('click', () => go(page - 1));
    next.addEventListener('click', () => go(page + 1));
    const from = total === 0 ? 0 : page * perPage + 1;
    const to = Math.min(total, (page + 1) * perPage);
    nav.replaceChildren(previous, el('span', { class: 'position' }, `${from}–${to} of ${total} ${noun} · page ${page + 1} of ${pages}`), next);
  }

  // --- the speaker table ---------------------------------------------------------------------------------

  const sortValue = (speaker: ReportSpeaker, key: SortKey): string | number => {
    switch (key) {
      case 'name': return speaker.name.toLowerCase();
      case 'type': return speaker.type ?? '';
      case 'quotes': return speaker.quotes;
      case 'articles': return speaker.articles;
      case 'mentions': return speaker.mentions.length;
      case 'roles': return speaker.roles.length;
    }
  };

  /** A few of a list, the rest on hover: a speaker with forty mentions keeps a row of normal height. */
  const SHOWN = 4;
  const listCell = (items: string[]): HTMLElement => el('td', { class: 'list', title: items.join('\n') },
    items.slice(0, SHOWN).join(' · ') + (items.length > SHOWN ? ` · +${items.length - SHOWN} more` : ''));

  function visibleSpeakers(): number[] {
    const needle = state.speakerFilter.trim().toLowerCase();
    const indexes: number[] = [];
    data.speakers.forEach((speaker, index) => {
      if (needle === '' || [speaker.name, speaker.type ?? '', ...speaker.mentions, ...speaker.roles].some((text) => text.toLowerCase().includes(needle))) indexes.push(index);
    });
    const { key, descending } = state.sort;
    return indexes.sort((a, b) => {
      const x = sortValue(data.speakers[a] as ReportSpeaker, key);
      const y = sortValue(data.speakers[b] as ReportSpeaker, key);
      const order = x < y ? -1 : x > y ? 1 : 0;
      return (descending ? -order : order) || a - b;
    });
  }

  function drawSpeakers(): void {
    const indexes = visibleSpeakers();
    const pages = Math.max(1, Math.ceil(indexes.length / SPEAKERS_PER_PAGE));
    state.speakerPage = Math.min(state.speakerPage, pages - 1);
    const rows = indexes.slice(state.speakerPage * SPEAKERS_PER_PAGE, (state.speakerPage + 1) * SPEAKERS_PER_PAGE).map((index) => {
      const speaker = data.speakers[index] as ReportSpeaker;
      const row = el('tr', { 'data-speaker': speaker.key, 'data-index': String(index), class: index === state.selected ? 'chosen' : '', title: 'Show this speaker\'s quotes' },
        el('td', {}, el('span', { class: 'swatch', style: `background:${background(speaker)}` }), speaker.name),
        el('td', {}, speaker.type ?? ''),
        el('td', { class: 'number' }, String(speaker.quotes)),
        el('td', { class: 'number' }, String(speaker.articles)),
        listCell(speaker.mentions),
        listCell(speaker.roles));
      const toggle = (): void => choose(index === state.selected ? -1 : index);
      row.tabIndex = 0;
      row.addEventListener('click', toggle);
      row.addEventListener('keydown', (event) => { if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); toggle(); } });
      return row;
    });
    byId('speaker-rows').replaceChildren(...rows);
    byId('speaker-count').textContent = indexes.length === data.speakers.length ? `${data.speakers.length}` : `${indexes.length} of ${data.speakers.length}`;
    for (const button of document.querySelectorAll<HTMLButtonElement>('#speakers th button')) {
      const key = button.dataset.sort as SortKey;
      button.dataset.direction = key === state.sort.key ? (state.sort.descending ? 'descending' : 'ascending') : '';
    }
    pager(byId('speaker-pager'), state.speakerPage, indexes.length, SPEAKERS_PER_PAGE, 'speakers', (page) => { state.speakerPage = page; drawSpeakers(); });
  }

  // --- the articles --------------------------------------------------------------------------------------

  function visibleArticles(): ReportArticle[] {
    const needle = state.articleFilter.trim().toLowerCase();
    return readable.filter((article) =>
      (state.selected < 0 || article.speakers.includes(state.selected))
      && (needle === '' || [article.id, article.title ?? '', article.source_path ?? ''].some((text) => text.toLowerCase().includes(needle))));
  }

  function quoteNode(quote: ReportQuote, classes: string[], text: string): HTMLElement {
    const speaker = data.speakers[quote.speaker];
    const node = el('span', {
      class: [...classes, quote.speaker >= 0 && quote.speaker === state.selected ? 'sel' : ''].join(' ').trim(),
      'data-quote': quote.id,
      'data-speaker': speaker?.key ?? '',
      style: `--bg:${background(speaker)};--fg:${foreground(speaker)}`,
      title: quoteTitle(quote),
    }, text);
    return node;
  }

  function articleText(article: ReportArticle, quotes: ReportQuote[], text: string): HTMLElement {
    const body = el('div', { class: 'text' });
    for (const segment of segmentText(text.length, quotes)) {
      const piece = text.slice(segment.from, segment.to);
      const owner = segment.quote >= 0 ? segment.quote : segment.cue >= 0 ? segment.cue : segment.mention;
      const quote = quotes[owner];
      if (!quote) { body.append(piece); continue; }
      const classes = [segment.quote >= 0 ? 'q' : '', segment.cue >= 0 ? 'cue' : '', segment.mention >= 0 ? 'mention' : ''].filter(Boolean);
      // A cue or mention inside another quote's span is underlined in its own speaker's colour.
      const underline = quotes[segment.cue >= 0 ? segment.cue : segment.mention];
      const node = quoteNode(quote, classes, piece);
      if (underline && underline !== quote) node.style.setProperty('--fg', foreground(data.speakers[underline.speaker]));
      body.append(node);
    }
    body.dataset.article = article.id;
    return body;
  }

  function quoteList(quotes: ReportQuote[]): HTMLElement {
    return el('ol', { class: 'quote-list' }, ...quotes.map((quote) => el('li', {},
      quoteNode(quote, ['q'], quote.text ?? ''),
      ...(quote.mention ? [' — ', quoteNode(quote, ['mention'], quote.mention)] : []),
      ...(quote.cue ? [' ', quoteNode(quote, ['cue'], quote.cue)] : []))));
  }

  function drawArticle(article: ReportArticle): HTMLElement {
    const quotes = data.quotes.slice(article.first, article.first + article.count);
    const chips = article.speakers.map((index) => {
      const speaker = data.speakers[index] as ReportSpeaker;
      const chip = el('button', { type: 'button', class: `chip${index === state.selected ? ' chosen' : ''}`, style: `background:${background(speaker)}`, 'data-speaker': speaker.key }, speaker.name);
      chip.addEventListener('click', () => choose(index === state.selected ? -1 : index));
      return chip;
    });
    const meta = [article.id, article.date ?? '', article.source_path ?? '', `${article.count} quote${article.count === 1 ? '' : 's'}`].filter(Boolean).join(' · ');
    return el('article', { class: `article${state.selected >= 0 ? ' dim' : ''}`, 'data-id': article.id },
      el('h3', {}, article.title ?? article.id),
      el('p', { class: 'meta' }, meta),
      el('div', { class: 'chips' }, ...chips),
      article.text !== null ? articleText(article, quotes, article.text)
        : quotes.length > 0 ? quoteList(quotes) : el('p', { class: 'empty' }, 'No quotes found.'));
  }

  function drawArticles(): void {
    const list = visibleArticles();
    const pages = Math.max(1, Math.ceil(list.length / ARTICLES_PER_PAGE));
    state.articlePage = Math.min(state.articlePage, pages - 1);
    const page = list.slice(state.articlePage * ARTICLES_PER_PAGE, (state.articlePage + 1) * ARTICLES_PER_PAGE);
    byId('articles').replaceChildren(...page.map(drawArticle));
    const selected = data.speakers[state.selected];
    const selection = byId('selection');
    if (selected) {
      const clear = el('button', { type: 'button', id: 'clear-selection' }, 'show all');
      clear.addEventListener('click', () => choose(-1));
      selection.replaceChildren(el('span', { class: 'chip chosen', style: `background:${background(selected)}` }, selected.name), ` speaks in ${list.length} article${list.length === 1 ? '' : 's'} `, clear);
    } else {
      selection.replaceChildren();
    }
    const go = (to: number): void => { state.articlePage = to; drawArticles(); byId('articles-section').scrollIntoView(); };
    pager(byId('article-pager'), state.articlePage, list.length, ARTICLES_PER_PAGE, 'articles', go);
    pager(byId('article-pager-bottom'), state.articlePage, list.length, ARTICLES_PER_PAGE, 'articles', go);
  }

  function choose(index: number): void {
    state.selected = index;
    state.articlePage = 0;
    drawSpeakers();
    drawArticles();
  }

  // --- one quote's record --------------------------------------------------------------------------------

  const quoteById = new Map<string, ReportQuote>();
  const quoteOf = (id: string): ReportQuote | undefined => {
    if (quoteById.size === 0) for (const quote of data.quotes) quoteById.set(quote.id, quote);
    return quoteById.get(id);
  };

  const articleById = new Map(data.articles.map((article) => [article.id, article]));
  /** The quote's text: its own, or (when the article's text is there) sliced from the article's. */
  const textOf = (quote: ReportQuote, articleId: string | undefined): string => {
    const text = articleId === undefined ? null : articleById.get(articleId)?.text ?? null;
    return quote.text ?? (text === null ? '' : text.slice(quote.start, quote.end));
  };

  function showDetail(quote: ReportQuote, articleId: string | undefined): void {
    const speaker = data.speakers[quote.speaker];
    const rows: Array<[string, string]> = [
      ['speaker', speaker ? speaker.name : 'none'],
      ['kind', quote.kind],
      ['mention', quote.mention ?? '—'],
      ['role', quote.role ?? '—'],
      ['cue', quote.cue ?? '—'],
      ['rule', quote.rule ?? 'none'],
      ['resolution', quote.resolution],
      ['confidence', String(quote.confidence)],
      ['id', quote.id],
    ];
    const close = el('button', { type: 'button', class: 'close', title: 'Close' }, '×');
    close.addEventListener('click', () => { byId('detail').hidden = true; });
    const children: Array<Node | string> = [close, el('blockquote', { style: `border-color:${foreground(speaker)}` }, textOf(quote, articleId)),
      el('dl', {}, ...rows.flatMap(([name, value]) => [el('dt', {}, name), el('dd', { 'data-field': name }, value)]))];
    if (speaker && quote.speaker !== state.selected) {
      const only = el('button', { type: 'button', class: 'choose' }, `Show ${speaker.name}'s quotes`);
      only.addEventListener('click', () => choose(quote.speaker));
      children.push(only);
    }
    const detail = byId('detail');
    detail.replaceChildren(...children);
    detail.hidden = false;
  }

  // --- articles not read ---------------------------------------------------------------------------------

  function drawFailed(): void {
    const list = notRead.filter((article) => state.status === '' || article.status === state.status);
    const pages = Math.max(1, Math.ceil(list.length / FAILED_PER_PAGE));
    state.failedPage = Math.min(state.failedPage, pages - 1);
    byId('failed-rows').replaceChildren(...list.slice(state.failedPage * FAILED_PER_PAGE, (state.failedPage + 1) * FAILED_PER_PAGE).map((article) =>
      el('tr', { 'data-id': article.id }, el('td', {}, article.id), el('td', {}, article.source_path ?? ''), el('td', { class: 'status' }, article.status), el('td', {}, article.reason ?? ''))));
    pager(byId('failed-pager'), state.failedPage, list.length, FAILED_PER_PAGE, 'articles', (page) => { state.failedPage = page; drawFailed(); });
  }

  // --- the page ------------------------------------------------------------------------------------------

  const quoteCount = data.quotes.length;
  const summary = [
    `${data.articles.length} articles (${readable.length} read, ${notRead.length} not read)`,
    `${quoteCount} quotes`,
    `${data.speakers.length} speakers`,
    `from ${data.output_dir}`,
    data.run?.finished_at ? `run finished ${data.run.finished_at}` : '',
  ].filter(Boolean).join(' · ');
  byId('summary').textContent = summary;
  if (!data.has_text) {
    byId('notice').textContent = 'The output has no article texts (run extract with --article-text to include them): each article shows its quotes, with the speaker mention and cue, instead of its text.';
  }

  byId<HTMLInputElement>('speaker-filter').addEventListener('input', (event) => {
    state.speakerFilter = (event.target as HTMLInputElement).value;
    state.speakerPage = 0;
    drawSpeakers();
  });
  for (const button of document.querySelectorAll<HTMLButtonElement>('#speakers th button')) {
    button.addEventListener('click', () => {
      const key = button.dataset.sort as SortKey;
      state.sort = key === state.sort.key ? { key, descending: !state.sort.descending } : { key, descending: key !== 'name' && key !== 'type' };
      state.speakerPage = 0;
      drawSpeakers();
    });
  }
  byId<HTMLInputElement>('article-filter').addEventListener('input', (event) => {
    state.articleFilter = (event.target as HTMLInputElement).value;
    state.articlePage = 0;
    drawArticles();
  });
  byId('articles').addEventListener('click', (event) => {
    const target = (event.target as Element).closest<HTMLElement>('[data-quote]');
    const quote = target?.dataset.quote ? quoteOf(target.dataset.quote) : undefined;
    if (quote) showDetail(quote, target?.closest<HTMLElement>('article')?.dataset.id);
  });
  const statuses = [...new Set(notRead.map((article) => article.status))].sort();
  const statusSelect = byId<HTMLSelectElement>('status-filter');
  statusSelect.replaceChildren(el('option', { value: '' }, `every status (${notRead.length})`),
    ...statuses.map((status) => el('option', { value: status }, `${status} (${notRead.filter((article) => article.status === status).length})`)));
  statusSelect.addEventListener('change', () => { state.status = statusSelect.value; state.failedPage = 0; drawFailed(); });
  byId('failed-count').textContent = String(notRead.length);

  drawSpeakers();
  drawArticles();
  drawFailed();
  document.body.dataset.ready = 'true';
}

if (typeof document !== 'undefined') main();
