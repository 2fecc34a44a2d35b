import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client.ts';
import { apiUpload } from './transfer.ts';

/** A file attached to an action item (交付成果): its bytes are at GET /attachments/:id. */
export type Attachment = { id: string; fileName: string; mime: string; size: number; createdAt: string; uploadedBy: { id: string; name: string | null } };

export const attachmentKeys = { list: (itemId: string) => ['action-items', 'detail', itemId, 'attachments'] as const };

export function useAttachments(itemId: string, enabled = true) {
  return useQuery({
    queryKey: attachmentKeys.list(itemId),
    queryFn: ({ signal }) => api.get<{ items: Attachment[] }>(`/action-items/${encodeURIComponent(itemId)}/attachments`, undefined, signal),
    select: (answer) => answer.items,
    enabled,
  });
}

export type AttachmentUpload = { file: File; onProgress?: (sent: number, total: number) => void; signal?: AbortSignal };

export function useUploadAttachment(itemId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, onProgress, signal }: AttachmentUpload) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return apiUpload<Attachment>(`/action-items/${encodeURIComponent(itemId)}/attachments`, form, { ...(onProgress ? { onProgress } : {}), ...(signal ? { signal } : {}) });
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: attachmentKeys.list(itemId) }),
  });
}

export function useDeleteAttachment(itemId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (attachmentId: string) => api.delete<void>(`/attachments/${encodeURIComponent(attachmentId)}`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: attachmentKeys.list(itemId) }),
  });
}
