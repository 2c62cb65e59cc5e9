/**
 * Password hashing with Argon2id at OWASP's recommended minimum (19 MiB of memory, 2
 * iterations, 1 lane): about 40 ms a hash on this machine, slow enough to make offline
 * guessing expensive, fast enough for a login.
 */
import { hash, verify } from "@node-rs/argon2";

// 2 is Argon2id in @node-rs/argon2's Algorithm enum (a const enum, which isolated modules
// cannot read).
const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash never lets anyone in.
    return false;
  }
}

/**
 * A real hash of a random password, verified against when an email is unknown, so a login
 * for an unknown account takes as long as one for a known account (no enumeration by timing).
 */
let dummyHash: Promise<string> | undefined;
export function timingSafeDummyHash(): Promise<string> {
  dummyHash ??= hashPassword(crypto.randomUUID());
  return dummyHash;
}
