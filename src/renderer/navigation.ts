import type { Permission } from '../shared/auth';

/** The app's screens, in the order of the navigation bar; screens link to each other by these ids. */
export const screens = [
  { id: 'segmentation', label: 'Customer Segmentation', needs: 'view' },
  { id: 'import', label: 'Import Data', needs: 'import' },
  { id: 'history', label: 'Reports History', needs: 'view' },
  { id: 'settings', label: 'Settings', needs: 'view' },
] as const satisfies readonly { id: string; label: string; needs: Permission }[];
export type ScreenId = (typeof screens)[number]['id'];

/** What the app shows after sign-in. */
export const firstScreen: ScreenId = 'segmentation';

/** How a screen asks to show another ("Go to Customer Segmentation"): the app switches to it. */
export type Navigate = (to: ScreenId) => void;

/** The screens in the menu of someone with these permissions. */
export function screensFor(permissions: readonly Permission[]) {
  return screens.filter((s) => permissions.includes(s.needs));
}

export function screenLabel(id: ScreenId): string {
  return screens.find((s) => s.id === id)?.label ?? '';
}
