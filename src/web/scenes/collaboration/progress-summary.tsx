import { useState } from 'react';
import { Alert, Button, Input, Space, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useUpdateCollaboration } from '../../api/collaborations.ts';
import type { Collaboration } from '../../api/types.ts';
import { isApiError } from '../../api/client.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';

/** 整体进度: the one-paragraph state of the whole collaboration; editors rewrite it in place. */
export function ProgressSummary({ collaboration }: { collaboration: Collaboration }) {
  const { t } = useI18n();
  const update = useUpdateCollaboration(collaboration.id);
  const [draft, setDraft] = useState<string | null>(null);
  const canEdit = collaboration.abilities.update;

  if (draft !== null) {
    return (
      <div>
        <label htmlFor="progress-summary" className="visually-hidden">
          {t('collaboration.progressSummary')}
        </label>
        <Input.TextArea id="progress-summary" value={draft} onChange={(e) => setDraft(e.target.value)} autoSize={{ minRows: 2, maxRows: 8 }} maxLength={2000} autoFocus />
        {update.isError && <Alert type="error" showIcon title={isApiError(update.error) ? update.error.message : t('error.generic')} style={{ marginTop: 8 }} />}
        <Space style={{ marginTop: 8 }}>
          <Button type="primary" loading={update.isPending} onClick={() => update.mutate({ progressSummary: draft.trim() }, { onSuccess: () => setDraft(null) })}>
            {t('common.save')}
          </Button>
          <Button onClick={() => setDraft(null)}>{t('common.cancel')}</Button>
        </Space>
      </div>
    );
  }
  return (
    <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
      <Typography.Paragraph style={{ margin: 0, flex: 1, whiteSpace: 'pre-wrap' }} type={collaboration.progressSummary ? undefined : 'secondary'}>
        {collaboration.progressSummary || (canEdit ? t('collaboration.progressSummaryEmptyEditor') : t('collaboration.progressSummaryEmpty'))}
      </Typography.Paragraph>
      {canEdit && (
        <Button size="small" icon={<EditOutlined />} onClick={() => setDraft(collaboration.progressSummary ?? '')}>
          {t('common.edit')}
        </Button>
      )}
    </div>
  );
}
