import type { Permission } from '../shared/auth';

/** The app's screens, in the order of the navigation bar; screens link to each other by these ids. */
export const screens = [
  { id: 'segmentation', label: 'Customer Segmentation', needs: 'view' },
  { id: 'import', label: 'Import Data', needs: 'import' },
  { id: 'history', label: 'Reports History', needs: 'view' },
  { id: 'settings', label: 'Settings', needs: 'view' },
] as const satisfies readonly { id: string; label: string; needs: Permission }[];
export type ScreenId = (typeof screens)[number]['id'];
