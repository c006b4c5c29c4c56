import outletList from '../../../../resources/outlets.json';
import { Random } from '../../../shared/random';
import { demoProducts, type DemoProduct } from './catalogue';
import { addMonths, dayNumber, isoDay, monthStart } from '../../../shared/days';

/**
 * A deterministic generator of a Sri Lankan supermarket chain's loyalty data:
 * customers drawn from a handful of shopper archetypes, and a year of their
 * sales lines, with the Sinhala and Tamil New Year (April) and December peaks.
 *
 * Each customer has its own random stream seeded from (seed, index), so the
 * same options give the same data, and a customer's archetype can be
 * recomputed alone (the hidden label segmentation tests score against).
 */

export interface DemoOutlet {
  name: string;
  city: string;
  province: string;
  size: number;
  metro: boolean;
}
export const demoOutlets: readonly DemoOutlet[] = outletList;

type ShoppingCategory = DemoProduct['category'];
const shoppingCategories: readonly ShoppingCategory[] = ['fresh', 'dry', 'luxury'];

export interface Archetype {
  key: string;
  label: string;
  share: number;
  /** Baskets per month outside the seasonal peaks. */
  visitsPerMonth: number;
  /** Probability that a basket contains the category. */
  categoryChance: Record<ShoppingCategory, number>;
  /** Lines bought in a category when it is in the basket: [min, max]. */
  linesPerCategory: Record<ShoppingCategory, [number, number]>;
  quantity: [number, number];
  /** > 0 leans to dearer products, < 0 to cheaper ones. */
  priceTier: number;
  age: [mean: number, sd: number];
  femaleShare: number;
  /** Weight multiplier for outlets in the metro areas. */
  metroAffinity: number;
  /** Share of baskets bought away from the home outlet. */
  awayShare: number;
  pattern: 'steady' | 'lapsed' | 'new' | 'festive';
}

const one: [number, number] = [1, 1];

export const archetypes: readonly Archetype[] = [
  {
    key: 'premium_luxury', label: 'Premium luxury regulars', share: 0.1, visitsPerMonth: 1.2,
    categoryChance: { fresh: 0.7, dry: 0.5, luxury: 0.85 },
    linesPerCategory: { fresh: one, dry: one, luxury: one },
    quantity: [1, 2], priceTier: 0.6, age: [47, 9], femaleShare: 0.55, metroAffinity: 4, awayShare: 0.25,
    pattern: 'steady',
  },
  {
    key: 'fresh_daily', label: 'Fresh-produce daily shoppers', share: 0.18, visitsPerMonth: 2.2,
    categoryChance: { fresh: 0.97, dry: 0.18, luxury: 0.02 },
    linesPerCategory: { fresh: [1, 2], dry: one, luxury: one },
    quantity: [1, 3], priceTier: 0, age: [57, 9], femaleShare: 0.65, metroAffinity: 1, awayShare: 0.05,
    pattern: 'steady',
  },
  {
    key: 'bulk_dry', label: 'Monthly bulk stockers', share: 0.16, visitsPerMonth: 1,
    categoryChance: { fresh: 0.3, dry: 1, luxury: 0.04 },
    linesPerCategory: { fresh: one, dry: [2, 3], luxury: one },
    quantity: [2, 5], priceTier: -0.3, age: [38, 7], femaleShare: 0.5, metroAffinity: 1, awayShare: 0.1,
    pattern: 'steady',
  },
  {
    key: 'budget_occasional', label: 'Occasional budget shoppers', share: 0.2, visitsPerMonth: 0.6,
    categoryChance: { fresh: 0.5, dry: 0.7, luxury: 0.02 },
    linesPerCategory: { fresh: one, dry: one, luxury: one },
    quantity: [1, 2], priceTier: -1.2, age: [24, 4], femaleShare: 0.45, metroAffinity: 1, awayShare: 0.3,
    pattern: 'steady',
  },
  {
    key: 'lapsed', label: 'Lapsed customers', share: 0.13, visitsPerMonth: 2.2,
    categoryChance: { fresh: 0.6, dry: 0.6, luxury: 0.15 },
    linesPerCategory: { fresh: one, dry: [1, 2], luxury: one },
    quantity: [1, 3], priceTier: 0, age: [42, 13], femaleShare: 0.5, metroAffinity: 1, awayShare: 0.1,
    pattern: 'lapsed',
  },
  {
    key: 'new', label: 'New customers', share: 0.1, visitsPerMonth: 2.5,
    categoryChance: { fresh: 0.6, dry: 0.6, luxury: 0.2 },
    linesPerCategory: { fresh: one, dry: one, luxury: one },
    quantity: [1, 2], priceTier: 0.2, age: [29, 6], femaleShare: 0.5, metroAffinity: 1.5, awayShare: 0.15,
    pattern: 'new',
  },
  {
    key: 'festive', label: 'Festive-season shoppers', share: 0.13, visitsPerMonth: 0.25,
    categoryChance: { fresh: 0.4, dry: 0.8, luxury: 0.6 },
    linesPerCategory: { fresh: one, dry: [1, 2], luxury: [1, 2] },
    quantity: [1, 3], priceTier: 0.2, age: [41, 11], femaleShare: 0.5, metroAffinity: 1, awayShare: 0.15,
    pattern: 'festive',
  },
];

export interface DemoOptions {
  customers: number;
  seed?: number;
  /** Last day of the year of sales, `YYYY-MM-DD`. */
  endDate?: string;
}

export const defaultDemoOptions = { customers: 50_000, seed: 20_261_101, endDate: '2026-10-31' } as const;

export interface DemoCustomer {
  code: string;
  age: number;
  gender: 'F' | 'M' | 'X';
  /** Index into `demoOutlets`. */
  homeOutlet: number;
  joinedOn: string;
  /** Index into `archetypes`: the hidden truth, never stored. */
  archetype: number;
}

export interface DemoLine {
  soldAt: string;
  basket: string;
  /** Index into `demoOutlets`. */
  outlet: number;
  /** Index into `demoProducts`. */
  product: number;
  quantity: number;
  amountCents: number;
}

/** Mixes the seed and a customer index into an independent 32-bit seed. */
function mixSeed(seed: number, index: number): number {
  let h = (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

interface Month {
  first: number;
  last: number;
  calendarMonth: number;
  /** Days of the festival inside this month, if any. */
  festival: [number, number] | null;
}

/** Pre-computed tables shared by every customer of one run. */
class Plan {
  readonly start: number;
  readonly end: number;
  readonly months: Month[] = [];
  readonly dayLabels: string[] = [];
  readonly archetypeWeights = archetypes.map((a) => a.share);
  /** Per archetype: outlet weights for the home outlet. */
  readonly homeWeights: number[][];
  /** Per archetype and category: product indices and their weights. */
  readonly productChoice: Array<Record<ShoppingCategory, { products: number[]; weights: number[]; total: number }>>;

  constructor(endDate: string) {
    this.end = dayNumber(endDate);
    if (Number.isNaN(this.end)) throw new RangeError(`Not a date: ${endDate}`);
    const firstMonth = addMonths(monthStart(isoDay(this.end)), -11);
    this.start = dayNumber(firstMonth);
    for (let d = this.start; d <= this.end; d++) this.dayLabels.push(isoDay(d));
    for (let m = 0; m < 12; m++) {
      const firstDay = addMonths(firstMonth, m);
      const first = dayNumber(firstDay);
      const last = Math.min(dayNumber(addMonths(firstMonth, m + 1)) - 1, this.end);
      const calendarMonth = Number(firstDay.slice(5, 7)) - 1;
      // Avurudu shopping peaks in the days before 13-14 April; Christmas from mid-December.
      const festival: [number, number] | null =
        calendarMonth === 3 ? [first + 4, first + 12] : calendarMonth === 11 ? [first + 14, last] : null;
      this.months.push({ first, last, calendarMonth, festival });
    }
    this.homeWeights = archetypes.map((a) => demoOutlets.map((o) => o.size * (o.metro ? a.metroAffinity : 1)));
    this.productChoice = archetypes.map((a) => {
      const choice = {} as Plan['productChoice'][number];
      for (const category of shoppingCategories) {
        const products: number[] = [];
        const weights: number[] = [];
        demoProducts.forEach((p, i) => {
          if (p.category !== category) return;
          products.push(i);
          weights.push(Math.pow(p.price / 1000, a.priceTier));
        });
        choice[category] = { products, weights, total: weights.reduce((s, w) => s + w, 0) };
      }
      return choice;
    });
  }

  label(day: number): string {
    return this.dayLabels[day - this.start] ?? isoDay(day);
  }
}

function seasonalFactor(archetype: Archetype, month: Month): number {
  const festive = archetype.pattern === 'festive';
  if (month.calendarMonth === 3) return festive ? 10 : 1.25;
  if (month.calendarMonth === 11) return festive ? 12 : 1.3;
  return 1;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export class DemoGenerator {
  readonly options: Required<DemoOptions>;
  private readonly plan: Plan;
  private basketCounter = 0;

  constructor(options: DemoOptions) {
    this.options = { ...defaultDemoOptions, ...options };
    if (!Number.isInteger(this.options.customers) || this.options.customers < 1) {
      throw new RangeError('The number of customers must be a whole number above zero');
    }
    this.plan = new Plan(this.options.endDate);
  }

  get period(): { first: string; last: string } {
    return { first: this.plan.label(this.plan.start), last: this.plan.label(this.plan.end) };
  }

  /** Customer `index` and every sales line of theirs. Call in index order for stable basket numbers. */
  customer(index: number): { customer: DemoCustomer; lines: DemoLine[] } {
    const plan = this.plan;
    const rng = new Random(mixSeed(this.options.seed, index));
    const archetypeIndex = rng.weighted(plan.archetypeWeights, 1);
    const a = archetypes[archetypeIndex] as Archetype;
    const age = Math.round(Math.min(85, Math.max(18, rng.normal(a.age[0], a.age[1]))));
    const g = rng.next();
    const gender = g < 0.005 ? 'X' : g < 0.005 + a.femaleShare ? 'F' : 'M';
    const homeWeights = plan.homeWeights[archetypeIndex] as number[];
    const homeOutlet = rng.weighted(homeWeights);
    let awayOutlet = rng.weighted(homeWeights);
    if (awayOutlet === homeOutlet) awayOutlet = (homeOutlet + 1) % demoOutlets.length;

    let joined: number;
    let activeFrom = plan.start;
    let activeTo = plan.end;
    if (a.pattern === 'new') {
      joined = plan.end - rng.int(10, 75);
      activeFrom = joined;
    } else {
      joined = plan.start - rng.int(30, 1800);
    }
    if (a.pattern === 'lapsed') {
      const lastMonth = plan.months[rng.int(1, 3)] as Month;
      activeTo = lastMonth.last;
    }

    const customer: DemoCustomer = {
      code: `LC${String(index + 1).padStart(7, '0')}`,
      age,
      gender,
      homeOutlet,
      joinedOn: plan.label(joined),
      archetype: archetypeIndex,
    };

    const lines: DemoLine[] = [];
    const choice = plan.productChoice[archetypeIndex] as Plan['productChoice'][number];
    let lastBought = -1;
    for (const month of plan.months) {
      const first = Math.max(month.first, activeFrom);
      const last = Math.min(month.last, activeTo);
      if (first > last) continue;
      const coverage = (last - first + 1) / (month.last - month.first + 1);
      const visits = rng.poisson(a.visitsPerMonth * seasonalFactor(a, month) * coverage);
      const luxuryBoost = month.festival ? 1.5 : 1;
      for (let v = 0; v < visits; v++) {
        let day = rng.int(first, last);
        if (month.festival && rng.next() < (a.pattern === 'festive' ? 0.75 : 0.35)) {
          const [f0, f1] = month.festival;
          const lo = Math.max(f0, first);
          const hi = Math.min(f1, last);
          if (lo <= hi) day = rng.int(lo, hi);
        }
        const time = `${pad2(rng.int(8, 20))}:${pad2(rng.int(0, 59))}:${pad2(rng.int(0, 59))}`;
        const soldAt = `${plan.label(day)} ${time}`;
        const outlet = rng.next() < a.awayShare ? awayOutlet : homeOutlet;
        const basket = `B${String(++this.basketCounter).padStart(9, '0')}`;
        const before = lines.length;
        for (const category of shoppingCategories) {
          const chance = category === 'luxury' ? Math.min(0.97, a.categoryChance.luxury * luxuryBoost) : a.categoryChance[category];
          if (rng.next() >= chance) continue;
          const [lo, hi] = a.linesPerCategory[category];
          const n = rng.int(lo, hi);
          for (let k = 0; k < n; k++) lines.push(this.line(rng, a, choice, category, soldAt, basket, outlet));
        }
        if (lines.length === before) {
          const dominant = shoppingCategories.reduce((best, c) => (a.categoryChance[c] > a.categoryChance[best] ? c : best));
          lines.push(this.line(rng, a, choice, dominant, soldAt, basket, outlet));
        }
        // About one basket in a hundred comes with a return of something bought last time.
        if (lastBought >= 0 && rng.next() < 0.01) {
          const product = demoProducts[lastBought] as DemoProduct;
          lines.push({
            soldAt,
            basket: `R${basket.slice(1)}`,
            outlet,
            product: lastBought,
            quantity: -1,
            amountCents: -product.price * 100,
          });
        }
        lastBought = lines[before]?.product ?? lastBought;
      }
    }
    return { customer, lines };
  }

  private line(
    rng: Random,
    a: Archetype,
    choice: Plan['productChoice'][number],
    category: ShoppingCategory,
    soldAt: string,
    basket: string,
    outlet: number,
  ): DemoLine {
    const { products, weights, total } = choice[category];
    const product = products[rng.weighted(weights, total)] as number;
    const quantity = category === 'luxury' ? 1 : rng.int(a.quantity[0], a.quantity[1]);
    const price = (demoProducts[product] as DemoProduct).price;
    return { soldAt, basket, outlet, product, quantity, amountCents: quantity * price * 100 };
  }
}

/** The archetype the generator gave customer `index` (the hidden label), without generating its sales. */
export function demoArchetypeOf(index: number, seed: number = defaultDemoOptions.seed): number {
  const rng = new Random(mixSeed(seed, index));
  return rng.weighted(
    archetypes.map((a) => a.share),
    1,
  );
}
