import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { argValue, defaultUserDataDir, resolveDatabasePath } from './paths';

describe('where the database lives', () => {
  it('prefers --db, then OCTAVE_DB, then the user-data folder', () => {
    const env = { OCTAVE_DB: '/data/env.sqlite' };
    expect(resolveDatabasePath({ flag: '/data/flag.sqlite', env })).toBe('/data/flag.sqlite');
    expect(resolveDatabasePath({ env })).toBe('/data/env.sqlite');
    expect(resolveDatabasePath({ env: {}, userDataDir: '/u' })).toBe(path.join('/u', 'octave.sqlite'));
  });

  it('uses the same user-data folder Electron uses on each platform', () => {
    expect(defaultUserDataDir('win32', { APPDATA: 'C:\\Users\\nimal\\AppData\\Roaming' })).toContain('Octave Segments');
    expect(defaultUserDataDir('darwin', {})).toMatch(/Library[/\\]Application Support[/\\]Octave Segments$/);
    expect(defaultUserDataDir('linux', { XDG_CONFIG_HOME: '/home/n/.config' })).toBe('/home/n/.config/Octave Segments');
  });

  it('reads --name value and --name=value', () => {
    expect(argValue(['app', '--db', 'a.sqlite'], 'db')).toBe('a.sqlite');
    expect(argValue(['app', '--db=b.sqlite'], 'db')).toBe('b.sqlite');
    expect(argValue(['app'], 'db')).toBeUndefined();
  });
});
