import type { Permission } from './auth';
import type { CallName } from './contracts';
import { callEffects } from './effects';

/**
 * What each IPC call needs: `public` calls work before sign-in (the sign-in
 * itself, first start); every other call needs a signed-in user whose role
 * has the permission. Declared with the call's other effects in callEffects;
 * the dispatcher checks it before any handler runs.
 */
export const callAccess: { readonly [K in CallName]: Permission | 'public' } = Object.fromEntries(
  Object.entries(callEffects).map(([name, effects]) => [name, effects.access]),
) as { [K in CallName]: Permission | 'public' };
