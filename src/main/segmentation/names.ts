import type { Fact } from '../../shared/segmentFacts';
import { type MeasureWords, moneyWords } from '../../shared/measureWords';

/**
 * A segment's generated name, made from its facts (src/shared/segmentFacts.ts)
 * and nothing else: "[status] [level] [category] noun", e.g. "Lapsing Light
 * Shoppers", "Premium Luxury Regulars", "New All-Round Customers". Every word
 * is a fact that holds, and a name always has at least one word that sets
 * the segment apart: never the bare "Shoppers".
 *
 * Names a user changed, and names carried over from the previous model
 * version, are matched by segment centres (train.ts), not by these words,
 * so changing how names are made leaves them alone.
 */

export interface NamedFacts {
  name: string;
  facts: ReadonlySet<Fact>;
}

/** The one status word, most telling first: a lapsed festive shopper is lapsed above all. */
const statuses: Array<[Fact, string]> = [
  ['lapsed', 'Lapsed'],
  ['new', 'New'],
  ['festive', 'Festive-Season'],
  ['lapsing', 'Lapsing'],
];

const leans: Array<[Fact, string]> = [
  ['leansLuxury', 'Luxury'],
  ['leansFresh', 'Fresh'],
  ['leansDry', 'Dry-Goods'],
  ['balanced', 'All-Round'],
];

/** Words for a name that would otherwise say nothing, and for telling clashing names apart; strongest signal first. */
const qualifiers: Array<[Fact, string]> = [
  ['recent', 'Recent'],
  ['bigBasket', 'Big-Basket'],
  ['smallBasket', 'Small-Basket'],
  ['frequent', 'Frequent'],
  ['infrequent', 'Infrequent'],
  ['young', 'Young'],
  ['senior', 'Senior'],
  ['multiOutlet', 'Multi-Outlet'],
  ['longStanding', 'Long-Standing'],
  ['lapsing', 'Lapsing'],
];

/** What a segment average on every measure is called: being in the middle is what sets it apart from the others. */
export const middleName = 'Mid-Range Shoppers';

/** The name and the facts it already says, so a qualifier never repeats one ("Frequent Regulars"). */
export function baseName(facts: ReadonlySet<Fact>, words: MeasureWords = moneyWords): { name: string; said: Set<Fact> } {
  const said = new Set<Fact>();
  const pick = (list: Array<[Fact, string]>): string => {
    const hit = list.find(([f]) => facts.has(f));
    if (!hit) return '';
    said.add(hit[0]);
    return hit[1];
  };
  const status = pick(statuses);
  let level = '';
  // A new customer's total covers only weeks: "Light" would say nothing about them.
  if (said.has('new')) level = '';
  else if (facts.has('leansDry') && facts.has('bigBasket') && !facts.has('frequent')) {
    level = 'Bulk';
    said.add('bigBasket');
  } else if (facts.has('high')) {
    level = words.high;
    said.add('high');
  } else if (facts.has('low')) {
    level = words.low;
    said.add('low');
  }
  const category = pick(leans);
  let noun = 'Shoppers';
  if (said.has('new')) noun = 'Customers';
  else if (facts.has('frequent')) noun = 'Regulars';
  else if (facts.has('infrequent')) noun = 'Occasional Shoppers';
  if (noun === 'Regulars') said.add('frequent');
  if (noun === 'Occasional Shoppers') said.add('infrequent');
  const parts = [status, level, category].filter(Boolean);
  if (parts.length === 0 && noun === 'Shoppers') {
    const extra = qualifiers.find(([f]) => facts.has(f));
    if (!extra) return { name: middleName, said };
    said.add(extra[0]);
    parts.push(extra[1]);
  }
  return { name: [...parts, noun].join(' '), said };
}

/**
 * Names for all segments of a model: distinct, with a qualifier that tells
 * clashing ones apart, or a number as the last resort. Returns, per segment,
 * the facts its name says, so its traits can show each of them.
 */
export function nameSegments(segments: NamedFacts[], words: MeasureWords = moneyWords): Array<ReadonlySet<Fact>> {
  const said = segments.map((s) => {
    const made = baseName(s.facts, words);
    s.name = made.name;
    return made.said;
  });
  const clashes = () => {
    const seen = new Map<string, number[]>();
    segments.forEach((s, i) => seen.set(s.name.toLowerCase(), [...(seen.get(s.name.toLowerCase()) ?? []), i]));
    return [...seen.values()].filter((group) => group.length > 1);
  };
  for (const group of clashes()) {
    const usable = (i: number) => qualifiers.filter(([f]) => segments[i]?.facts.has(f) && !said[i]?.has(f));
    for (const i of group) {
      const own = usable(i);
      // Prefer a word only this one of the clashing segments can claim.
      const q = own.find(([f]) => group.every((j) => j === i || !segments[j]?.facts.has(f))) ?? own[0];
      const s = segments[i];
      if (!q || !s) continue;
      s.name = `${q[1]} ${s.name}`;
      said[i]?.add(q[0]);
    }
  }
  for (const group of clashes()) group.forEach((i, n) => n > 0 && segments[i] && (segments[i].name = `${segments[i].name} ${n + 1}`));
  return said;
}
