import { describe, expect, it } from 'vitest';
import { defaultCategory } from '../categories/names';
import { autoMapping, detectShape, missingFields } from './columns';
import { detectDelimiter, parseCsv } from './csv';
import { DateOrderEvidence, parseDate } from './dates';
import { parseNumber } from './numbers';
import { suggestOutlet } from './outlets';
import { lineKey } from './rowWriter';

const value = (s: string) => {
  const r = parseNumber(s);
  return r.ok ? r.value : `error: ${r.reason}`;
};

describe('numbers as exports write them', () => {
  it.each([
    ['1250', 1250],
    ['1,250.50', 1250.5],
    ['Rs. 1,250.00', 1250],
    ['LKR 3 400', 3400],
    ['රු 99.90', 99.9],
    ['1.250,75', 1250.75],
    ['12,5', 12.5],
    ['1,25,000', 125000],
    ['(450.50)', -450.5],
    ['450-', -450],
    ['-3', -3],
    ['Two thousand five hundred rupees', 2500],
    ['Rupees one lakh twenty thousand only', 120000],
    ['Two thousnd fiv hundred rupees', 2500],
    ['ten rupees and fifty cents', 10.5],
  ])('%s → %s', (text, expected) => expect(value(text)).toBe(expected));

  it.each(['lots', 'about fifty-ish', '1,2,3', '', 'two blorp rupees'])('"%s" is refused with a reason, never read as zero', (text) => {
    expect(String(value(text))).toMatch(/^error: /);
  });
});

describe('dates', () => {
  it.each([
    ['2010-12-01 08:26:00', null, '2010-12-01 08:26:00'],
    ['2026-04-13', null, '2026-04-13 00:00:00'],
    ['13/04/2026 10:15', null, '2026-04-13 10:15:00'],
    ['04/13/2026', null, '2026-04-13 00:00:00'],
    ['03/04/2026', 'dmy', '2026-04-03 00:00:00'],
    ['03/04/2026', 'mdy', '2026-03-04 00:00:00'],
    ['1-Dec-10', null, '2010-12-01 00:00:00'],
    ['Dec 9, 2011 2:05 PM', null, '2011-12-09 14:05:00'],
    ['40513.35', null, '2010-12-01 08:24:00'],
  ] as const)('%s (%s) → %s', (text, order, expected) => {
    expect(parseDate(text, order)).toEqual({ ok: true, value: expected });
  });

  it('refuse impossible and ambiguous dates with a reason', () => {
    expect(parseDate('31/02/2026', 'dmy')).toMatchObject({ ok: false, reason: 'has no such day' });
    expect(parseDate('03/04/2026', null)).toMatchObject({ ok: false, reason: 'could be day/month or month/day' });
    expect(parseDate('yesterday', null)).toMatchObject({ ok: false });
  });

  it('decide day-first or month-first from the whole column, and say when it cannot', () => {
    const e = new DateOrderEvidence();
    for (const d of ['03/04/2026', '05/06/2026']) e.observe(d);
    expect(e.needsDecision()).toBe(true);
    e.observe('25/06/2026');
    expect(e.decided()).toBe('dmy');
    expect(e.needsDecision()).toBe(false);
  });
});

describe('CSV', () => {
  it('reads quoted fields with delimiters, quotes and line breaks, and CRLF ends', () => {
    const text = 'a,b,c\r\n1,"x, y","say ""hi"""\r\n2,"line one\nline two",\r\n\r\n3,z,w';
    expect(parseCsv(text, ',')).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x, y', 'say "hi"'],
      ['2', 'line one\nline two', ''],
      ['3', 'z', 'w'],
    ]);
  });

  it.each([',', ';', '\t', '|'] as const)('detects %j as the delimiter', (d) => {
    const text = ['Date', 'Bill', 'Item, size', 'Amount'].map((h) => (h.includes(',') ? `"${h}"` : h)).join(d) + '\n' + ['2026-01-01', 'B1', '"Rice, 5kg"', '1,200.00'].join(d) + '\n';
    expect(detectDelimiter(text)).toBe(d);
  });
});

describe('columns', () => {
  it('map common header spellings, and see which shape a file is', () => {
    const headers = ['Txn Date', 'Bill No', 'Cust No', 'Branch', 'Item Code', 'Item Name', 'Dept', 'Qty', 'Amount (Rs.)'];
    const mapping = autoMapping('salesLines', headers);
    expect(mapping).toMatchObject({ soldAt: 0, basket: 1, customer: 2, outlet: 3, productCode: 4, description: 5, category: 6, quantity: 7 });
    expect(detectShape(headers)).toBe('salesLines');
    expect(detectShape(['Customer_ID', 'DOB', 'Sex', 'Home Store'])).toBe('customers');
    // A sales file whose date column is misnamed stays a sales file (and asks for the date).
    expect(detectShape(['Invoice', 'CustomerID', 'Outlet', 'Amount'])).toBe('salesLines');
    expect(missingFields('salesLines', autoMapping('salesLines', ['Customer', 'Qty']))).toEqual(['Date', 'Unit price or Line amount or Product code or Product description or Invoice / basket']);
  });
});

describe('outlet spellings', () => {
  const outlets = ['Colombo', 'Kandy', 'Galle', 'Nuwara Eliya', 'Jaffna', 'Dehiwala-Mount Lavinia'].map((name, i) => ({ id: i + 1, name }));
  it.each([
    ['KANDY', 'Kandy', 1, true],
    ['Nuwara-Eliya', 'Nuwara Eliya', 1, true],
    ['Colmbo', 'Colombo', 0.86, true],
    ['Trincomale', 'Trincomalee', 0.91, true],
    ['Galle Fort', 'Galle', 0.9, true],
    // Two words changed: offered, not taken.
    ['dehiwala mt lavinia', 'Dehiwala-Mount Lavinia', 0.85, false],
  ] as const)('%s → %s', (spelling, name, confidence, automatic) => {
    expect(suggestOutlet(spelling, outlets)).toMatchObject({ name, confidence, automatic });
  });

  it('take a known town for itself, never for the outlet of another', () => {
    expect(suggestOutlet('Hambantota', outlets)).toMatchObject({ outletId: null, name: 'Hambantota', how: 'known place', place: { district: 'Hambantota', province: 'Southern' } });
    const chain = [...outlets, { id: 7, name: 'Ambalangoda' }];
    expect(suggestOutlet('AMBALANTOTA', chain)).toMatchObject({ outletId: null, name: 'Ambalantota', automatic: true });
    // Not in the gazetteer: a changed letter, or two letters more, is only offered.
    expect(suggestOutlet('Balangoda', chain)).toMatchObject({ outletId: 7, how: 'similar spelling', automatic: false });
    expect(suggestOutlet('Welikada', [...chain, { id: 8, name: 'Welimada' }])).toMatchObject({ outletId: 8, automatic: false });
  });

  it('never guess at an outlet an earlier import added', () => {
    const added = [...outlets, { id: 9, name: 'Welimada', fromImport: true }];
    expect(suggestOutlet('Welikada', added)).not.toMatchObject({ name: 'Welimada' });
    expect(suggestOutlet('Welimadda', added)).not.toMatchObject({ name: 'Welimada' });
    expect(suggestOutlet('welimada', added)).toMatchObject({ outletId: 9, how: 'same name' });
  });
});

describe('categories', () => {
  it.each([
    ['Dairy', 'fresh'],
    ['FRUIT & VEG', 'fresh'],
    ['Grocery', 'dry'],
    ['Dry goods', 'dry'],
    ['Liquor', 'luxury'],
    ['Imported Chocolates', 'luxury'],
    ['Stationery', null],
  ])('%s → %s', (source, code) => expect(defaultCategory(source)).toBe(code));
});

describe('line identity', () => {
  it('hashes a line to the value earlier versions stored, so re-imports are still recognised', () => {
    // Values computed by the first release's lineKey(text joined by U+0001); they are in users' databases.
    expect(lineKey(['2010-12-01 08:26:00', '536365', '17850', 1, '85123A', 'WHITE HANGING HEART T-LIGHT HOLDER', 6, 1530])).toBe(2734992737146371);
    expect(lineKey(['a', '', 'රු 1,250.00'])).toBe(962557502318518);
    expect(lineKey([''])).toBe(4542716432593548);
    expect(lineKey([null, undefined, 3])).toBe(lineKey(['null', 'undefined', '3']));
    expect(lineKey(['ab', 'c'])).not.toBe(lineKey(['a', 'bc']));
  });
});
