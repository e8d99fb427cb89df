/**
 * API accounts: bearer tokens with a role (reader is anonymous; editor and admin hold tokens), stored only
 * as scrypt hashes with a random salt, and the audit log every write appends to.
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { CaucusError, ConflictError, NotFoundError } from '../../domain/errors.js';
import { closest } from '../../domain/similar.js';
import type { AuditEntry } from '../../store/repositories/accounts.repo.js';
import type { AppContext } from '../context.js';
import { parseInput } from '../validate.js';
import { decodeCursor, type Page, pageFields, pageOf } from './pagination.support.js';

export const API_ROLES = ['reader', 'editor', 'admin'] as const;
export type ApiRole = (typeof API_ROLES)[number];

/** Who makes a request or a write: a token's id, name and role, or the anonymous reader. */
export interface Actor {
  id: string;
  name: string;
  role: ApiRole;
}

export const ANONYMOUS: Actor = { id: 'anonymous', name: 'anonymous', role: 'reader' };

/** hasRole({ role: 'admin' }, 'editor') === true: each role can do what the ones below it can. */
export function hasRole(actor: Pick<Actor, 'role'>, needed: ApiRole): boolean {
  return API_ROLES.indexOf(actor.role) >= API_ROLES.indexOf(needed);
}

// N = 2^14, r = 8 (16 MiB, tens of ms): each token is checked once and then cached by the HTTP layer.
const KDF = { N: 16_384, r: 8, p: 1, keyLength: 32 };
const KDF_NAME = `scrypt:${KDF.N}:${KDF.r}:${KDF.p}:${KDF.keyLength}`;
const TOKEN_FORMAT = /^caucus_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

function scrypt(secret: string, salt: Buffer, kdf: string): Promise<Buffer> {
  const [, n, r, p, len] = kdf.split(':').map(Number);
  return new Promise((resolve, reject) =>
    scryptCallback(secret, salt, len!, { N: n!, r: r!, p: p!, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

export const createTokenInput = z.strictObject({
  // Reader tokens identify a client (their own rate-limit allowance) without granting writes.
  role: z.enum(API_ROLES),
  name: z.string().trim().min(1).max(200).optional(),
});

export interface CreatedToken {
  id: string;
  name: string;
  role: ApiRole;
  createdAt: string;
  /** The bearer token itself. It is shown once, here; only its hash is stored. */
  token: string;
}

/** Creates an API token: createToken(ctx, { role: 'editor', name: 'newsdesk' }) -> { token: 'caucus_…', … }. */
export async function createToken(ctx: AppContext, raw: unknown): Promise<CreatedToken> {
  const input = parseInput(createTokenInput, raw, { role: '--role', name: '--name' });
  const id = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const salt = randomBytes(16);
  const hash = await scrypt(secret, salt, KDF_NAME);
  const createdAt = ctx.clock.now().toISOString();
  const name = input.name ?? `${input.role} token ${id.slice(0, 6)}`;
  await ctx.store.transaction((repos) =>
    repos.accounts.insertToken({
      id,
      name,
      role: input.role,
      kdf: KDF_NAME,
      salt: salt.toString('hex'),
      hash: hash.toString('hex'),
      createdAt,
      revokedAt: null,
      lastUsedAt: null,
    }),
  );
  return { id, name, role: input.role, createdAt, token: `caucus_${id}_${secret}` };
}

/** The public part of a token (its id), readable without checking the secret; null if malformed. */
export function tokenId(token: string): string | null {
  return TOKEN_FORMAT.exec(token)?.[1] ?? null;
}

/**
 * The actor a bearer token belongs to; throws `unauthorized` for an unknown, revoked or wrong token
 * (the same message for each, so a caller learns nothing about which ids exist).
 */
export async function authenticate(ctx: AppContext, token: string): Promise<Actor> {
  const refuse = () =>
    new CaucusError('unauthorized', 'the bearer token is not valid', {
      where: 'Authorization',
      rule: 'token',
    });
  const m = TOKEN_FORMAT.exec(token);
  if (!m) throw refuse();
  const stored = await ctx.store.accounts.token(m[1]!);
  if (!stored || stored.revokedAt !== null) throw refuse();
  const expected = Buffer.from(stored.hash, 'hex');
  const actual = await scrypt(m[2]!, Buffer.from(stored.salt, 'hex'), stored.kdf);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) throw refuse();
  await noteUse(ctx, stored.id, stored.lastUsedAt);
  return { id: stored.id, name: stored.name, role: stored.role as ApiRole };
}

// Last use is kept to the minute: writing it on every request would turn every read into a write.
const USE_RESOLUTION_MS = 60_000;

async function noteUse(ctx: AppContext, id: string, lastUsedAt: string | null): Promise<void> {
  const now = ctx.clock.now();
  if (lastUsedAt !== null && now.getTime() - Date.parse(lastUsedAt) < USE_RESOLUTION_MS) return;
  await ctx.store.transaction((repos) => repos.accounts.touchToken(id, now.toISOString()));
}

/**
 * Confirms that a token verified earlier (and cached by the caller) is still valid: a revoked or deleted token
 * is refused with `unauthorized` at once, even when it was revoked by another process.
 */
export async function confirmToken(ctx: AppContext, id: string): Promise<void> {
  const stored = await ctx.store.accounts.token(id);
  if (!stored || stored.revokedAt !== null) {
    throw new CaucusError('unauthorized', 'the bearer token is not valid', {
      where: 'Authorization',
      rule: 'token',
    });
  }
  await noteUse(ctx, stored.id, stored.lastUsedAt);
}

/** A token as `caucus token list` and the API show it: never its secret, salt or hash. */
export interface TokenInfo {
  id: string;
  name: string;
  role: ApiRole;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Every API token, oldest first: listTokens(ctx) -> { tokens: [{ id, name, role, createdAt, lastUsedAt, revokedAt }] }. */
export async function listTokens(ctx: AppContext): Promise<{ tokens: TokenInfo[] }> {
  const rows = await ctx.store.accounts.tokens();
  return {
    tokens: rows.map((r) => ({
      id: r.id,
      name: r.name,
      role: r.role as ApiRole,
      createdAt: r.createdAt,
      lastUsedAt: r.lastUsedAt,
      revokedAt: r.revokedAt,
    })),
  };
}

export const revokeTokenInput = z.strictObject({
  // Any other text names no token, which is "not found" (with the closest ids), like any unknown id.
  id: z.string().trim().min(1, 'expected a token id, as `caucus token list` shows').max(200),
});

/**
 * Revokes a token: from this moment every request bearing it gets 401. The audit log records who revoked it,
 * in the same transaction. revokeToken(ctx, { id: '3f2a…' }, actor) -> the token as it now stands.
 */
export async function revokeToken(ctx: AppContext, raw: unknown, actor: Actor): Promise<TokenInfo> {
  const { id } = parseInput(revokeTokenInput, raw, { id: 'ID' });
  const at = ctx.clock.now().toISOString();
  return ctx.store.transaction(async (repos) => {
    const stored = await repos.accounts.token(id);
    if (!stored) {
      const ids = (await repos.accounts.tokens()).map((t) => ({ id: t.id, name: t.name }));
      throw new NotFoundError('token', id, closest(id, ids));
    }
    if (stored.revokedAt !== null)
      throw new ConflictError(`token ${id} was already revoked at ${stored.revokedAt}`, { rule: 'revoked' });
    const { kdf: _k, salt: _s, hash: _h, ...before } = stored;
    const after = { ...before, revokedAt: at };
    await repos.accounts.revokeToken(id, at);
    await repos.accounts.appendAudit({
      at,
      actorId: actor.id,
      actorName: actor.name,
      actorRole: actor.role,
      action: 'revoke',
      recordType: 'token',
      recordId: id,
      before,
      after,
    });
    return { ...after, role: after.role as ApiRole };
  });
}

/** Throws `forbidden` unless the actor holds the role (callers check `unauthorized` first). */
export function requireRole(actor: Actor, needed: ApiRole): void {
  if (!hasRole(actor, needed)) {
    throw new CaucusError('forbidden', `this needs the ${needed} role; the token has ${actor.role}`, {
      rule: 'role',
      needed,
      role: actor.role,
    });
  }
}

export const auditInput = z.strictObject({
  ...pageFields,
  recordType: z.string().trim().min(1).max(100).optional(),
  recordId: z.string().trim().min(1).max(300).optional(),
  actor: z.string().trim().min(1).max(100).optional(),
});

/** The audit log, newest first, one page at a time (admin only: the caller checks the role). */
export async function listAudit(ctx: AppContext, raw: unknown): Promise<Page<AuditEntry>> {
  const input = parseInput(auditInput, raw);
  const after = decodeCursor(input.cursor, 1);
  const rows = await ctx.store.accounts.auditPage(
    { recordType: input.recordType, recordId: input.recordId, actorId: input.actor },
    after ? Number(after[0]) : null,
    input.limit + 1,
  );
  return pageOf(
    rows,
    input.limit,
    (r) => [r.id],
    (r) => r,
  );
}
