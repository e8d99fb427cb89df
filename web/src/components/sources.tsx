/** Where a fact comes from: each source with its publisher, date, link and quote, one click away. */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { apiPath, seg } from '../lib/api.js';
import type { SourceRecord, SourceRef } from '../lib/api-types.js';
import { formatDate } from '../lib/format.js';
import { useApi } from '../lib/use-api.js';
import { Async } from './status.js';

function safeUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

export function SourceItem({ source }: { source: SourceRef | SourceRecord }) {
  const url = safeUrl(source.url);
  const quote = 'quote' in source ? source.quote : null;
  return (
    <li class="source">
      <span class="source-title">
        {url ? (
          <a href={url} rel="noopener noreferrer" target="_blank">
            {source.title ?? url}
          </a>
        ) : (
          (source.title ?? source.id)
        )}
      </span>
      <span class="muted">
        {' '}
        {[source.publisher, source.publishedOn ? formatDate(source.publishedOn) : null, source.kind]
          .filter(Boolean)
          .join(' · ')}
      </span>
      {quote ? <blockquote class="quote">“{quote}”</blockquote> : null}
    </li>
  );
}

/** A fact's sources (and quotes) behind a disclosure: "Sources (2)". */
export function Sources({
  sources,
  label = 'Sources',
}: {
  sources: ReadonlyArray<SourceRef>;
  label?: string;
}) {
  if (sources.length === 0) return <span class="muted">no source recorded</span>;
  const quotes = sources.filter((s) => s.quote).length;
  return (
    <details class="sources">
      <summary>
        {label} ({sources.length}
        {quotes ? `, ${quotes} with quotes` : ''})
      </summary>
      <ul class="sources-list">
        {sources.map((s) => (
          <SourceItem key={`${s.id}:${s.quoteStart ?? ''}`} source={s} />
        ))}
      </ul>
    </details>
  );
}

function SourceLoader({ id }: { id: string }) {
  const state = useApi<SourceRecord>(apiPath(`/api/sources/${seg(id)}`));
  return (
    <Async state={state} label="the source">
      {(s) => (
        <ul class="sources-list">
          <SourceItem source={s} />
        </ul>
      )}
    </Async>
  );
}

/** A source known only by id (events carry one), fetched when the reader opens it. */
export function SourceById({ id }: { id: string }) {
  return (
    <details class="sources">
      <summary>Source</summary>
      <LazyOpen>{() => <SourceLoader id={id} />}</LazyOpen>
    </details>
  );
}

/** Renders its children only once the enclosing <details> has been opened. */
function LazyOpen({ children }: { children: () => ComponentChildren }) {
  const ref = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const details = ref.current?.closest('details');
    if (!details) return;
    const update = () => details.open && setOpen(true);
    update();
    details.addEventListener('toggle', update);
    return () => details.removeEventListener('toggle', update);
  }, []);
  return <div ref={ref}>{open ? children() : null}</div>;
}

function EventSourceLoader({ eventId }: { eventId: string }) {
  const event = useApi<{ sourceId: string }>(`/api/events/${seg(eventId)}`);
  return (
    <Async state={event} label="the event">
      {(e) => <SourceLoader id={e.sourceId} />}
    </Async>
  );
}

/** An event's source when only the event's id is at hand: the event record, then its source, on opening. */
export function SourceOfEvent({ eventId }: { eventId: string }) {
  return (
    <details class="sources">
      <summary>Source</summary>
      <LazyOpen>{() => <EventSourceLoader eventId={eventId} />}</LazyOpen>
    </details>
  );
}
