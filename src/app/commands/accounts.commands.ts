/**
 * API accounts: bearer tokens with a role (reader is anonymous; editor and admin hold tokens), stored only
 * as scrypt hashes with a random salt, and the audit log every write appends to.
 */
import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { CaucusError } from '../../domain/errors.js';
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
  return { id: stored.id, name: stored.name, role: stored.role as ApiRole };
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
