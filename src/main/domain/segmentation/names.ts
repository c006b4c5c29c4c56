import type { Fact } from '../../../shared/segmentFacts';
import { type MeasureWords, moneyWords } from '../../../shared/measureWords';

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
  ['singleOutlet', 'Single-Outlet'],
  ['yearRound', 'Year-Round'],
  ['longStanding', 'Long-Standing'],
  ['lapsing', 'Lapsing'],
];

/** What a segment average on every measure is called: being in the middle is what sets it apart from the others. */
export const middleName = 'Mid-Range Shoppers';

/** The most words a name takes before its noun, so it fits on a segment card; a clash may add one. */
const maxWords = 2;

/** The name and the facts it already says, so a qualifier never repeats one ("Frequent Regulars"). */
export function baseName(facts: ReadonlySet<Fact>, words: MeasureWords = moneyWords, most = maxWords): { name: string; said: Set<Fact> } {
  const isNew = facts.has('new');
  // Candidates, most telling first: status, spend level, category, visiting habit.
  const candidates: Array<{ says: Fact[]; word: string }> = [];
  const first = (list: Array<[Fact, string]>) => list.find(([f]) => facts.has(f));
  const status = first(statuses);
  if (status) candidates.push({ says: [status[0]], word: status[1] });
  // A new customer's total covers only weeks: "Light" would say nothing about them.
  if (!isNew) {
    if (facts.has('leansDry') && facts.has('bigBasket') && !facts.has('frequent')) candidates.push({ says: ['leansDry', 'bigBasket'], word: 'Bulk' });
    else if (facts.has('high')) candidates.push({ says: ['high'], word: words.high });
    else if (facts.has('low')) candidates.push({ says: ['low'], word: words.low });
  }
  const lean = first(leans);
  if (lean) candidates.push({ says: [lean[0]], word: lean[1] });
  if (!isNew && !facts.has('frequent') && facts.has('infrequent')) candidates.push({ says: ['infrequent'], word: 'Occasional' });

  const kept = candidates.slice(0, most);
  const said = new Set<Fact>(kept.flatMap((c) => c.says));
  let noun = 'Shoppers';
  if (isNew) noun = 'Customers';
  else if (facts.has('frequent')) {
    noun = 'Regulars';
    said.add('frequent');
  }
  const parts = kept.map((c) => c.word);
  if (parts.length === 0 && noun === 'Shoppers') {
    const extra = first(qualifiers);
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
  const said: Array<Set<Fact>> = segments.map((s) => {
    const made = baseName(s.facts, words);
    s.name = made.name;
    return made.said;
  });
  const clashes = () => {
    const seen = new Map<string, number[]>();
    segments.forEach((s, i) => seen.set(s.name.toLowerCase(), [...(seen.get(s.name.toLowerCase()) ?? []), i]));
    return [...seen.values()].filter((group) => group.length > 1);
  };
  // First the word the length limit left out ("Lapsed Light Dry-Goods Shoppers"), then a qualifier.
  for (const group of clashes()) {
    for (const i of group) {
      const longer = baseName(segments[i]!.facts, words, maxWords + 1);
      segments[i]!.name = longer.name;
      said[i] = longer.said;
    }
  }
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
