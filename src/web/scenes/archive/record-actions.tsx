import { App, Button, Dropdown, Popconfirm, Space } from 'antd';
import { CheckCircleOutlined, DownOutlined, InboxOutlined, RedoOutlined } from '@ant-design/icons';
import { useArchiveCollaboration } from '../../api/archive.ts';
import { useUpdateCollaboration } from '../../api/collaborations.ts';
import type { Collaboration } from '../../api/types.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';
import { ExportMenu, formatChoices } from '../../components/transfer/export-menu.tsx';
import { transferErrorText } from '../../components/transfer/transfer-error.ts';

/** The template's archive name 年份-季度-项目名称, the name exports fall back to when the server gives none. */
export const archiveName = (c: Pick<Collaboration, 'period' | 'topic'>) => `${c.period.year}-Q${c.period.quarter}-${c.topic}`;

/**
 * Ending a collaboration (已完成 or 已取消, each confirmed) so it can be archived, or taking it up again;
 * for its editors only. Sends the loaded version, so a stale page is told who changed it.
 */
function StatusControl({ collaboration: c }: { collaboration: Collaboration }) {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const update = useUpdateCollaboration(c.id);
  if (!c.abilities.update) return null;
  const change = (status: 'active' | 'completed' | 'cancelled') =>
    update.mutateAsync({ status, version: c.version }).then(
      () => void message.success(t(`archive.status.${status}Done`)),
      (error: unknown) => void message.error(transferErrorText(error, t)),
    );
  if (c.status !== 'active') {
    return (
      <Popconfirm title={t('archive.status.reopenConfirm')} okText={t('archive.status.reopen')} cancelText={t('common.cancel')} onConfirm={() => change('active')}>
        <Button icon={<RedoOutlined />} loading={update.isPending}>
          {t('archive.status.reopen')}
        </Button>
      </Popconfirm>
    );
  }
  const confirm = (status: 'completed' | 'cancelled') =>
    modal.confirm({
      title: t(`archive.status.${status}Confirm`),
      content: t('archive.status.endHint'),
      okText: t(`archive.status.${status}`),
      cancelText: t('common.cancel'),
      onOk: () => change(status),
    });
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'completed', label: t('archive.status.completed') },
          { key: 'cancelled', label: t('archive.status.cancelled'), danger: true },
        ],
        onClick: ({ key }) => confirm(key as 'completed' | 'cancelled'),
      }}
    >
      <Button icon={<CheckCircleOutlined />} loading={update.isPending}>
        {t('archive.status.end')} <DownOutlined />
      </Button>
    </Dropdown>
  );
}

/**
 * The record's own actions on the collaboration page: 导出 (the template's Excel table, the record as PDF or
 * Word, or all of it with the deliverables as .zip) for every reader; for its editors ending it and 归档
 * once it is completed or cancelled.
 */
export function RecordActions({ collaboration: c }: { collaboration: Collaboration }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const archive = useArchiveCollaboration(c.id);
  const path = `/collaborations/${encodeURIComponent(c.id)}/export`;
  return (
    <Space wrap align="start">
      <ExportMenu choices={formatChoices(path, ['xlsx', 'pdf', 'docx', 'zip'], archiveName(c), {}, (f) => t(`export.format.${f}`))} />
      <StatusControl collaboration={c} />
      {c.abilities.archive && c.status !== 'active' && (
        <Popconfirm
          title={t('archive.archiveConfirm')}
          description={t('archive.archiveHint')}
          okText={t('archive.archive')}
          cancelText={t('common.cancel')}
          onConfirm={() =>
            archive.mutateAsync().then(
              () => void message.success(t('archive.archived')),
              (error: unknown) => void message.error(transferErrorText(error, t)),
            )
          }
        >
          <Button icon={<InboxOutlined />} loading={archive.isPending}>
            {t('archive.archive')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}
