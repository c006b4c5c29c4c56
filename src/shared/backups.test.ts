import { describe, expect, it } from 'vitest';
import { backupTimes, restoreQuestion } from './backups';

const at = (minute: number, second: number): string => new Date(2026, 11, 1, 12, minute, second).toISOString();

describe('when each backup in the Settings list was taken', () => {
  it('shows seconds only where two backups share a minute, on this computer’s clock, day first', () => {
    const times = backupTimes([
      { name: 'c', takenAt: at(19, 42) },
      { name: 'b', takenAt: at(19, 5) },
      { name: 'a', takenAt: at(12, 30) },
    ]);
    expect(Object.fromEntries(times)).toEqual({ c: '1 Dec 2026, 12:19:42', b: '1 Dec 2026, 12:19:05', a: '1 Dec 2026, 12:12' });
    expect(restoreQuestion({ takenAt: at(19, 5) }, times.get('b'))).toMatch(/^Replace all current data with the backup of 1 Dec 2026, 12:19:05\?/);
  });
});
