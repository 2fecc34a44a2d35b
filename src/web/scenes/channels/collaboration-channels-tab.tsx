import type { Collaboration } from '../../api/types.ts';
import { ChannelsPanel } from './channels-panel.tsx';

/** 群机器人 on the collaboration page: its 跨部门协作群, for those who manage them (not once archived). */
export function CollaborationChannelsTab({ collaboration }: { collaboration: Collaboration }) {
  return <ChannelsPanel scope={{ collaborationId: collaboration.id }} canManage={collaboration.abilities.manageChannels && !collaboration.archived} />;
}
