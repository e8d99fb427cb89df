/**
 * Atom 1.0 (RFC 4287) feeds. Every piece of text is XML-escaped, and characters XML 1.0 forbids are
 * dropped, so a title such as `<script>` arrives in a reader as those characters, never as markup.
 */

export interface AtomEntry {
  /** A permanent IRI for the entry (tag: URIs here). */
  id: string;
  title: string;
  /** RFC 3339 date-time. */
  updated: string;
  link: string;
  summary: string;
  categories?: string[];
}

export interface AtomFeed {
  id: string;
  title: string;
  /** RFC 3339 date-time of the latest change. */
  updated: string;
  selfLink: string;
  alternateLink?: string;
  author: string;
  entries: AtomEntry[];
}

// XML 1.0 allows tab, newline, carriage return and most other characters; not the rest of the C0 controls,
// lone surrogates or U+FFFE/U+FFFF.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** xmlEscape('a < b & "c"') === 'a &lt; b &amp; &quot;c&quot;'. */
export function xmlEscape(s: string): string {
  return s
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** A calendar day as the RFC 3339 instant Atom needs: 2024-05-02 -> 2024-05-02T00:00:00Z. */
export const dayInstant = (day: string) => `${day}T00:00:00Z`;

export function renderAtom(feed: AtomFeed): string {
  const e = xmlEscape;
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${e(feed.id)}</id>`,
    `  <title type="text">${e(feed.title)}</title>`,
    `  <updated>${e(feed.updated)}</updated>`,
    `  <author><name>${e(feed.author)}</name></author>`,
    `  <link rel="self" type="application/atom+xml" href="${e(feed.selfLink)}"/>`,
    ...(feed.alternateLink
      ? [`  <link rel="alternate" type="application/json" href="${e(feed.alternateLink)}"/>`]
      : []),
    '  <generator>Caucus</generator>',
  ];
  for (const entry of feed.entries) {
    lines.push(
      '  <entry>',
      `    <id>${e(entry.id)}</id>`,
      `    <title type="text">${e(entry.title)}</title>`,
      `    <updated>${e(entry.updated)}</updated>`,
      `    <link rel="alternate" type="application/json" href="${e(entry.link)}"/>`,
      ...(entry.categories ?? []).map((c) => `    <category term="${e(c)}"/>`),
      `    <summary type="text">${e(entry.summary)}</summary>`,
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}
