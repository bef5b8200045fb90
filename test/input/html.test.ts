import { describe, expect, it } from 'vitest';
import { loadBytes } from './helpers.ts';

const para = (n: number): string =>
  `<p>Paragraph ${n}: the minister said the budget would be balanced by next year, according to officials who spoke on condition of anonymity, while critics disagreed.</p>`;

const ARTICLE = `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Budget pledge | The Daily Example</title>
  <meta property="og:title" content="Minister pledges a balanced budget">
  <meta property="article:published_time" content="2024-03-05T23:30:00-05:00">
  <link rel="canonical" href="https://example.com/news/budget">
  <style>p { color: red }</style>
</head>
<body>
  <header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav></header>
  <main><article>
    ${para(1)}
    ${para(2)}
    <blockquote>“We will do it,” said Zoë Müller &amp; her team.</blockquote>
    <h2>What critics say</h2>
    ${para(3)}
    <div>Loose text in a div.</div>
    <ul><li>Point A</li><li>Point   B
    continues</li></ul>
    ${para(4)}
    <p>Line one<br>Line two</p>
    <script>var notText = "said";</script>
  </article></main>
  <footer><p>© 2024 The Daily Example. All rights reserved.</p></footer>
</body>
</html>`;

describe('HTML', () => {
  it('extracts the article body one block per line, with title, date and url', async () => {
    const { articles, problems } = await loadBytes('news/budget.html', ARTICLE);
    expect(problems).toEqual([]);
    const article = articles[0]!;
    expect(article).toMatchObject({
      articleId: 'news/budget',
      sourcePath: 'news/budget.html',
      format: 'html',
      encoding: 'UTF-8',
      title: 'Minister pledges a balanced budget',
      date: '2024-03-05', // the date as written, not shifted to UTC
      url: 'https://example.com/news/budget',
    });
    const lines = article.text.split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^Paragraph 1: /),
      expect.stringMatching(/^Paragraph 2: /),
      '“We will do it,” said Zoë Müller & her team.',
      'What critics say',
      expect.stringMatching(/^Paragraph 3: /),
      'Loose text in a div.',
      'Point A',
      'Point B continues',
      expect.stringMatching(/^Paragraph 4: /),
      'Line one',
      'Line two',
    ]);
    expect(article.text).not.toContain('notText');
    expect(article.text).not.toContain('color: red');
    expect(article.text).not.toContain('All rights reserved');
  });

  it.each([
    ['article:published_time', 'property', '2023-11-02T08:00:00Z', '2023-11-02'],
    ['og:published_time', 'property', '2023-11-02', '2023-11-02'],
    ['date', 'name', '2023/11/02', '2023-11-02'],
    ['pubdate', 'name', '20231102', '2023-11-02'],
    ['DC.date', 'name', 'November 2, 2023', '2023-11-02'],
    ['DC.date.issued', 'name', 'Thu, 02 Nov 2023 10:00:00 GMT', '2023-11-02'],
    ['datePublished', 'itemprop', '2 November 2023', '2023-11-02'],
    // Not a calendar date: no date rather than the string (articles promise YYYY-MM-DD or null).
    ['date', 'name', 'sometime last week', undefined],
  ])('reads the date from <meta %s> (%s=…)', async (key, attr, value, expected) => {
    const html = `<html><head><title>T</title><meta ${attr}="${key}" content="${value}"></head><body><p>Body text.</p></body></html>`;
    const { articles } = await loadBytes('d.html', html);
    expect(articles[0]?.date).toBe(expected);
  });

  it('falls back to the first <time datetime> and to <title>', async () => {
    const html = `<html><head><title>Only the title</title></head><body><p>Posted <time datetime="2021-07-04T10:00:00+02:00">July 4</time></p><p><time datetime="1999-01-01">old</time> Text.</p></body></html>`;
    const { articles } = await loadBytes('t.htm', html);
    expect(articles[0]).toMatchObject({ title: 'Only the title', date: '2021-07-04', format: 'html' });
  });

  it('decodes legacy HTML using its <meta charset>', async () => {
    const html = Buffer.concat([
      Buffer.from('<html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"><title>Caf'),
      Buffer.from([0xe9]),
      Buffer.from(' news</title></head><body><p>'),
      Buffer.from([0x93]),
      Buffer.from('On y va,'),
      Buffer.from([0x94]),
      Buffer.from(' a dit Jos'),
      Buffer.from([0xe9]),
      Buffer.from('.</p></body></html>'),
    ]);
    const { articles, problems } = await loadBytes('legacy.HTM', html);
    expect(problems).toEqual([]);
    expect(articles[0]).toMatchObject({ title: 'Café news', text: '“On y va,” a dit José.', encoding: 'windows-1252' });
  });

  it('decodes UTF-16LE HTML with a BOM', async () => {
    const html = '<html><head><title>Zoë</title></head><body><p>Ça marche.</p></body></html>';
    const { articles } = await loadBytes('u16.html', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(html, 'utf16le')]));
    expect(articles[0]).toMatchObject({ title: 'Zoë', text: 'Ça marche.', encoding: 'UTF-16LE' });
  });

  it('handles a bare fragment without <html>', async () => {
    const { articles } = await loadBytes('frag.html', '<p>Just a <i>fragment</i>.</p><p>Second&nbsp;one.</p>');
    expect(articles[0]?.text).toBe('Just a fragment.\nSecond\u00a0one.');
  });

  it('falls back to the body text for a pathologically nested document, promptly', async () => {
    const html = `<html><head><title>Deep</title></head><body><p>Top paragraph.</p>${'<div>'.repeat(5000)}<p>Deep “quote”.</p>${'</div>'.repeat(5000)}</body></html>`;
    const started = Date.now();
    const { articles } = await loadBytes('deep.html', html);
    expect(articles[0]).toMatchObject({ title: 'Deep', text: 'Top paragraph.\nDeep “quote”.' });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('reports a document without text as empty', async () => {
    const loaded = await loadBytes('blank.html', '<html><head><title>Nothing</title><script>x()</script></head><body>  <div> </div></body></html>');
    expect(loaded.articles).toEqual([]);
    expect(loaded.problems).toMatchObject([{ status: 'empty', articleId: 'blank', sourcePath: 'blank.html' }]);
  });
});
