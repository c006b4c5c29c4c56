import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-import';
import { migration0003 } from './0003-customer-level-sales';
import { migration0004 } from './0004-segmentation';
import { migration0005 } from './0005-customer-facts';
import { migration0006 } from './0006-accounts';
import { migration0007 } from './0007-reports';
import { migration0008 } from './0008-outlet-origin';
import { migration0009 } from './0009-unknown-spend';
import { migration0010 } from './0010-unvalued-lines';
import { migration0011 } from './0011-report-makers';
import type { Migration } from './types';

/** Every migration, in order. Add new ones at the end; never edit a released one. */
export const migrations: readonly Migration[] = [
  migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007, migration0008, migration0009,
  migration0010, migration0011,
];
