import { describe, expect, it } from 'vitest';
import { UnknownNames } from './unknownNames';

describe('failed tries of unknown user names', () => {
  it('keeps a bounded number of names, forgetting unlocked ones before a locked one', () => {
    const names = new UnknownNames(3);
    const now = 1_000_000;
    names.set('locked', { failed: 0, lockedUntil: now + 300_000 }, now);
    for (let i = 0; i < 10; i++) names.set(`guess-${i}`, { failed: 1, lockedUntil: null }, now);
    expect(names.size).toBe(3);
    expect(names.get('LOCKED')).toEqual({ failed: 0, lockedUntil: now + 300_000 });
    expect(names.get('guess-9')).toEqual({ failed: 1, lockedUntil: null });
    expect(names.get('guess-0')).toEqual({ failed: 0, lockedUntil: null });
    // Once its lock is over, a locked name is as forgettable as any.
    names.set('guess-10', { failed: 1, lockedUntil: null }, now + 300_000);
    names.set('guess-11', { failed: 1, lockedUntil: null }, now + 300_000);
    expect(names.get('locked')).toEqual({ failed: 0, lockedUntil: null });
    // When every name is locked, the one tried longest ago goes.
    const full = new UnknownNames(2);
    for (const n of ['a1', 'b2', 'c3']) full.set(n, { failed: 0, lockedUntil: now + 1 }, now);
    expect([full.get('a1').lockedUntil, full.get('b2').lockedUntil, full.get('c3').lockedUntil]).toEqual([null, now + 1, now + 1]);
  });
});
