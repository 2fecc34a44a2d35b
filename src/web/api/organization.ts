import { useQuery } from '@tanstack/react-query';
import { api } from './client.ts';
import type { Department, Page } from './types.ts';

/** A department in a picker: the tree flattened in order, with its depth for indenting and its full path. */
export type DepartmentOption = { id: string; name: string; depth: number; path: string };

export function flattenDepartments(tree: Department[], depth = 0, parentPath = ''): DepartmentOption[] {
  return tree.flatMap((d) => {
    const path = parentPath ? `${parentPath} / ${d.name}` : d.name;
    return [{ id: d.id, name: d.name, depth, path }, ...flattenDepartments(d.children, depth + 1, path)];
  });
}

export function useDepartments() {
  return useQuery({
    queryKey: ['departments'],
    queryFn: ({ signal }) => api.get<Page<Department>>('/departments', undefined, signal),
    select: (page) => ({ tree: page.items, options: flattenDepartments(page.items) }),
    staleTime: 5 * 60_000,
  });
}
