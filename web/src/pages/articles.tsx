/**
 * Articles and review: an editor pastes or uploads an article, sees the claims proposed from it highlighted
 * in its text, and accepts or rejects each; the queue lists every claim still to decide. Article text is
 * data: it is only ever rendered as text (Preact escapes it), never as markup.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ScrollRegion } from '../components/scroll-region.js';
import { SignIn } from '../components/sign-in.js';
import { Async, Empty, ErrorNote, Loading } from '../components/status.js';
import { ApiError, apiPost, seg } from '../lib/api.js';
import type { AcceptResult, ClaimList, ClaimView, SaveResult } from '../lib/api-types.js';
import { formatDate, kebabLabel, percent } from '../lib/format.js';
import { hrefForId } from '../lib/links.js';
import { Link } from '../lib/router.js';
import { useToken } from '../lib/token.js';
import { useApi } from '../lib/use-api.js';
import { usePageTitle } from './page.js';

export const REVIEW_ENDPOINT = '/api/claims?status=proposed&limit=50';

function asApiError(err: unknown, path: string): ApiError {
  return err instanceof ApiError
    ? err
    : new ApiError(path, 0, null, err instanceof Error ? err.message : String(err));
}

export function ArticlesPage() {
  usePageTitle('Articles and review');
  const queue = useApi<ClaimList>(REVIEW_ENDPOINT);
  const [token, setToken] = useToken();
  const [submitted, setSubmitted] = useState<{ text: string; result: SaveResult } | null>(null);

  if (queue.status === 'error' && queue.error.notFound) {
    return (
      <>
        <h1 tabIndex={-1}>Articles and review</h1>
        <div class="notice" role="note" data-testid="not-available">
          <p>
            <strong>Not available on this server yet.</strong> The server has no <code>/api/claims</code>{' '}
            route (it answered 404 Not Found): this view needs the extraction engine’s review API.
          </p>
          <p>
            Meanwhile, review from the command line: <code>caucus extract FILE</code>,{' '}
            <code>caucus review list</code>, <code>caucus review accept ID</code> and{' '}
            <code>caucus review reject ID --reason …</code>.
          </p>
        </div>
      </>
    );
  }

  return (
    <>
      <h1 tabIndex={-1}>Articles and review</h1>
      <p>
        Give Caucus a news article or blog post: it proposes claims (deselections, defections, alignments,
        leadership elections…), each with the exact sentence as evidence. An editor accepts or rejects each;
        accepted claims become registry facts citing the article and the quote.
      </p>
      <SignIn token={token} setToken={setToken} />
      <SubmitArticle token={token} onSaved={(text, result) => setSubmitted({ text, result })} />
      {submitted ? (
        <SubmittedArticle
          text={submitted.text}
          result={submitted.result}
          token={token}
          onDecided={queue.retry}
        />
      ) : null}
      <section aria-labelledby="queue-h">
        <h2 id="queue-h">Claims to review</h2>
        <Async state={queue} label="the review queue">
          {(list) =>
            list.claims.length === 0 ? (
              <Empty>No claim is waiting for review.</Empty>
            ) : (
              <>
                <p class="muted" data-testid="queue-total">
                  {list.total} proposed {list.total === 1 ? 'claim' : 'claims'}, oldest first
                  {list.claims.length < list.total ? ` (the first ${list.claims.length} shown)` : ''}.
                </p>
                <ol class="claims" data-testid="queue">
                  {list.claims.map((c) => (
                    <li key={c.id}>
                      <ClaimCard claim={c} token={token} onDecided={queue.retry} />
                    </li>
                  ))}
                </ol>
              </>
            )
          }
        </Async>
      </section>
    </>
  );
}

function SubmitArticle({
  token,
  onSaved,
}: {
  token: string | null;
  onSaved: (text: string, r: SaveResult) => void;
}) {
  const [form, setForm] = useState({ title: '', url: '', publisher: '', published: '', text: '' });
  const [state, setState] = useState<{ busy: boolean; since: number; error: ApiError | null }>({
    busy: false,
    since: 0,
    error: null,
  });
  const set = (k: keyof typeof form) => (e: Event) =>
    setForm({ ...form, [k]: (e.currentTarget as HTMLInputElement).value });
  const upload = async (e: Event) => {
    const file = (e.currentTarget as HTMLInputElement).files?.[0];
    if (!file) return;
    setForm({ ...form, text: await file.text(), title: form.title || file.name.replace(/\.[a-z]+$/i, '') });
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    setState({ busy: true, since: Date.now(), error: null });
    const body: Record<string, string> = { text: form.text };
    for (const k of ['title', 'url', 'publisher', 'published'] as const)
      if (form[k].trim()) body[k] = form[k].trim();
    try {
      const result = await apiPost<SaveResult>('/api/articles', body, token);
      setState({ busy: false, since: 0, error: null });
      onSaved(form.text, result);
    } catch (err) {
      setState({ busy: false, since: 0, error: asApiError(err, '/api/articles') });
    }
  };
  return (
    <section aria-labelledby="submit-h">
      <h2 id="submit-h">Submit an article</h2>
      <form class="article-form" onSubmit={submit}>
        <label>
          Title <input name="title" value={form.title} onInput={set('title')} />
        </label>
        <label>
          Address (URL){' '}
          <input name="url" type="url" placeholder="https://…" value={form.url} onInput={set('url')} />
        </label>
        <label>
          Publisher <input name="publisher" value={form.publisher} onInput={set('publisher')} />
        </label>
        <label>
          Published on{' '}
          <input name="published" type="date" value={form.published} onInput={set('published')} />
        </label>
        <label class="wide">
          Text (plain text, or a saved web page’s HTML)
          <textarea name="text" rows={10} required value={form.text} onInput={set('text')} />
        </label>
        <label class="wide">
          Or upload a file{' '}
          <input type="file" accept=".txt,.html,.htm,text/plain,text/html" onChange={upload} />
        </label>
        <div class="wide">
          <button type="submit" disabled={state.busy || !form.text.trim() || !token}>
            Extract and save the claims
          </button>{' '}
          {token ? null : <span class="muted">Sign in with an editor token first.</span>}
        </div>
      </form>
      {state.busy ? (
        <Loading
          label="the article’s claims"
          since={state.since}
          slowNote="(reading and linking every sentence)"
        />
      ) : null}
      {state.error ? <ErrorNote error={state.error} label="the article" action="save the article" /> : null}
    </section>
  );
}

/** The text with each claim's evidence marked and numbered as in the list below it. */
function Highlighted({
  text,
  claims,
}: {
  text: string;
  claims: Array<{ evidence: { start: number; end: number; text: string } }>;
}) {
  const spans = claims
    .map((c, i) => ({ ...c.evidence, n: i + 1 }))
    .filter((e) => text.slice(e.start, e.end) === e.text)
    .sort((a, b) => a.start - b.start);
  const parts: ComponentChildren[] = [];
  let at = 0;
  for (const s of spans) {
    if (s.start < at) continue;
    if (s.start > at) parts.push(text.slice(at, s.start));
    parts.push(
      <mark key={s.n} id={`evidence-${s.n}`}>
        <span class="mark-n">[{s.n}]</span>
        {text.slice(s.start, s.end)}
      </mark>,
    );
    at = s.end;
  }
  parts.push(text.slice(at));
  return (
    <div class="article-text" data-testid="article-text">
      {parts}
    </div>
  );
}

function SubmittedArticle({
  text,
  result,
  token,
  onDecided,
}: {
  text: string;
  result: SaveResult;
  token: string | null;
  onDecided: () => void;
}) {
  const a = result.saved.article;
  const evidenceInText =
    result.claims.length > 0 &&
    result.claims.every((c) => text.slice(c.evidence.start, c.evidence.end) === c.evidence.text);
  return (
    <section aria-labelledby="saved-h" data-testid="saved-article">
      <h2 id="saved-h">{a.title ?? 'The article'}</h2>
      <p class="muted">
        {a.created ? 'Saved' : 'Already saved earlier'} as article {a.id}
        {a.publisher ? ` · ${a.publisher}` : ''}
        {a.publishedOn ? ` · ${formatDate(a.publishedOn)}` : ''} · {result.saved.claims.length} claims
        proposed, {result.entities.length} names found.
      </p>
      {result.saved.claims.length === 0 ? <Empty>No claim was found in this article.</Empty> : null}
      {evidenceInText ? (
        <details open>
          <summary>The article with the evidence marked</summary>
          <Highlighted text={text} claims={result.claims} />
        </details>
      ) : null}
      <ol class="claims">
        {result.saved.claims.map((c) => (
          <li key={c.id}>
            <ClaimCard claim={c} token={token} onDecided={onDecided} />
          </li>
        ))}
      </ol>
    </section>
  );
}

function ArgumentList({ claim }: { claim: ClaimView }) {
  const entries = Object.entries(claim.arguments).filter(
    ([, v]) => v !== null && v !== undefined && v !== '',
  );
  return (
    <dl class="arguments">
      <div>
        <dt>subject</dt>
        <dd>
          {claim.subject}
          <LinkNote claim={claim} argument="subject" />
        </dd>
      </div>
      {entries.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>
            {Array.isArray(v) ? v.join(', ') : typeof v === 'object' ? JSON.stringify(v) : String(v)}
            <LinkNote claim={claim} argument={k} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** Where an argument's name points in the registry: a link, a proposal to review, or a new record. */
function LinkNote({ claim, argument }: { claim: ClaimView; argument: string }) {
  const link = claim.links.find((l) => l.argument === argument);
  if (!link) return null;
  if (link.id) {
    const href = hrefForId(link.id);
    return <span class="muted"> → {href ? <Link href={href}>{link.id}</Link> : <code>{link.id}</code>}</span>;
  }
  return (
    <span class="muted">
      {' '}
      ({link.status === 'new' ? 'new record' : link.status === 'review' ? 'to check' : link.status})
    </span>
  );
}

function ClaimCard({
  claim,
  token,
  onDecided,
}: {
  claim: ClaimView;
  token: string | null;
  onDecided: () => void;
}) {
  const [reason, setReason] = useState('');
  const [edits, setEdits] = useState('');
  const [state, setState] = useState<
    | { phase: 'idle' }
    | { phase: 'busy' }
    | { phase: 'error'; error: ApiError }
    | { phase: 'accepted'; result: AcceptResult }
    | { phase: 'rejected' }
  >({ phase: 'idle' });
  const decided = claim.status !== 'proposed' || state.phase === 'accepted' || state.phase === 'rejected';
  const act = async (kind: 'accept' | 'reject') => {
    setState({ phase: 'busy' });
    const path = `/api/claims/${seg(String(claim.id))}/${kind}`;
    try {
      if (kind === 'accept') {
        const changes = edits
          .split(/[\n,]/)
          .map((e) => e.trim())
          .filter(Boolean);
        const result = await apiPost<AcceptResult>(path, changes.length ? { edits: changes } : {}, token);
        setState({ phase: 'accepted', result });
      } else {
        await apiPost(path, { reason: reason.trim() }, token);
        setState({ phase: 'rejected' });
      }
      onDecided();
    } catch (err) {
      setState({ phase: 'error', error: asApiError(err, path) });
    }
  };
  return (
    <article class="claim" data-claim={claim.id} aria-labelledby={`claim-${claim.id}`}>
      <h3 id={`claim-${claim.id}`}>
        <span class="badge">{kebabLabel(claim.type)}</span> {claim.subject}{' '}
        <span class="muted">
          (claim {claim.id}, confidence {percent(claim.confidence, 0)},{' '}
          {state.phase === 'accepted' ? 'accepted' : state.phase === 'rejected' ? 'rejected' : claim.status})
        </span>
      </h3>
      <blockquote class="quote">“{claim.evidence.text}”</blockquote>
      <ArgumentList claim={claim} />
      {decided ? null : (
        <div class="claim-actions">
          <label>
            Changes before accepting{' '}
            <input
              placeholder="date=2026-05-02, office=leader"
              value={edits}
              onInput={(e) => setEdits((e.currentTarget as HTMLInputElement).value)}
            />
          </label>
          <button type="button" disabled={!token || state.phase === 'busy'} onClick={() => act('accept')}>
            Accept
          </button>
          <label>
            Reason to reject{' '}
            <input value={reason} onInput={(e) => setReason((e.currentTarget as HTMLInputElement).value)} />
          </label>
          <button
            type="button"
            class="secondary"
            disabled={!token || !reason.trim() || state.phase === 'busy'}
            onClick={() => act('reject')}
          >
            Reject
          </button>
          {token ? null : <span class="muted">Sign in with an editor token to decide.</span>}
        </div>
      )}
      {state.phase === 'busy' ? <Loading label="the decision" /> : null}
      {state.phase === 'error' ? (
        <ErrorNote error={state.error} label="the decision" action="save the decision" />
      ) : null}
      {state.phase === 'accepted' ? (
        <div class="decided" role="status" data-testid="accepted">
          <p>
            Accepted: {state.result.facts.length} {state.result.facts.length === 1 ? 'fact' : 'facts'} in the
            registry, citing this article.
          </p>
          <ScrollRegion label="Facts from this claim">
            <ul class="compact">
              {state.result.facts.map((f) => {
                const href = hrefForId(f.id);
                return (
                  <li key={`${f.type}:${f.id}`}>
                    {kebabLabel(f.action)} {f.type}: {href ? <Link href={href}>{f.title}</Link> : f.title}
                  </li>
                );
              })}
            </ul>
          </ScrollRegion>
        </div>
      ) : null}
      {state.phase === 'rejected' ? (
        <p class="decided" role="status">
          Rejected.
        </p>
      ) : null}
    </article>
  );
}
