import { z } from 'zod';
import { cleanText } from './text';

/** Who may do what. Administrators run the app; marketing staff look, filter and export. */
export const roles = ['administrator', 'marketingLead', 'marketingExecutive'] as const;
export type Role = (typeof roles)[number];
export const roleSchema = z.enum(roles);

export const roleLabels: Record<Role, string> = {
  administrator: 'Administrator',
  marketingLead: 'Marketing Lead',
  marketingExecutive: 'Marketing Executive',
};

/**
 * What a call needs. `view` covers looking and filtering; `export` saving
 * reports; `model` finding segments, switching model versions and renaming
 * segments; `import`, `settings` and `users` are the administrator's.
 */
export const permissions = ['view', 'export', 'model', 'import', 'settings', 'users'] as const;
export type Permission = (typeof permissions)[number];

export const rolePermissions: Record<Role, readonly Permission[]> = {
  administrator: permissions,
  marketingLead: ['view', 'export', 'model'],
  marketingExecutive: ['view', 'export'],
};

export function can(role: Role, permission: Permission): boolean {
  return rolePermissions[role].includes(permission);
}

export const usernameSchema = cleanText('user name')
  .min(3, 'A user name needs at least 3 characters')
  .max(40, 'A user name can have at most 40 characters')
  .regex(/^[A-Za-z0-9._@-]+$/, 'A user name may use letters, digits and . _ @ - (no spaces)');
export const displayNameSchema = cleanText('name').min(1, 'Enter the person’s name').max(80, 'A name can have at most 80 characters');
export const passwordSchema = z.string().min(8, 'A password needs at least 8 characters').max(200, 'A password can have at most 200 characters');

export const minIdleMinutes = 1;
export const maxIdleMinutes = 480;
export const idleMinutesSchema = z.number().int().min(minIdleMinutes).max(maxIdleMinutes);

export const signedInUserSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  permissions: z.array(z.enum(permissions)),
});
export type SignedInUser = z.infer<typeof signedInUserSchema>;

export const authStateSchema = z.object({
  /** True until the first administrator account is made. */
  needsSetup: z.boolean(),
  user: signedInUserSchema.nullable(),
  /** Minutes without activity after which the session ends. */
  idleMinutes: z.number().int(),
  /** Why the last session ended, when it was not the user's own sign-out. */
  endedBecause: z.enum(['idle']).nullable(),
});
export type AuthState = z.infer<typeof authStateSchema>;

export const newUserSchema = z
  .object({ username: usernameSchema, displayName: displayNameSchema, role: roleSchema, password: passwordSchema })
  .strict();
export type NewUser = z.infer<typeof newUserSchema>;

export const userViewSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  active: z.boolean(),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
  lastSignInAt: z.string().nullable(),
});
export type UserView = z.infer<typeof userViewSchema>;

export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  username: z.string().nullable(),
  action: z.string(),
  detail: z.string(),
  /** A refusal repeated within a minute of the one before counts here (1 otherwise), until `lastAt`. */
  repeats: z.number().int(),
  lastAt: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
