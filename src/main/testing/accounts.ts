import type { Role } from '../../shared/auth';
import type { AppContext } from '../app/context';
import { appDispatch } from '../composition/ipc/handlers';
import { silentLogger } from '../platform/log';

export const testPassword = 'correct horse battery';

/**
 * Signs a user with `role` in to the app's session, the way a person would:
 * the first administrator is created on first start, anyone else is added by
 * that administrator and then signs in with their own password.
 */
export async function signInAs(ctx: AppContext, role: Role = 'administrator'): Promise<{ id: number; username: string }> {
  if (ctx.auth.needsSetup()) await ctx.auth.createFirstAdministrator({ username: 'admin', displayName: 'Nimali Perera', password: testPassword });
  else await ctx.auth.signIn('admin', testPassword);
  if (role === 'administrator') return { id: ctx.auth.current()!.id, username: 'admin' };
  const username = `${role}-${ctx.auth.listUsers().length}`;
  // Through the app's door, as the administrator's Settings screen adds one: the audit log has it.
  const added = await appDispatch(ctx, silentLogger)('addUser', { username, displayName: `A ${role}`, role, password: testPassword });
  if (!added.ok) throw new Error(`The ${role} could not be added: ${added.error.message}`);
  const { id } = added.value as { id: number };
  ctx.auth.signOut();
  await ctx.auth.signIn(username, testPassword);
  return { id, username };
}
