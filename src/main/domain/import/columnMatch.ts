/*
 * Which column is which field, with how sure and why, as a person would
 * judge it. Tried in order, each a little less sure than the one before:
 * one of the field's usual names as typed; the same words written another
 * way (plurals, abbreviations); the same words in another order; and the
 * wording of the fields real exports qualify or spell out (outlet + town,
 * member / loyalty numbers, product groups). Hand-written: see headerWords.ts.
 */
import { headerWords, type HeaderWords } from './headerWords';
import type { ColumnMatchView, ImportCheck } from '../../../shared/importViews';

export interface MatchableField {
  key: string;
  label: string;
  synonyms: readonly string[];
  rule?: 'customer' | 'outlet' | 'homeOutlet' | 'category' | 'spend' | undefined;
  stems?: readonly string[] | undefined;
}

export type ColumnMatch = ColumnMatchView;

/** A field two or more columns fit equally: the columns, the one taken first. */
export type AmbiguousField = ImportCheck['ambiguousColumns'][number];

export interface MatchResult {
  mapping: Record<string, number | null>;
  matches: ColumnMatch[];
  ambiguous: AmbiguousField[];
}

interface Score {
  confidence: number;
  /** Among equally sure matches for one field, lower is stronger. */
  rank: number;
  reason: string;
  /** The reason says more than "same name, written out" would (member numbers as the customer). */
  telling?: boolean;
}

interface Prepared {
  field: MatchableField;
  names: HeaderWords[];
  /** A spend field's category names, as words. */
  stems: string[][];
  /** The field's own name, squashed: a header written so is "same name". */
  labels: Set<string>;
}

const prepared = new WeakMap<MatchableField, Prepared>();

function prepare(field: MatchableField): Prepared {
  let p = prepared.get(field);
  if (!p) {
    // "Category / department" and "Time (if separate)" go by each part too.
    const parts = [field.label, ...field.label.replace(/\(.*?\)/g, '').split('/')];
    p = { field, names: field.synonyms.map(headerWords), stems: (field.stems ?? []).map((x) => headerWords(x).words), labels: new Set(parts.map((l) => headerWords(l).squashed).filter((l) => l !== '')) };
    prepared.set(field, p);
  }
  return p;
}

function writtenAnotherWay(h: HeaderWords, name: HeaderWords, synonym: string): string {
  if (h.expanded.length > 0) return `same name, with ${h.expanded.map(([a, b]) => `“${a}” read as ${b}`).join(', ')}`;
  if (name.expanded.length > 0) return `same name as “${synonym}”, written out`;
  if (h.plural || name.plural) return 'same name, singular or plural';
  return 'same name, written another way';
}

function scoreNames(p: Prepared, h: HeaderWords): Score | null {
  const exact = p.names.findIndex((n) => n.squashed === h.squashed);
  if (exact >= 0) return { confidence: 1, rank: exact, reason: p.labels.has(h.squashed) ? 'same name' : `a usual name for the ${p.field.label}` };
  // A plural name in the singular is another thing: "Unit" is a unit of measure, not "Units" sold; "Visit" is not "Visits".
  const fits = (n: HeaderWords): boolean => !(n.plural && !h.plural && n.words.length === 1);
  const same = p.names.findIndex((n) => fits(n) && n.phrase === h.phrase);
  if (same >= 0) return { confidence: 0.95, rank: same, reason: writtenAnotherWay(h, p.names[same] as HeaderWords, p.field.synonyms[same] ?? '') };
  const reordered = p.names.findIndex((n) => fits(n) && n.bag === h.bag);
  if (reordered >= 0) return { confidence: 0.9, rank: reordered, reason: 'same words in another order' };
  return null;
}

const outletHeads = new Set(['outlet', 'store', 'shop', 'branch', 'location', 'site']);
/** What an outlet column is qualified by, in tiers: a name is as good as a town; a code is a little less sure. */
const outletQualifiers: Record<string, number> = { name: 0, city: 1, town: 1, location: 1, place: 1, locality: 1, site: 1, code: 2, id: 2, number: 2 };
const homeWords = new Set(['home', 'main', 'preferred', 'registered', 'primary', 'usual', 'regular']);

function outletRule(words: readonly string[], home: boolean): Score | null {
  const head = words.find((w) => outletHeads.has(w));
  if (head === undefined) return null;
  const qualifiers = words.filter((w) => w !== head);
  if (qualifiers.length === 0) return null;
  let tier = 0;
  for (const w of qualifiers) {
    if (w in outletQualifiers) tier = Math.max(tier, outletQualifiers[w] as number);
    else if (!(home && homeWords.has(w)) && !outletHeads.has(w)) return null;
  }
  return { confidence: tier === 2 ? 0.8 : 0.9, rank: 100 + tier, reason: `outlet named with a qualifier: ${qualifiers.join(' ')}` };
}

const memberWords = new Set(['member', 'membership', 'loyalty', 'card', 'club', 'reward']);
const customerWords = new Set(['customer', 'client', 'shopper']);
const idWords = new Set(['id', 'number', 'code', 'ref', 'reference', 'key']);

function customerRule(words: readonly string[]): Score | null {
  if (!words.every((w) => memberWords.has(w) || customerWords.has(w) || idWords.has(w))) return null;
  // "Member" alone might be a yes/no flag and "Card" how someone paid; a number, or a loyalty card, names the person.
  // "Customer Card" and "Loyalty Card" name the person's card; "Card" alone may be how they paid.
  const namedCard = words.includes('card') && words.some((w) => w !== 'card' && (memberWords.has(w) || customerWords.has(w)));
  if (!words.some((w) => idWords.has(w)) && !namedCard) return null;
  const member = words.some((w) => memberWords.has(w) && w !== 'card') || (words.includes('card') && !words.some((w) => customerWords.has(w)));
  if (member) return { confidence: 0.9, rank: 100, reason: 'member/loyalty number taken as the customer', telling: true };
  if (namedCard) return { confidence: 0.9, rank: 100, reason: 'customer card number taken as the customer', telling: true };
  if (words.some((w) => customerWords.has(w))) return { confidence: 0.85, rank: 101, reason: 'customer named with a qualifier' };
  return null;
}

/** How fine a category column is: sub-departments inside categories inside departments. */
const categoryHeads: Record<string, number> = { department: 1, division: 1, section: 1, category: 2, group: 2, family: 2, class: 2, type: 2 };
const categoryWords = new Set(['sub', 'item', 'product', 'article', 'merchandise', 'sale', 'main', 'goods', 'name', 'description', 'code', 'id', 'number']);

/** The category level a header names (3 finest), or null when it is not category wording. */
export function categoryLevel(words: readonly string[]): number | null {
  const heads = words.filter((w) => w in categoryHeads);
  if (heads.length !== 1 || !words.every((w) => w in categoryHeads || categoryWords.has(w))) return null;
  return words.includes('sub') ? 3 : (categoryHeads[heads[0] as string] as number);
}

function categoryRule(words: readonly string[]): Score | null {
  if (categoryLevel(words) === null) return null;
  const coded = words.some((w) => idWords.has(w));
  const typed = words.includes('type');
  const head = words.find((w) => w in categoryHeads) as string;
  const others = words.filter((w) => w !== head && w !== 'sub');
  const reason = words.includes('sub')
    ? `sub-${head} taken as the category`
    : ['department', 'division', 'section', 'category'].includes(head) && others.length > 0
      ? `${head} named with a qualifier: ${others.join(' ')}`
      : 'product group wording taken as the category';
  return { confidence: coded ? 0.7 : typed ? 0.8 : 0.9, rank: coded ? 102 : typed ? 101 : 100, reason };
}

/** Words for money around a category's name: "Fresh Sales Value", "Value of Fresh Sales", "LUX_AMT", "Dry Amt (LKR)". */
const moneyWords = new Set(['spend', 'spending', 'spent', 'sales', 'sale', 'amount', 'value', 'revenue', 'total', 'purchase', 'net', 'gross', 'rs', 'lkr', 'money']);

function spendRule(stems: readonly string[][], words: readonly string[]): Score | null {
  for (const stem of stems) {
    if (!stem.every((w) => words.includes(w))) continue;
    const rest = words.filter((w) => !stem.includes(w));
    if (rest.length === 0 || !rest.every((w) => moneyWords.has(w))) continue;
    return { confidence: 0.9, rank: 100, reason: `${stem.join(' ')} with words for money (${rest.join(', ')})` };
  }
  return null;
}

function score(p: Prepared, h: HeaderWords): Score | null {
  const named = scoreNames(p, h);
  if (named?.confidence === 1) return named;
  const ruled = ruleScore(p, h);
  // "Member_Number" is "member no" written out, but what a person wants to hear is why it is the customer.
  if (named?.confidence === 0.95 && ruled?.telling) return { ...named, reason: ruled.reason };
  return named ?? ruled;
}

function ruleScore(p: Prepared, h: HeaderWords): Score | null {
  switch (p.field.rule) {
    case 'outlet':
      return outletRule(h.words, false);
    case 'homeOutlet':
      return outletRule(h.words, true);
    case 'customer':
      return customerRule(h.words);
    case 'category':
      return categoryRule(h.words);
    case 'spend':
      return spendRule(p.stems, h.words);
    default:
      return null;
  }
}

interface Candidate extends Score {
  field: number;
  column: number;
}

/**
 * Maps each field to a column: the surest matches first (a field's usual
 * name beats a reordered one anywhere in the file), then by field order,
 * then by which of the field's names matched.
 */
export function matchColumns(fields: readonly MatchableField[], headers: readonly string[]): MatchResult {
  const words = headers.map(headerWords);
  let candidates: Candidate[] = [];
  fields.forEach((field, f) => {
    const p = prepare(field);
    words.forEach((h, column) => {
      const s = score(p, h);
      if (s) candidates.push({ ...s, field: f, column });
    });
  });
  candidates = preferFinerCategory(fields, headers, words, candidates);
  candidates.sort((a, b) => b.confidence - a.confidence || a.field - b.field || a.rank - b.rank || a.column - b.column);

  const chosen = new Map<number, Candidate>();
  const used = new Set<number>();
  for (const c of candidates) {
    if (chosen.has(c.field) || used.has(c.column)) continue;
    chosen.set(c.field, c);
    used.add(c.column);
  }

  const mapping: Record<string, number | null> = {};
  const matches: ColumnMatch[] = [];
  const ambiguous: AmbiguousField[] = [];
  fields.forEach((field, f) => {
    const c = chosen.get(f);
    mapping[field.key] = c ? c.column : null;
    if (!c) return;
    matches.push({ field: field.key, column: c.column, header: headers[c.column] ?? '', confidence: c.confidence, reason: c.reason });
    const rivals = candidates.filter(
      (o) => o.field === f && o.column !== c.column && !used.has(o.column) && o.confidence === c.confidence && o.rank === c.rank && words[o.column]?.squashed !== words[c.column]?.squashed,
    );
    if (rivals.length > 0) ambiguous.push({ field: field.key, label: field.label, columns: [c, ...rivals].map((o) => headers[o.column] ?? '') });
  });
  return { mapping, matches, ambiguous };
}

/**
 * A file with a department and a finer column (sub-department, category)
 * is read by the finer one: it says more about what was bought.
 */
function preferFinerCategory(fields: readonly MatchableField[], headers: readonly string[], words: HeaderWords[], candidates: Candidate[]): Candidate[] {
  const f = fields.findIndex((x) => x.rule === 'category');
  if (f < 0) return candidates;
  const levelled = candidates
    .filter((c) => c.field === f)
    .map((c) => {
      const w = words[c.column]?.words ?? [];
      return { c, level: categoryLevel(w) ?? 0, named: w.some((x) => idWords.has(x)) ? 0 : 1 };
    })
    // Names before codes: a sub-department code says less than a department's name.
    .sort((a, b) => b.named - a.named || b.level - a.level || b.c.confidence - a.c.confidence || a.c.rank - b.c.rank);
  const [finest, ...others] = levelled;
  const coarser = others.filter((o) => o.level < (finest?.level ?? 0) && o.level > 0);
  if (!finest || coarser.length === 0) return candidates;
  const over = coarser.sort((a, b) => b.c.confidence - a.c.confidence)[0] as (typeof coarser)[number];
  const best: Candidate = {
    ...finest.c,
    confidence: Math.max(finest.c.confidence, 0.9),
    reason: `finer of two category columns (${headers[finest.c.column]} over ${headers[over.c.column]})`,
  };
  const dropped = new Set(coarser.map((o) => o.c));
  return candidates.filter((c) => !dropped.has(c)).map((c) => (c === finest.c ? best : c));
}

/** Words that say nothing of which field a column is: "Total Spend (Rs.)" is no more the fresh spend than the dry. */
const generic = new Set([...moneyWords, 'number', 'count', 'id', 'code', 'name', 'date', 'time', 'item', 'product', 'unit', 'description']);

/**
 * For a field no column was matched to: an unused column that plausibly is
 * it, to show in an example, or null. It must share a telling word with the
 * field's names (or, where `byValuesAlone`, merely look right), and its values
 * must fit (`fits`, from a look at the first rows).
 */
export function likelyColumn(
  field: MatchableField,
  headers: readonly string[],
  mapping: Record<string, number | null>,
  look: { fits?: (column: number) => boolean; byValuesAlone?: (column: number) => boolean } = {},
): string | null {
  const taken = new Set(Object.values(mapping).filter((v): v is number => typeof v === 'number'));
  const p = prepare(field);
  const fieldWords = new Set([...p.names.flatMap((n) => n.words), ...p.stems.flat()].filter((w) => !generic.has(w)));
  let best: { column: number; shared: number } | null = null;
  headers.forEach((header, column) => {
    if (taken.has(column) || (look.fits && !look.fits(column))) return;
    const shared = headerWords(header).words.filter((w) => fieldWords.has(w)).length;
    if (shared === 0 && !(look.fits && look.byValuesAlone?.(column))) return;
    if (best === null || shared > best.shared) best = { column, shared };
  });
  const found = best as { column: number; shared: number } | null;
  return found === null ? null : (headers[found.column] ?? null);
}
