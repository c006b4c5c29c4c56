import type { CategoryCode } from '../../shared/domain';

/** One colour per category everywhere in the app (chosen to stay distinct for colour-blind readers). */
export const categoryColours: Record<CategoryCode, string> = {
  fresh: '#2e8b57',
  dry: '#d18f1d',
  luxury: '#6a4c93',
  other: '#8a8f98',
};
