import { Alert, App, Button, Popconfirm } from 'antd';
import { UnlockOutlined } from '@ant-design/icons';
import { useCurrentUser } from '../../api/auth.ts';
import { useUnarchiveCollaboration } from '../../api/archive.ts';
import { useCollaborationHistory } from '../../api/collaborations.ts';
import type { Collaboration } from '../../api/types.ts';
import { useFormat } from '../../hooks/use-format.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { transferErrorText } from '../../components/transfer/transfer-error.ts';

/** Who archived the record: the newest `archived` event of its history (nothing can be written after it). */
function useArchivedBy(collaboration: Collaboration): string | null {
  const history = useCollaborationHistory(collaboration.id, collaboration.archived);
  const event = history.data?.pages[0]?.items.find((e) => e.entityType === 'collaboration' && e.action === 'archived');
  return event?.actor?.name ?? null;
}

/**
 * 已归档: the record is frozen — who archived it and when — and, for admins only, 取消归档 after a
 * confirmation (POST /collaborations/:id/unarchive, audited).
 */
export function ArchivedBanner({ collaboration: c }: { collaboration: Collaboration }) {
  const { t } = useI18n();
  const format = useFormat();
  const { message } = App.useApp();
  const { user } = useCurrentUser();
  const by = useArchivedBy(c);
  const unarchive = useUnarchiveCollaboration(c.id);
  const at = c.archivedAt ? format.instant(c.archivedAt) : '';
  const title = by ? t('archive.bannerBy', { name: by, at }) : t('archive.bannerAt', { at });
  return (
    <Alert
      type="info"
      showIcon
      title={title}
      description={t('archive.bannerHint')}
      action={
        user.role === 'admin' ? (
          <Popconfirm
            title={t('archive.unarchiveConfirm')}
            description={t('archive.unarchiveHint')}
            okText={t('archive.unarchive')}
            cancelText={t('common.cancel')}
            onConfirm={() =>
              unarchive.mutateAsync().then(
                () => void message.success(t('archive.unarchived')),
                (error: unknown) => void message.error(transferErrorText(error, t)),
              )
            }
          >
            <Button size="small" icon={<UnlockOutlined />} loading={unarchive.isPending}>
              {t('archive.unarchive')}
            </Button>
          </Popconfirm>
        ) : undefined
      }
    />
  );
}
