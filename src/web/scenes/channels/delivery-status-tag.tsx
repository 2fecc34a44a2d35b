import { Tag } from 'antd';
import type { DeliveryStatus } from '../../api/channels.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';

const statusColor: Record<DeliveryStatus, string> = { delivered: 'success', pending: 'processing', dead: 'error' };

export function DeliveryStatusTag({ status }: { status: DeliveryStatus }) {
  const { t } = useI18n();
  return <Tag color={statusColor[status]}>{t(`deliveryStatus.${status}`)}</Tag>;
}
