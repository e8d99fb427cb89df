import { describe, expect, it } from 'vitest';
import { articleMetadata, htmlToText, looksLikeHtml, toPlainText } from './html-to-text.engine.js';

const page = `<!doctype html><html><head><title>Site | Story</title><script>window.bad = 1; document.write('x')</script>
<style>p { color: red }</style></head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Council leader survives vote</h1>
<p>Cllr Mary Quill, the leader of Testshire County Council, won a confidence vote on Monday by 40 votes to 12.</p>
<p>Her deputy, Cllr Omar Reed, said the group had &ldquo;moved on&rdquo; and that the budget would be set in March.</p>
<ul><li>Upper Ward &ndash; Cllr Tia Moss was reselected.</li><li>Lower Ward &ndash; no result.</li></ul>
<p>The opposition leader, Cllr Ben Hale, called the result a &lt;whitewash&gt; and promised to keep pressing the administration.</p>
</article><footer>Copyright</footer></body></html>`;

describe('html to text', () => {
  it('detects HTML by content, not by name', () => {
    expect(looksLikeHtml(page)).toBe(true);
    expect(looksLikeHtml('<p>one</p><p>two</p><div>three</div><br>')).toBe(true);
    expect(looksLikeHtml('Cllr A said 3 < 4 and 5 > 2; that is all.')).toBe(false);
  });

  it('keeps the article with paragraph breaks, list bullets and decoded entities, and drops scripts', () => {
    const text = htmlToText(page);
    expect(text).toContain('Council leader survives vote');
    expect(text).toContain('Cllr Mary Quill, the leader of Testshire County Council, won a confidence vote');
    expect(text).toMatch(/by 40 votes to 12\.\n\nHer deputy/);
    expect(text).toContain('“moved on”');
    expect(text).toContain('• Upper Ward – Cllr Tia Moss was reselected.');
    expect(text).toContain('<whitewash>');
    expect(text).not.toContain('window.bad');
    expect(text).not.toContain('color: red');
  });

  it('passes plain text through, normalising only line ends', () => {
    expect(toPlainText('Line one.\r\nLine two.')).toBe('Line one.\nLine two.');
    const plain = 'Cllr Ann Pike resigned.\n\nShe had served since 2010.';
    expect(toPlainText(plain)).toBe(plain);
  });
});

describe('articleMetadata', () => {
  it("reads a page's own title, site name and date, and nothing from plain text", () => {
    const html =
      '<!doctype html><html><head><title>Page title</title><meta property="og:title" content="Leader quits">' +
      '<meta property="og:site_name" content="Ferndale Gazette"><meta property="article:published_time" content="2024-03-01T09:30:00Z">' +
      '</head><body><p>Text.</p></body></html>';
    expect(articleMetadata(html)).toEqual({
      title: 'Leader quits',
      siteName: 'Ferndale Gazette',
      published: '2024-03-01',
    });
    const timeOnly =
      '<!doctype html><html><head><title>T</title></head><body><time datetime="2023-11-05">5 Nov</time></body></html>';
    expect(articleMetadata(timeOnly)).toEqual({ title: 'T', siteName: null, published: '2023-11-05' });
    expect(articleMetadata('Plain text, <b>not</b> a page.')).toEqual({
      title: null,
      siteName: null,
      published: null,
    });
  });
});
