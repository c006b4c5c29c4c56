/** The sales categories every report is split by. `other` holds what no rule maps. */
export const categoryCodes = ['fresh', 'dry', 'luxury', 'other'] as const;
export type CategoryCode = (typeof categoryCodes)[number];

export const categoryLabels: Record<CategoryCode, string> = {
  fresh: 'Fresh',
  dry: 'Dry',
  luxury: 'Luxury',
  other: 'Other',
};

export const genders = ['F', 'M', 'X'] as const;
export type Gender = (typeof genders)[number];

/** A customer's gender in words (tables, the report workbook). */
export const genderLabels: Record<Gender, string> = { F: 'Woman', M: 'Man', X: 'Other' };
