/**
 * The words of segment names, facts and campaign reasons that depend on what
 * the data measures. Everything else in those texts is written so that it
 * reads true whether a segment's size of shop is money or items; only these
 * words name money. Data without prices (issue 14, money) passes its own
 * `MeasureWords` instead of `moneyWords`.
 */
export interface MeasureWords {
  /** Name word for a segment that buys far more in total than others. */
  high: string;
  /** Name word for a segment that buys far less in total than others. */
  low: string;
  /** What the category shares are shares of, as in "spreads spend evenly". */
  spend: string;
}

export const moneyWords: MeasureWords = {
  high: 'Premium',
  low: 'Light',
  spend: 'spend',
};

/** For data without values (issue 14, money): how much a segment buys is counted in items. */
export const itemWords: MeasureWords = {
  high: 'High-Volume',
  low: 'Low-Volume',
  spend: 'their items',
};
