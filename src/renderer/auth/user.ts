import { createContext, useContext } from 'react';
import type { Permission, SignedInUser } from '../../shared/auth';

/** The signed-in user, for any screen that shows or hides what their role allows. */
export const UserContext = createContext<SignedInUser | null>(null);

export function useUser(): SignedInUser | null {
  return useContext(UserContext);
}

/** Whether the signed-in user may do something: the backend checks it again on every call. */
export function useCan(permission: Permission): boolean {
  return useUser()?.permissions.includes(permission) ?? false;
}
