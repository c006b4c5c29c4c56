import type { Migration } from './types';

/**
 * Number 8 belongs to the outlet gazetteer (issue 14, places), built on
 * another branch at the same time. This no-op only keeps this branch's list
 * numbered 1..n; when the branches meet, the places migration takes its place.
 */
export const migration0008: Migration = {
  version: 8,
  name: 'reserved',
  up() {},
};
