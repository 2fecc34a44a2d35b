import { BarChartOutlined, ContainerOutlined, ImportOutlined } from '@ant-design/icons';
import { useCurrentUser } from '../../api/auth.ts';
import { useI18n } from '../../i18n/i18n-provider.tsx';

/** The sections of the side menu about finished records: every reader has the archive; import and review by ability. */
export const RECORD_SECTIONS = ['/archive', '/imports', '/review'] as const;

/** 归档 for everyone, 导入 for those who may create collaborations, 季度复盘 for pmo, admins and department heads. */
export function useRecordsNavEntries() {
  const { t } = useI18n();
  const { abilities } = useCurrentUser();
  return [
    { key: '/archive', icon: <ContainerOutlined />, label: t('nav.archive') },
    ...(abilities.createCollaboration ? [{ key: '/imports', icon: <ImportOutlined />, label: t('nav.imports') }] : []),
    ...(abilities.runReview ? [{ key: '/review', icon: <BarChartOutlined />, label: t('nav.review') }] : []),
  ];
}
