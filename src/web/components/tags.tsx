import { Tag } from 'antd';
import type { ActionItemStatus, CollaborationStatus, Health } from '../api/types.ts';
import { useI18n } from '../i18n/i18n-provider.tsx';

const healthColor: Record<Health, string> = { on_track: 'success', at_risk: 'warning', off_track: 'error' };

export function HealthTag({ health }: { health: Health }) {
  const { t } = useI18n();
  return <Tag color={healthColor[health]}>{t(`health.${health}`)}</Tag>;
}

const statusColor: Record<CollaborationStatus, string> = { active: 'processing', completed: 'success', cancelled: 'default' };

export function CollaborationStatusTag({ status, archived }: { status: CollaborationStatus; archived?: boolean }) {
  const { t } = useI18n();
  if (archived) return <Tag>{t('collaborationStatus.archived')}</Tag>;
  return <Tag color={statusColor[status]}>{t(`collaborationStatus.${status}`)}</Tag>;
}

const itemColor: Record<ActionItemStatus, string> = { todo: 'default', in_progress: 'processing', blocked: 'error', done: 'success', cancelled: 'default' };

export function ActionItemStatusTag({ status }: { status: ActionItemStatus }) {
  const { t } = useI18n();
  return <Tag color={itemColor[status]}>{t(`itemStatus.${status}`)}</Tag>;
}

/** "Overdue 3 days" in red; nothing when on time. */
export function OverdueTag({ days }: { days: number }) {
  const { t } = useI18n();
  if (days <= 0) return null;
  return <Tag color="error">{t('item.overdueDays', { days })}</Tag>;
}
