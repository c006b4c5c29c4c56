/** Failed tries of one user name: as the users table keeps them for an account. */
export interface Tries {
  failed: number;
  lockedUntil: number | null;
}

/** How many unknown user names are remembered; past it the oldest unlocked one is forgotten first. */
export const unknownNamesKept = 1000;

/**
 * Failed sign-ins with user names no account has, counted as an account's
 * are, so that an unknown name locks after the same number of tries and
 * answers with the same words: otherwise "the account is locked" would
 * tell a guesser which names exist. Kept in memory only, and bounded (a
 * script trying a million names must not fill the memory); a locked name
 * is the last to be forgotten, as forgetting it early would answer
 * differently from a locked account.
 */
export class UnknownNames {
  private readonly tries = new Map<string, Tries>();

  constructor(private readonly limit = unknownNamesKept) {}

  get(name: string): Tries {
    return this.tries.get(key(name)) ?? { failed: 0, lockedUntil: null };
  }

  set(name: string, tries: Tries, now: number): void {
    const k = key(name);
    // Deleted and set again: a Map keeps insertion order, so the first entry is the one tried longest ago.
    this.tries.delete(k);
    this.tries.set(k, tries);
    if (this.tries.size <= this.limit) return;
    let evict: string | undefined;
    for (const [name, t] of this.tries) {
      if (t.lockedUntil === null || t.lockedUntil <= now) {
        evict = name;
        break;
      }
    }
    this.tries.delete(evict ?? this.tries.keys().next().value!);
  }

  get size(): number {
    return this.tries.size;
  }
}

/** User names match without regard to case (the users table's NOCASE, which folds A-Z only; user names are ASCII). */
const key = (name: string): string => name.replace(/[A-Z]/g, (c) => c.toLowerCase());
