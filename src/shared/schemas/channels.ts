import { z } from 'zod';
import { chatChannelKinds } from '../notification-events.ts';
import { listQuery, requiredText } from './common.ts';

const robotUrl = z.url({ protocol: /^https?$/ }).max(2000);
/** A signing secret: DingTalk 加签 `SEC…`, Feishu 签名校验, or a Standard Webhooks `whsec_…`. Write-only. */
const secret = z.string().trim().min(1).max(500);

/** POST /collaborations/:id/channels — a chat group (robot) or webhook of the collaboration. */
export const createChannelBody = z
  .object({
    kind: z.enum(chatChannelKinds),
    name: requiredText(100),
    url: robotUrl,
    secret: secret.optional(),
  })
  .strict();

/** POST /admin/channels — an organisation-wide webhook, or a department's robot. */
export const createOrgChannelBody = createChannelBody.extend({ departmentId: z.uuid().optional() }).strict();

/** PATCH /channels/:id — `secret: null` removes the secret (a webhook must keep one). */
export const patchChannelBody = z
  .object({
    name: requiredText(100).optional(),
    url: robotUrl.optional(),
    secret: secret.nullable().optional(),
  })
  .strict();

export const deliveryStatuses = ['dead', 'pending', 'delivered'] as const;

/** GET /admin/deliveries — the outbox rows of the organisation by state, newest first. */
export const deliveriesQuery = listQuery.extend({
  status: z.enum(deliveryStatuses).default('dead'),
  channelId: z.uuid().optional(),
});
