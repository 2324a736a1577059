import { z } from 'zod';
import { IdSchema, RoleSchema } from './common.ts';

export const LoginRequestSchema = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(1024),
});

export const RefreshRequestSchema = z.strictObject({ refreshToken: z.string().min(10).max(4096) });

export const UserSchema = z.object({
  id: IdSchema,
  username: z.string(),
  role: RoleSchema,
  disabled: z.boolean(),
  createdAt: z.string(),
});
export type User = z.infer<typeof UserSchema>;

export const TokenResponseSchema = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().int(),
  user: UserSchema,
});
export type TokenResponse = z.infer<typeof TokenResponseSchema>;

export const CreateUserRequestSchema = z.strictObject({
  username: z.string().min(2).max(64),
  password: z.string().min(8).max(1024),
  role: RoleSchema.default('user'),
});

export const UpdateUserRequestSchema = z
  .strictObject({
    password: z.string().min(8).max(1024).optional(),
    role: RoleSchema.optional(),
    disabled: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'give at least one of password, role, disabled');

export const UserListSchema = z.object({ users: z.array(UserSchema) });
