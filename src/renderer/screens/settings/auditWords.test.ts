import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../shared/auth';
import { details, who } from './auditWords';

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  id: 1,
  at: '2026-11-23T09:00:00.000Z',
  username: null,
  action: 'signInFailed',
  detail: '',
  repeats: 1,
  lastAt: null,
  ...over,
});

describe('the audit log, as the administrator reads it', () => {
  it('shows an entry written before invisible characters were escaped with them made visible, not reversed', () => {
    // The line as the audit log stored it before the fix: the override would show it as "... malloryimned signed in OK".
    const old = entry({ detail: 'Unknown user name "mallory\u202Edenmi\u202C signed in OK"', username: 'Tester\u200BAdmin' });
    expect(details(old)).toBe('Unknown user name "mallory⟨U+202E⟩denmi⟨U+202C⟩ signed in OK"');
    expect(who(old)).toBe('Tester⟨U+200B⟩Admin');
    expect(details(entry({ action: 'refused', detail: 'x\u2066y', repeats: 3, lastAt: '2026-11-23T09:00:05.000Z' }))).toMatch(/^x⟨U\+2066⟩y \(3 times, the last at 23 Nov 2026, \d\d:\d\d:05\)$/);
    expect(who(entry({ action: 'refused' }))).toBe('not signed in');
    // Sinhala and Tamil keep their joiners.
    expect(details(entry({ detail: 'Outlet "ශ්‍රී ලංකා" renamed' }))).toBe('Outlet "ශ්‍රී ලංකා" renamed');
  });
});
