import { describe, expect, it } from 'vitest';
import { demoProducts } from './catalogue';
import { archetypes, demoArchetypeOf, DemoGenerator, demoOutlets } from './generator';

function generate(customers: number, seed?: number) {
  const g = new DemoGenerator({ customers, ...(seed === undefined ? {} : { seed }) });
  return Array.from({ length: customers }, (_, i) => g.customer(i));
}

describe('demo generator', () => {
  it('gives the same customers and sales for the same seed, and different ones for another', () => {
    const a = generate(300, 7);
    const b = generate(300, 7);
    const c = generate(300, 8);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('covers twenty Sri Lankan outlets, three categories and a year of sales', () => {
    expect(demoOutlets).toHaveLength(20);
    expect(demoOutlets.map((o) => o.name)).toEqual(expect.arrayContaining(['Colombo', 'Kandy', 'Galle', 'Jaffna', 'Nuwara Eliya']));
    for (const category of ['fresh', 'dry', 'luxury'] as const) {
      expect(demoProducts.filter((p) => p.category === category).length).toBeGreaterThanOrEqual(24);
    }
    const g = new DemoGenerator({ customers: 1 });
    expect(g.period).toEqual({ first: '2025-11-01', last: '2026-10-31' });
  });

  it('draws customers from every archetype in about their intended shares', () => {
    const n = 20_000;
    const counts = new Array<number>(archetypes.length).fill(0);
    for (let i = 0; i < n; i++) counts[demoArchetypeOf(i)]! += 1;
    archetypes.forEach((a, i) => expect(Math.abs(counts[i]! / n - a.share)).toBeLessThan(0.015));
  });

  it('tells a customer\'s hidden archetype without generating its sales', () => {
    const g = new DemoGenerator({ customers: 200 });
    for (let i = 0; i < 200; i++) expect(demoArchetypeOf(i)).toBe(g.customer(i).customer.archetype);
  });

  it('makes archetypes that shop differently (what segmentation must find)', () => {
    const rows = generate(6000);
    const by = (key: string) => rows.filter((r) => archetypes[r.customer.archetype]?.key === key);
    const spendShare = (group: typeof rows, category: string) => {
      let part = 0;
      let all = 0;
      for (const r of group)
        for (const l of r.lines) {
          all += l.amountCents;
          if (demoProducts[l.product]?.category === category) part += l.amountCents;
        }
      return part / all;
    };
    const lastSale = (group: typeof rows) =>
      group.map((r) => r.lines.reduce((m, l) => (l.soldAt > m ? l.soldAt : m), '')).sort()[Math.floor(group.length / 2)] ?? '';
    const visits = (group: typeof rows) =>
      group.reduce((s, r) => s + new Set(r.lines.filter((l) => l.quantity > 0).map((l) => l.basket)).size, 0) / group.length;

    expect(spendShare(by('premium_luxury'), 'luxury')).toBeGreaterThan(0.5);
    expect(spendShare(by('fresh_daily'), 'fresh')).toBeGreaterThan(0.6);
    expect(spendShare(by('bulk_dry'), 'dry')).toBeGreaterThan(0.7);
    expect(lastSale(by('lapsed')) < '2026-03-01').toBe(true);
    expect(by('new').every((r) => r.customer.joinedOn >= '2026-08-01')).toBe(true);
    expect(visits(by('fresh_daily'))).toBeGreaterThan(3 * visits(by('budget_occasional')));
  });

  it('peaks around the Sinhala and Tamil New Year and in December', () => {
    const perMonth = new Map<string, number>();
    for (const r of generate(4000)) for (const l of r.lines) perMonth.set(l.soldAt.slice(0, 7), (perMonth.get(l.soldAt.slice(0, 7)) ?? 0) + l.amountCents);
    const values = [...perMonth.values()];
    const average = values.reduce((s, v) => s + v, 0) / values.length;
    expect(perMonth.get('2026-04')!).toBeGreaterThan(1.3 * average);
    expect(perMonth.get('2025-12')!).toBeGreaterThan(1.3 * average);
  });

  it('writes returns as negative lines and amounts as quantity times price', () => {
    const lines = generate(3000).flatMap((r) => r.lines);
    const returns = lines.filter((l) => l.quantity < 0);
    expect(returns.length).toBeGreaterThan(0);
    expect(returns.every((l) => l.amountCents < 0 && l.basket.startsWith('R'))).toBe(true);
    for (const l of lines.slice(0, 500)) expect(l.amountCents).toBe(l.quantity * demoProducts[l.product]!.price * 100);
  });
});
