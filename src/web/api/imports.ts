import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiUpload } from './transfer.ts';
import { collaborationKeys } from './collaborations.ts';
import type { ImportCommitResponse, ImportPreviewResponse } from '../../shared/schemas/import.ts';

export type ImportPreview = ImportPreviewResponse;
export type ImportCommit = ImportCommitResponse;
export type ImportCounts = ImportPreview['counts'];
/** One thing in the workbook that stops the import (a problem) or that the importer assumed (a note), where it is. */
export type ImportProblem = ImportPreview['problems'][number];

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
