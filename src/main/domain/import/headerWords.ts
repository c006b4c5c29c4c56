/*
 * Header names read as words, the way a person reads them: `store_city`,
 * `StoreCity`, `Store City` and `CITY.STORE` are the same two words. Hand-
 * written because no maintained library reads spreadsheet headers well:
 * general NLP tokenisers and stemmers know nothing of `Cust No`, `Qty` or
 * `Sub Dept`, and pulling one in would still leave this list to write.
 */

export interface HeaderWords {
  /** The header as typed, without case, spaces or punctuation (how exact names are compared). */
  squashed: string;
  /** The words as written, lower case. */
  raw: string[];
  /** The words read: singular, abbreviations spelled out, filler words dropped. */
  words: string[];
  /** Abbreviations spelled out, as "cust → customer" pairs (for reasons). */
  expanded: Array<[string, string]>;
  /** Whether a plural was made singular. */
  plural: boolean;
  /** The words joined, and sorted then joined: compared many times, so made once. */
  phrase: string;
  bag: string;
}

/** Abbreviations and spellings, to the word they stand for. */
const abbreviations: Record<string, string[]> = {
  no: ['number'],
  nbr: ['number'],
  num: ['number'],
  numb: ['number'],
  nr: ['number'],
  nos: ['number'],
  ident: ['id'],
  identifier: ['id'],
  cd: ['code'],
  qty: ['quantity'],
  qnty: ['quantity'],
  amt: ['amount'],
  amnt: ['amount'],
  val: ['value'],
  vl: ['value'],
  cnt: ['count'],
  lux: ['luxury'],
  luxry: ['luxury'],
  rev: ['revenue'],
  purch: ['purchase'],
  ttl: ['total'],
  freq: ['frequency'],
  avg: ['average'],
  memb: ['member'],
  brnch: ['branch'],
  rupee: ['rs'],
  rupees: ['rs'],
  cust: ['customer'],
  cus: ['customer'],
  custmr: ['customer'],
  clnt: ['client'],
  txn: ['transaction'],
  trx: ['transaction'],
  trans: ['transaction'],
  trn: ['transaction'],
  tran: ['transaction'],
  dept: ['department'],
  dpt: ['department'],
  depts: ['department'],
  desc: ['description'],
  descr: ['description'],
  cat: ['category'],
  categ: ['category'],
  catg: ['category'],
  grp: ['group'],
  prod: ['product'],
  prd: ['product'],
  inv: ['invoice'],
  dt: ['date'],
  mbr: ['member'],
  mem: ['member'],
  loyality: ['loyalty'],
  loc: ['location'],
  subcat: ['sub', 'category'],
  subcategory: ['sub', 'category'],
  subdept: ['sub', 'department'],
  subdepartment: ['sub', 'department'],
  subgroup: ['sub', 'group'],
  subclass: ['sub', 'class'],
  subfamily: ['sub', 'family'],
  tot: ['total'],
  prc: ['price'],
};

/** Words that carry nothing in a header: "Date of birth" is "birth date". */
const fillers = new Set(['of', 'the', 'a', 'an', 'per', 'in', 'for', 'by', 'at']);
/** Words that stay as written although they end in s. */
const notPlural = new Set(['sales', 'gross', 'status', 'plus', 'news', 'series', 'lbs', 'pcs', 'rs', 'kids', 'mrs', 'ms', 'sms', 'dos']);

function singular(word: string): string {
  if (word.length <= 3 || notPlural.has(word) || /(ss|us|is)$/.test(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (/(ches|shes|xes|sses)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}

/**
 * Words a header writes together without a break (`STORECITY`, `custid`,
 * `VISITCNT`): a run of letters that is exactly two of these is read as both.
 */
const joinable = new Set([
  'store', 'outlet', 'shop', 'branch', 'city', 'town', 'location', 'name', 'code', 'id', 'no', 'number', 'customer', 'cust',
  'member', 'card', 'loyalty', 'visit', 'visits', 'count', 'cnt', 'date', 'time', 'item', 'items', 'product', 'invoice', 'bill',
  'sales', 'value', 'amount', 'amt', 'fresh', 'dry', 'luxury', 'lux', 'total', 'qty', 'price', 'unit', 'category', 'dept',
]);

function unjoin(word: string): string[] {
  if (word.length < 5 || joinable.has(word)) return [word];
  for (let i = 2; i <= word.length - 2; i++) {
    if (joinable.has(word.slice(0, i)) && joinable.has(word.slice(i))) return [word.slice(0, i), word.slice(i)];
  }
  return [word];
}

/** Splits camelCase, snake_case, dotted, hyphenated and spaced headers into lower-case words. */
export function splitWords(header: string): string[] {
  return header
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
    .replace(/(\p{L})(\p{N})|(\p{N})(\p{L})/gu, (_, a?: string, b?: string, c?: string, d?: string) => (a ? `${a} ${b}` : `${c} ${d}`))
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '')
    .flatMap(unjoin);
}

const numberWords = new Set(['number', 'count']);

export function headerWords(header: string): HeaderWords {
  const raw = splitWords(header);
  const expanded: Array<[string, string]> = [];
  let plural = false;
  const read: Array<{ word: string; plural: boolean }> = [];
  for (const w of raw) {
    const one = singular(w);
    const wasPlural = one !== w;
    const spelled = abbreviations[one] ?? abbreviations[w];
    if (spelled) {
      if (spelled.join(' ') !== w) expanded.push([w, spelled.join(' ')]);
      for (const s of spelled) read.push({ word: s, plural: false });
    } else {
      plural ||= wasPlural;
      read.push({ word: one, plural: wasPlural });
    }
  }
  // "No of bills" and "Num visits" count things; "Bill No" and "Number Member" name one.
  const words: string[] = [];
  for (let i = 0; i < read.length; i++) {
    const { word } = read[i] as { word: string };
    const next = read[i + 1];
    if (numberWords.has(word) && next && (next.word === 'of' || (i === 0 && next.plural))) {
      words.push('count');
      continue;
    }
    if (fillers.has(word) && read.length > 1) continue;
    words.push(word);
  }
  return { squashed: raw.join(''), raw, words, expanded, plural, phrase: words.join(' '), bag: [...words].sort().join(' ') };
}
