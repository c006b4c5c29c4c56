import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Passwords are kept as `scrypt$N$r$p$salt$hash` (salt and hash in base64),
 * so the cost can rise without breaking stored accounts: a hash made at a
 * lower cost still verifies, and `needsRehash` says to store a new one at
 * the next sign-in. scrypt runs on libuv's thread pool: hashing never blocks
 * the main process.
 *
 * The cost is OWASP's current recommendation for scrypt (N=2^17, r=8, p=1):
 * about half a second and 128 MiB per hash on a modest laptop.
 */
export const passwordCost: PasswordCost = { N: 131_072, r: 8, p: 1 };

export interface PasswordCost {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/**
 * For tests about sign-in rules (lockout, roles, idle time), not about
 * hashing: the same code at a cost a test suite can afford. Never used by
 * the app, the bridge or the CLI.
 */
export const testPasswordCost: PasswordCost = { N: 1024, r: 8, p: 1 };
const keyLength = 32;

/** Costs above what we ever made are refused rather than run: a stored hash cannot make sign-in eat the machine. */
const maxN = passwordCost.N;

function derive(password: string, salt: Buffer, options: { N: number; r: number; p: number }): Promise<Buffer> {
  // scrypt needs 128·N·r bytes (plus a little): Node's default limit (32 MiB) refuses N=2^17.
  const scryptOptions: ScryptOptions = { ...options, maxmem: 128 * options.N * options.r + 16 * 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyLength, scryptOptions, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPassword(password: string, cost: PasswordCost = passwordCost): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$');
}

function parse(stored: string): { N: number; r: number; p: number; salt: Buffer; hash: Buffer } | null {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  if (scheme !== 'scrypt' || !salt || !hash) return null;
  if (!Number.isInteger(cost.N) || cost.N < 2 || cost.N > maxN || !Number.isInteger(cost.r) || cost.r < 1 || cost.r > 32 || !Number.isInteger(cost.p) || cost.p < 1 || cost.p > 16) return null;
  return { ...cost, salt: Buffer.from(salt, 'base64'), hash: Buffer.from(hash, 'base64') };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed);
  return key.length === parsed.hash.length && timingSafeEqual(key, parsed.hash);
}

/** True when a stored hash was made at a lower cost than today's: sign-in then stores a new one. */
export function needsRehash(stored: string, cost: PasswordCost = passwordCost): boolean {
  const parsed = parse(stored);
  return !parsed || parsed.N < cost.N || parsed.r !== cost.r || parsed.p !== cost.p;
}

/**
 * A hash of nothing anyone knows, at today's cost: checked against when the
 * user name is unknown, so an unknown name takes as long as a known one.
 */
export function decoyHash(cost: PasswordCost = passwordCost): string {
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=`;
}
