import { Card } from 'antd';
import { AdminPage } from './admin-only.tsx';
import { ChannelsPanel } from '../channels/channels-panel.tsx';

/** 组织渠道: webhooks to other systems and departments' robots, beside the collaborations' own groups. */
export function OrgChannelsPage() {
  return (
    <AdminPage title="admin.channels">
      <Card size="small">
        <ChannelsPanel scope={{ organization: true }} canManage withDepartment />
      </Card>
    </AdminPage>
  );
}
