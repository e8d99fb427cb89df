import fc from 'fast-check';
import { DOMParser } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { dayInstant, renderAtom, xmlEscape } from './atom.format.js';

describe('xmlEscape', () => {
  it('escapes markup and drops characters XML cannot hold', () => {
    expect(xmlEscape(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
    expect(xmlEscape('bell\u0007 and \uFFFE')).toBe('bell and ');
  });

  it('round-trips any text through an XML parser as the same characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        const xml = `<r>${xmlEscape(s)}</r>`;
        expect(xml.slice(3, -4)).not.toMatch(/[<>]/);
        const text = new DOMParser().parseFromString(xml, 'text/xml').documentElement.textContent;
        const kept = s.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '');
        expect(text).toBe(kept);
      }),
    );
  });
});

describe('renderAtom', () => {
  it('writes the elements RFC 4287 requires', () => {
    const xml = renderAtom({
      id: 'tag:caucus,2024:feeds/events',
      title: 'T & T',
      updated: dayInstant('2024-05-02'),
      selfLink: 'https://x.example/feeds/events.atom?a=1&b=2',
      author: 'Caucus',
      entries: [
        {
          id: 'tag:caucus,2024:events/e1',
          title: '<b>',
          updated: dayInstant('2024-05-02'),
          link: 'https://x',
          summary: 's',
        },
      ],
    });
    expect(xml).toContain('<updated>2024-05-02T00:00:00Z</updated>');
    expect(xml).toContain('href="https://x.example/feeds/events.atom?a=1&amp;b=2"');
    expect(xml).toContain('<title type="text">&lt;b&gt;</title>');
    const doc = new DOMParser().parseFromString(xml, 'text/xml');
    expect(doc.querySelectorAll('entry')).toHaveLength(1);
    expect(doc.querySelector('feed > title')!.textContent).toBe('T & T');
  });
});
