import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from './client.ts';
import { meKey } from './auth.ts';
import type { Department, Page } from './types.ts';
import type { presentUser } from '../../server/presenters/user.ts';
import type { createDepartmentBody, createUserBody, patchDepartmentBody, patchUserBody } from '../../shared/schemas/organization.ts';
import type { OrgSettings, OrgSettingsPatch } from '../../shared/org-settings.ts';

/** A person as GET /users and the admin routes answer. */
export type AdminUser = ReturnType<typeof presentUser>;
export type Role = AdminUser['role'];
export type CreateDepartmentInput = z.input<typeof createDepartmentBody>;
export type PatchDepartmentInput = z.input<typeof patchDepartmentBody>;
export type CreateUserInput = z.input<typeof createUserBody>;
export type PatchUserInput = z.input<typeof patchUserBody>;
/** GET /admin/settings: the organisation's name beside the thresholds of the template's rules. */
export type AdminSettings = OrgSettings & { name: string };
export type AdminSettingsPatch = OrgSettingsPatch & { name?: string };

/** Keys start with the resource, as live changes name them (hooks/use-live-changes.ts): a change elsewhere refreshes these pages. */
export const adminKeys = {
  users: (filters: { q: string; includeInactive: boolean }) => ['users', 'admin', filters] as const,
  allUsers: ['users'] as const,
  settings: ['organization', 'settings'] as const,
};

/** GET /users with inactive people too, a page at a time, for the admin's table. */
export function useAdminUsers(filters: { q: string; includeInactive: boolean }, limit = 50) {
  return useInfiniteQuery({
    queryKey: adminKeys.users(filters),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<AdminUser>>('/users', { q: filters.q, includeInactive: filters.includeInactive ? 'true' : undefined, limit, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useCreateDepartment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateDepartmentInput) => api.post<Department>('/admin/departments', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['departments'] }),
  });
}

export function useUpdateDepartment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: PatchDepartmentInput & { id: string }) => api.patch<Department>(`/admin/departments/${encodeURIComponent(id)}`, input),
    // A new head changes who edits what: the signed-in admin's own abilities may follow.
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: ['departments'] }), queryClient.invalidateQueries({ queryKey: meKey })]),
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateUserInput) => api.post<AdminUser>('/admin/users', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.allUsers }),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: PatchUserInput & { id: string }) => api.patch<AdminUser>(`/admin/users/${encodeURIComponent(id)}`, input),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: adminKeys.allUsers }), queryClient.invalidateQueries({ queryKey: ['departments'] })]),
  });
}

export function useAdminSettings() {
  return useQuery({
    queryKey: adminKeys.settings,
    queryFn: ({ signal }) => api.get<AdminSettings>('/admin/settings', undefined, signal),
  });
}

/** Saving changes what every page formats with (time zone) and offers (delay reasons): /auth/me is read again. */
export function useUpdateAdminSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: AdminSettingsPatch) => api.patch<AdminSettings>('/admin/settings', patch),
    onSuccess: (saved) => {
      queryClient.setQueryData(adminKeys.settings, saved);
      return queryClient.invalidateQueries({ queryKey: meKey });
    },
  });
}
