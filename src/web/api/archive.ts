import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import { collaborationKeys } from './collaborations.ts';
import type { Collaboration, CollaborationStatus, Scenario } from './types.ts';

/** One archived project of GET /archive, named the template's way (年份-季度-项目名称). */
export type ArchivedProject = {
  id: string;
  topic: string;
  archiveName: string;
  scenario: Scenario;
  status: CollaborationStatus;
  initiatingDepartment: { id: string; name: string };
  archivedAt: string | null;
  completedAt: string | null;
  counts: { meetings: number; topics: number; actionItems: number; progressUpdates: number; remarks: number; attachments: number };
  url: string;
};
export type ArchiveQuarter = { quarter: number; period: string; count: number; collaborations: ArchivedProject[] };
export type ArchiveYear = { year: number; count: number; quarters: ArchiveQuarter[] };
export type ArchiveTree = { total: number; years: ArchiveYear[] };
export type ArchiveFilters = { year?: number; quarter?: number; departmentId?: string; scenario?: Scenario };

export const archiveKeys = { all: ['archive'] as const, tree: (f: ArchiveFilters) => ['archive', f] as const };

/** GET /archive: the archive's year → quarter → project tree, filtered. */
export function useArchive(filters: ArchiveFilters) {
  return useQuery({
    queryKey: archiveKeys.tree(filters),
    queryFn: ({ signal }) => api.get<ArchiveTree>('/archive', filters, signal),
  });
}

/** Shared by archive and unarchive: both answer the collaboration as it now is. */
function useArchiveChange(id: string, action: 'archive' | 'unarchive') {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<Collaboration | undefined>(`/collaborations/${encodeURIComponent(id)}/${action}`),
    onSuccess: (updated) => {
      if (updated && typeof updated === 'object' && 'id' in updated) queryClient.setQueryData(collaborationKeys.detail(id), updated);
      void queryClient.invalidateQueries({ queryKey: collaborationKeys.all });
      void queryClient.invalidateQueries({ queryKey: archiveKeys.all });
      void queryClient.invalidateQueries({ queryKey: ['action-items'] });
      void queryClient.invalidateQueries({ queryKey: ['meetings'] });
    },
  });
}

/** POST /collaborations/:id/archive: freezes a completed or cancelled record. */
export const useArchiveCollaboration = (id: string) => useArchiveChange(id, 'archive');
/** POST /collaborations/:id/unarchive: an admin thaws it again (audited). */
export const useUnarchiveCollaboration = (id: string) => useArchiveChange(id, 'unarchive');
