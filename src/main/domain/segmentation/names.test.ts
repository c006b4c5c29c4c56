import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FeatureName } from '../../../shared/features';
import { Random } from '../../../shared/random';
import { analyseFile } from '../import/analyse';
import { automaticDecisions } from '../import/decisions';
import { runImport } from '../import/run';
import { databasePerTest, testJob } from '../../testing/database';
import { segmentFacts, type SegmentFigures } from '../../../shared/segmentFacts';
import type { SegmentCampaign, SegmentTrait } from '../../../shared/segments';
import { middleName, nameSegments } from './names';
import { type AllFigures, explainSegment } from './profiles';
import { listSegments } from './store';
import { trainModel } from './train';

/**
 * Names and campaigns against the figures a marketer would read on the
 * segment's page. The checks below restate what each word means in plain
 * numbers, without the facts module, so a rule that drifts from its words
 * is caught.
 */

const all: AllFigures = {
  visits: { mean: 12, median: 10 },
  totalSpend: { mean: 60_000, median: 40_000 },
  basketValue: { mean: 4_000, median: 3_000 },
  recencyDays: { mean: 45, median: 20 },
  tenureDays: { mean: 900, median: 1_000 },
  freshShare: { mean: 0.35, median: 0.3 },
  dryShare: { mean: 0.45, median: 0.45 },
  luxuryShare: { mean: 0.15, median: 0.1 },
  festiveShare: { mean: 0.3, median: 0.28 },
  outletsUsed: { mean: 1.4, median: 1 },
  age: { mean: 40, median: 38 },
  returnsShare: { mean: 0.01, median: 0 },
};

interface Described {
  figures: SegmentFigures;
  name: string;
  traits: SegmentTrait[];
  campaign: SegmentCampaign;
}

/** Names every segment as a model does, then explains each. */
function describe_(segments: SegmentFigures[]): Described[] {
  const named = segments.map((figures) => ({ name: '', facts: segmentFacts(figures) }));
  const said = nameSegments(named);
  return segments.map((figures, i) => {
    const { traits, campaign } = explainSegment({ figures, facts: named[i]!.facts, said: said[i]!, all, months: 12 });
    return { figures, name: named[i]!.name, traits, campaign };
  });
}

const one = (figures: SegmentFigures): Described => describe_([figures])[0]!;

describe('segment names', () => {
  it('call a segment that spends a third on each category All-Round, not after luxury, and never offer to widen what it buys', () => {
    // The tester's segment: luxury well above everyone's 15%, yet no category ahead of the others.
    const s = one({
      z: { luxuryShare: 1.1, freshShare: -0.1, dryShare: -0.6, visits: 0.8, totalSpend: 0.3, recencyDays: -0.6 },
      mean: { freshShare: 0.34, dryShare: 0.33, luxuryShare: 0.33 },
      median: { recencyDays: 6, visits: 30 },
    });
    expect(s.name).toBe('All-Round Regulars');
    expect(s.traits.map((t) => t.text)).toContain('spreads spend evenly across fresh produce (34%), dry goods (33%) and luxury (33%)');
    expect(s.campaign.id).not.toMatch(/cross_category|vip_luxury/);
    expect(s.campaign.rationale).not.toMatch(/widen|come back/);
  });

  it('call a lapsing low-spend group Lapsing Light Shoppers and give the reason from its own figures', () => {
    const s = one({
      z: { recencyDays: 0.7, totalSpend: -0.6, visits: -0.3, basketValue: -0.4, freshShare: 0.2, dryShare: 0.1, luxuryShare: -0.3 },
      mean: { freshShare: 0.4, dryShare: 0.48, luxuryShare: 0.12, totalSpend: 21_000 },
      median: { recencyDays: 48, visits: 6, totalSpend: 15_000 },
    });
    expect(s.name).toBe('Lapsing Light Shoppers');
    expect(s.traits.map((t) => t.feature)).toEqual(expect.arrayContaining(['recencyDays', 'totalSpend']));
    expect(s.campaign).toMatchObject({ id: 'loyalty_multiplier', because: 'longer than most since their last purchase' });
    expect(s.campaign.rationale).toBe(
      'This segment has not shopped for 48 days on median and spends 35% of the average in total, so extra points on their next visits give them a reason to return before they drift away.',
    );
  });

  it('keep names apart within a model with a word that tells them apart, and call an all-average segment Mid-Range', () => {
    const base = { z: { recencyDays: 1.3, visits: -0.8 }, mean: {}, median: { recencyDays: 200 } };
    const names = describe_([base, { ...base, z: { ...base.z, age: -1 } }, { z: { visits: 0.1 }, mean: {}, median: {} }]).map((s) => s.name);
    expect(names).toEqual(['Lapsed Occasional Shoppers', 'Young Lapsed Occasional Shoppers', middleName]);
    // Two words only, until two names clash: then the word the limit left out tells them apart.
    const lapsedLight = { z: { recencyDays: 1.3, totalSpend: -1 }, median: { recencyDays: 200 } };
    const mix = (fresh: number, dry: number) => ({ freshShare: fresh, dryShare: dry, luxuryShare: 1 - fresh - dry });
    expect(describe_([{ ...lapsedLight, z: { ...lapsedLight.z, dryShare: 1 }, mean: mix(0.2, 0.7) }]).map((s) => s.name)).toEqual(['Lapsed Light Shoppers']);
    const pair = describe_([
      { ...lapsedLight, z: { ...lapsedLight.z, dryShare: 1, freshShare: -1 }, mean: mix(0.2, 0.7) },
      { ...lapsedLight, z: { ...lapsedLight.z, freshShare: 1, dryShare: -1 }, mean: mix(0.7, 0.2) },
    ]);
    expect(pair.map((s) => s.name)).toEqual(['Lapsed Light Dry-Goods Shoppers', 'Lapsed Light Fresh Shoppers']);
    expect(pair[0]?.traits.map((t) => t.feature)).toEqual(expect.arrayContaining(['recencyDays', 'totalSpend', 'dryShare']));
  });
});

// Random segments as the model might find them: any mix of z-scores (some features unknown), any category mix, any days.
const zValue = fc.option(fc.double({ min: -3, max: 3, noNaN: true }), { nil: undefined, freq: 6 });
const zFeatures = ['visits', 'totalSpend', 'recencyDays', 'tenureDays', 'basketValue', 'festiveShare', 'outletsUsed', 'age', 'returnsShare'] as const;
const share = fc.double({ min: 0, max: 1, noNaN: true });
const segmentArb = fc
  .record({
    z: fc.record(Object.fromEntries(zFeatures.map((f) => [f, zValue])) as Record<(typeof zFeatures)[number], typeof zValue>),
    shareZ: fc.tuple(fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: -3, max: 3, noNaN: true })),
    // Half the time near an even split, where the balanced band's edge lies.
    mix: fc.oneof(
      fc.tuple(share, share, share),
      fc.tuple(fc.double({ min: 0.2, max: 0.47, noNaN: true }), fc.double({ min: 0.2, max: 0.47, noNaN: true }), fc.double({ min: 0.2, max: 0.47, noNaN: true })),
    ),
    other: fc.oneof(fc.constant(0), share, fc.double({ min: 0, max: 4, noNaN: true })),
    categories: fc.boolean(),
    recencyDays: fc.double({ min: 0, max: 365, noNaN: true }),
    tenureDays: fc.double({ min: 1, max: 2_000, noNaN: true }),
    visits: fc.integer({ min: 1, max: 80 }),
  })
  .map(({ z, shareZ, mix, other, categories, recencyDays, tenureDays, visits }): SegmentFigures => {
    const known: Partial<Record<FeatureName, number>> = Object.fromEntries(Object.entries(z).filter(([, v]) => v !== undefined));
    const total = mix[0] + mix[1] + mix[2] + other || 1;
    const mean: SegmentFigures['mean'] = { visits, totalSpend: 60_000 * Math.exp(known.totalSpend ?? 0), basketValue: 4_000 * Math.exp(known.basketValue ?? 0), festiveShare: 0.3 };
    if (categories) {
      [known.freshShare, known.dryShare, known.luxuryShare] = shareZ;
      [mean.freshShare, mean.dryShare, mean.luxuryShare] = mix.map((m) => m / total);
    }
    return { z: known, mean, median: { recencyDays, tenureDays, visits, age: 40, outletsUsed: 1 } };
  });

const z = (s: SegmentFigures, f: FeatureName) => s.z[f];
const shareOf = (s: SegmentFigures, c: 'fresh' | 'dry' | 'luxury') => s.mean[`${c}Share`] ?? Number.NaN;

/** Even, read straight from the shares: the three hold half the spend at least, and on their own split lie within 20 points of each other. */
function even(s: SegmentFigures): boolean {
  const shares = (['fresh', 'dry', 'luxury'] as const).map((c) => shareOf(s, c));
  if (shares.some(Number.isNaN)) return false;
  const covered = shares.reduce((a, b) => a + b, 0);
  const split = shares.map((x) => x / covered);
  return covered >= 0.5 && Math.max(...split) - Math.min(...split) <= 0.2 + 1e-9;
}

/** What the category's name promises: the biggest of the three, at least 30% of the spend, and the mix not even. */
function leadsWith(s: SegmentFigures, c: 'fresh' | 'dry' | 'luxury'): boolean {
  const others = (['fresh', 'dry', 'luxury'] as const).filter((o) => o !== c);
  return !even(s) && shareOf(s, c) >= 0.3 && others.every((o) => shareOf(s, c) >= shareOf(s, o)) && (z(s, `${c}Share`) ?? 0) > 0;
}

const above = (s: SegmentFigures, f: FeatureName) => (z(s, f) ?? 0) > 0;
const below = (s: SegmentFigures, f: FeatureName) => (z(s, f) ?? 0) < 0;

/** Each word a name may hold, and what must be true of the segment for it to fit. */
const wordFits: Record<string, (s: SegmentFigures) => boolean> = {
  Lapsed: (s) => (z(s, 'recencyDays') ?? 0) >= 1 && (s.median.recencyDays ?? 0) >= 60,
  Lapsing: (s) => above(s, 'recencyDays') && (s.median.recencyDays ?? 0) >= 30,
  Recent: (s) => below(s, 'recencyDays') && (s.median.recencyDays ?? 0) < 30,
  New: (s) => below(s, 'tenureDays') && (s.median.tenureDays ?? Infinity) <= 180,
  'Long-Standing': (s) => above(s, 'tenureDays') && (s.median.tenureDays ?? 0) > 180,
  'Festive-Season': (s) => above(s, 'festiveShare'),
  Premium: (s) => above(s, 'totalSpend'),
  Light: (s) => below(s, 'totalSpend'),
  Bulk: (s) => leadsWith(s, 'dry') && above(s, 'basketValue'),
  Luxury: (s) => leadsWith(s, 'luxury'),
  Fresh: (s) => leadsWith(s, 'fresh'),
  'Dry-Goods': (s) => leadsWith(s, 'dry'),
  'All-Round': even,
  Regulars: (s) => above(s, 'visits'),
  Frequent: (s) => above(s, 'visits'),
  Occasional: (s) => below(s, 'visits'),
  Infrequent: (s) => below(s, 'visits'),
  'Big-Basket': (s) => above(s, 'basketValue'),
  'Small-Basket': (s) => below(s, 'basketValue'),
  Young: (s) => below(s, 'age'),
  Senior: (s) => above(s, 'age'),
  'Multi-Outlet': (s) => above(s, 'outletsUsed'),
  'Single-Outlet': (s) => below(s, 'outletsUsed'),
  'Year-Round': (s) => below(s, 'festiveShare'),
  // Mid-Range: nothing else could be said, so nothing is far from everyone (days aside: they also need the days to speak).
  'Mid-Range': (s) => (['visits', 'totalSpend', 'basketValue', 'festiveShare', 'outletsUsed', 'age'] as const).every((f) => Math.abs(z(s, f) ?? 0) < 1) && !even(s),
};
const nouns = new Set(['Shoppers', 'Customers', 'Regulars']);

describe('names over random segments', () => {
  it('are never the bare "Shoppers": each has a word that sets the segment apart, and every word fits its figures', () => {
    fc.assert(
      fc.property(segmentArb, (figures) => {
        const { name } = one(figures);
        const words = name.split(' ');
        expect(words.some((w) => w in wordFits && !['Shoppers', 'Customers'].includes(w)), name).toBe(true);
        for (const w of words) {
          if (w === 'Shoppers' || w === 'Customers') continue;
          expect(wordFits[w], `"${w}" in ${name} is a known word`).toBeDefined();
          expect(wordFits[w]?.(figures), `"${w}" fits in ${name}: ${JSON.stringify(figures)}`).toBe(true);
        }
        expect(nouns.has(words.at(-1) ?? ''), name).toBe(true);
      }),
      { numRuns: 2_000 },
    );
  });

  it('are distinct within a model', () => {
    fc.assert(
      fc.property(fc.array(segmentArb, { minLength: 2, maxLength: 10 }), (segments) => {
        const names = describe_(segments).map((s) => s.name.toLowerCase());
        expect(new Set(names).size).toBe(names.length);
        expect(names).not.toContain('shoppers');
      }),
      { numRuns: 300 },
    );
  });
});

describe('campaign reasons over random segments', () => {
  it('never contradict the traits, and cite traits that are on the page', () => {
    fc.assert(
      fc.property(segmentArb, (figures) => {
        const { name, traits, campaign } = one(figures);
        const why = campaign.rationale;
        const context = `${name} → ${campaign.id}: ${why} ${JSON.stringify(figures)}`;
        expect(traits.length, context).toBeGreaterThanOrEqual(1);
        expect(traits.length, context).toBeLessThanOrEqual(5);
        // "This segment <trait> and <trait>, so …": each cited trait is one the page lists.
        const [, cited = '', reason = ''] = /^This segment (.+), so (.+)\.$/.exec(why) ?? [];
        const listed = traits.map((t) => t.text.replace(/ \(all customers: [^)]*\)/, ''));
        expect(listed.some((t) => cited.startsWith(t)), context).toBe(true);
        expect(listed.some((t) => cited.endsWith(t)), context).toBe(true);

        if (/come back|before they are lost/.test(reason)) expect(wordFits.Lapsed?.(figures), context).toBe(true);
        if (/return|drift away/.test(reason)) expect(wordFits.Lapsing?.(figures), context).toBe(true);
        if (/welcome|first visits/.test(reason)) expect(wordFits.New?.(figures), context).toBe(true);
        if (/come more often/.test(reason)) expect(below(figures, 'visits'), context).toBe(true);
        if (/widens what they buy/.test(reason)) {
          const offered = /on (luxury|fresh|dry)/.exec(reason)?.[1] as 'luxury' | 'fresh' | 'dry';
          expect(shareOf(figures, offered), context).toBeLessThan(0.1);
        }
        // Someone who already buys all three categories is never offered a first taste of one.
        if ((['fresh', 'dry', 'luxury'] as const).every((c) => shareOf(figures, c) >= 0.1)) expect(campaign.id, context).not.toBe('cross_category');
        if (campaign.id === 'vip_luxury') expect(leadsWith(figures, 'luxury'), context).toBe(true);
        if (campaign.id === 'fresh_bundle') expect(leadsWith(figures, 'fresh'), context).toBe(true);
        if (campaign.id === 'bulk_dry') expect(leadsWith(figures, 'dry') && (z(figures, 'basketValue') ?? 0) > -0.75, context).toBe(true);
        if (campaign.id === 'champions') expect(above(figures, 'visits') && above(figures, 'totalSpend') && below(figures, 'recencyDays'), context).toBe(true);
        if (campaign.id === 'festive') expect(above(figures, 'festiveShare'), context).toBe(true);
        // Recent shoppers are never won back.
        if (below(figures, 'recencyDays') || (figures.median.recencyDays ?? 0) < 30) {
          expect(campaign.id, context).not.toBe('winback');
          expect(reason, context).not.toMatch(/come back|return|lost|drift/);
        }
        // An All-Round segment gets no offer built on one category.
        if (name.includes('All-Round')) expect(['vip_luxury', 'fresh_bundle', 'bulk_dry', 'cross_category'], context).not.toContain(campaign.id);
      }),
      { numRuns: 2_000 },
    );
  });
});

const env = databasePerTest();

/**
 * A year of a small chain's sales lines for three groups of 80 cardholders:
 * weekly shoppers who spend about the same on fresh, dry and luxury; shoppers
 * of mostly fresh produce every few days; and monthly shoppers of small fresh
 * and dry baskets who stopped coming about five months ago.
 */
function writeThreeGroups(file: string): void {
  const rng = new Random(14);
  const end = Date.UTC(2026, 9, 31);
  const day = 86_400_000;
  const products = { Fresh: ['FR001', 'Carrots 1kg'], Dry: ['DR001', 'Red rice 5kg'], Luxury: ['LX001', 'Chocolate gift box'] } as const;
  const lines = ['Date,Invoice,CustomerID,Outlet,ProductCode,Product,Category,Quantity,UnitPrice,Amount'];
  let invoice = 0;
  const groups: Array<{ every: number; stopDaysAgo: [number, number]; basket: Record<keyof typeof products, number> }> = [
    { every: 7, stopDaysAgo: [0, 6], basket: { Fresh: 1_000, Dry: 1_000, Luxury: 1_000 } },
    { every: 3, stopDaysAgo: [0, 3], basket: { Fresh: 2_600, Dry: 300, Luxury: 0 } },
    { every: 30, stopDaysAgo: [130, 180], basket: { Fresh: 400, Dry: 500, Luxury: 0 } },
  ];
  groups.forEach((g, gi) => {
    for (let c = 0; c < 80; c++) {
      const customer = `M${gi}${String(c).padStart(3, '0')}`;
      const outlet = ['Kandy', 'Galle', 'Negombo'][c % 3];
      for (let t = end - rng.int(0, g.every) * day - 364 * day; t <= end - rng.int(...g.stopDaysAgo) * day; t += (g.every + rng.int(-2, 2)) * day) {
        const date = new Date(t).toISOString().slice(0, 10);
        invoice++;
        for (const [category, amount] of Object.entries(g.basket) as Array<[keyof typeof products, number]>) {
          if (amount === 0) continue;
          const price = Math.round(amount * (0.8 + 0.4 * rng.next()));
          lines.push(`${date} 10:00:00,B${invoice},${customer},${outlet},${products[category][0]},${products[category][1]},${category},1,${price}.00,${price}.00`);
        }
      }
    }
  });
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

describe('names on an imported chain', () => {
  it('name a balanced group All-Round and a lapsed low-spend group for both, with campaigns that fit', async () => {
    const file = env.tmp.file('three-groups.csv');
    writeThreeGroups(file);
    const analysis = await analyseFile(env.conn.sqlite, { file }, testJob);
    await runImport(env.conn.sqlite, automaticDecisions(analysis).decisions, testJob);
    await trainModel(env.conn.sqlite, { k: 3 }, testJob);
    const segments = listSegments(env.conn.sqlite);
    const groupOf = (prefix: string) => {
      const segment = env.conn.sqlite
        .prepare("SELECT s.segment FROM customer_segments s JOIN customers c ON c.id = s.customer_id WHERE c.code LIKE ? GROUP BY s.segment ORDER BY count(*) DESC")
        .pluck()
        .get(`${prefix}%`);
      const found = segments.find((s) => s.segment === segment);
      if (!found) throw new Error(`no segment for ${prefix}`);
      return found;
    };
    const balanced = groupOf('M0');
    expect(balanced.name).toBe('All-Round Shoppers');
    expect(balanced.traits.map((t) => t.text)).toContain('spreads spend evenly across fresh produce (33%), dry goods (33%) and luxury (33%)');
    expect(balanced.campaign.id).toBe('loyalty_multiplier');
    expect(balanced.campaign.rationale).not.toMatch(/widen|another category|come back/);

    const lapsed = groupOf('M2');
    expect(lapsed.name).toBe('Lapsed Light Shoppers');
    expect(lapsed.campaign.id).toBe('winback');
    expect(lapsed.campaign.rationale).toMatch(/^This segment has not shopped for 1\d\d days on median and spends \d+% of the average in total, so /);

    expect(groupOf('M1').name).toBe('Premium Fresh Regulars');
    expect(new Set(segments.map((s) => s.name)).size).toBe(3);
  }, 60_000);
});
