/**
 * Stage 1a: reduce a saved web page to the article's plain text with Readability over linkedom,
 * keeping paragraph breaks (blank lines) and list items ("• "). Plain text passes through unchanged.
 * Nothing in the page is executed: linkedom builds a DOM without running scripts.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';

const HTML_START = /^\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<\?xml[^>]*>\s*<html)/i;
const TAG =
  /<\/?(?:p|div|br|span|a|article|section|h[1-6]|li|ul|ol|table|tr|td|main|header|footer|nav|em|strong|b|i|img|meta|link|script|style|title)\b[^>]*>/gi;

/** True when the content is HTML: a document start, or at least four common tags including a closing one. */
export function looksLikeHtml(content: string): boolean {
  const head = content.slice(0, 4096);
  if (HTML_START.test(head)) return true;
  const sample = content.length > 100_000 ? content.slice(0, 100_000) : content;
  const tags = sample.match(TAG);
  return !!tags && tags.length >= 4 && tags.some((t) => t.startsWith('</'));
}

const BLOCK = new Set([
  'P',
  'DIV',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'LI',
  'UL',
  'OL',
  'BLOCKQUOTE',
  'SECTION',
  'ARTICLE',
  'HEADER',
  'FOOTER',
  'TABLE',
  'TR',
  'PRE',
  'FIGURE',
  'FIGCAPTION',
  'ASIDE',
  'MAIN',
  'DL',
  'DT',
  'DD',
  'ADDRESS',
  'HR',
]);
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'OBJECT', 'HEAD']);

interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}

/** Flattens a DOM subtree to text: block elements become paragraphs, <br> a line break, <li> a bullet line. */
function blocksToText(root: DomNode): string {
  const paragraphs: string[] = [];
  let line = '';
  const flush = () => {
    const t = line
      .replace(/[ \t\u00a0]+/g, ' ')
      .replace(/ *\n */g, '\n')
      .trim();
    if (t) paragraphs.push(t);
    line = '';
  };
  const walk = (node: DomNode) => {
    if (node.nodeType === 3) {
      line += (node.textContent ?? '').replace(/\s+/g, ' ');
      return;
    }
    if (node.nodeType !== 1) return;
    const name = node.nodeName.toUpperCase();
    if (SKIP.has(name)) return;
    if (name === 'BR') {
      line += '\n';
      return;
    }
    const block = BLOCK.has(name);
    if (block) flush();
    if (name === 'LI') line += '• ';
    const kids = node.childNodes;
    for (let i = 0; i < kids.length; i++) walk(kids[i] as DomNode);
    if (block) flush();
  };
  walk(root);
  flush();
  return paragraphs.join('\n\n');
}

/** Plain text of an HTML page: title, then the article body Readability finds (or the whole body). */
export function htmlToText(html: string): string {
  const { document } = parseHTML(html);
  const pageTitle = (document.querySelector('h1')?.textContent ?? document.title ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  let body = '';
  try {
    const article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], {
      charThreshold: 100,
    }).parse();
    if (article?.content) {
      const { document: inner } = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`);
      body = blocksToText(inner.body as unknown as DomNode);
    }
  } catch {
    // Readability rejects some malformed pages; the whole body is a fair fallback.
    body = '';
  }
  if (!body.trim()) {
    const { document: again } = parseHTML(html);
    body = again.body ? blocksToText(again.body as unknown as DomNode) : '';
  }
  const title = pageTitle;
  if (title && !body.startsWith(title)) return `${title}\n\n${body}`.trim();
  return body.trim();
}

/** Stage 1a entry: HTML is reduced to text; anything else is returned as it is (line ends normalised). */
export function toPlainText(content: string): string {
  const text = looksLikeHtml(content) ? htmlToText(content) : content;
  return text.replace(/\r\n?/g, '\n');
}

/** What a saved page says about itself: title, site name and publication date, where it says so. */
export interface ArticleMetadata {
  title: string | null;
  siteName: string | null;
  /** YYYY-MM-DD from article:published_time, a <time datetime> or similar, when the page gives one. */
  published: string | null;
}

const metaText = (s: string | null | undefined): string | null => {
  const t = (s ?? '').replace(/\s+/g, ' ').trim();
  return t ? t.slice(0, 300) : null;
};

/**
 * The page's own title, site name and date (Open Graph and article meta tags, then <title> and <time>);
 * all null for plain text: articleMetadata('<meta property="og:site_name" content="Gazette">…').
 */
export function articleMetadata(content: string): ArticleMetadata {
  if (!looksLikeHtml(content)) return { title: null, siteName: null, published: null };
  const { document } = parseHTML(content);
  const meta = (...names: string[]) => {
    for (const n of names) {
      const el =
        document.querySelector(`meta[property="${n}"]`) ?? document.querySelector(`meta[name="${n}"]`);
      const v = metaText(el?.getAttribute('content'));
      if (v) return v;
    }
    return null;
  };
  const dateOf = (s: string | null) => {
    const m = /^(\d{4}-\d{2}-\d{2})/.exec(s ?? '');
    return m ? (m[1] as string) : null;
  };
  const published =
    dateOf(meta('article:published_time', 'datePublished', 'date', 'DC.date.issued')) ??
    dateOf(metaText(document.querySelector('time[datetime]')?.getAttribute('datetime')));
  return {
    title: meta('og:title', 'twitter:title') ?? metaText(document.title),
    siteName: meta('og:site_name', 'application-name'),
    published,
  };
}
