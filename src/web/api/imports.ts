import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiUpload } from './client.ts';
import { collaborationKeys } from './collaborations.ts';

type Named = { id: string; name: string };

export type ImportCounts = { meetings: number; topics: number; feedback: number; actionItems: number; progressUpdates: number; remarks: number };
/** One thing in the workbook that stops (or would change) the import, where it is. */
export type ImportProblem = { sheet: string; cell: string; field: string; code: string; message: string };

/** POST /imports?mode=preview: what the workbook would create, and what is wrong with it. */
export type ImportPreview = {
  mode: 'preview';
  fileName: string;
  collaboration: {
    topic: string;
    goal: string;
    scenario: string | null;
    initiatingDepartment: Named | null;
    participatingDepartments: Named[];
    period: string | null;
  };
  counts: ImportCounts;
  actionItems: { description: string; owner: Named | null; dueDate: string | null; deliverable: string }[];
  problems: ImportProblem[];
  canCommit: boolean;
};

/** POST /imports?mode=commit: the record was created, in one transaction. */
export type ImportCommit = { mode: 'commit'; collaborationId: string; counts: ImportCounts };

export type ImportUpload = { file: File; onProgress?: (sent: number, total: number) => void };

const upload = <T,>(mode: 'preview' | 'commit', { file, onProgress }: ImportUpload) => {
  const form = new FormData();
  form.append('file', file, file.name);
  return apiUpload<T>('/imports', form, { query: { mode }, ...(onProgress ? { onProgress } : {}) });
};

export function usePreviewImport() {
  return useMutation({ mutationFn: (input: ImportUpload) => upload<ImportPreview>('preview', input) });
}

/** Sends the same file again to create the record; the collaboration lists are refreshed. */
export function useCommitImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ImportUpload) => upload<ImportCommit>('commit', input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: collaborationKeys.all }),
  });
}
