import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { authRoutes } from './auth/index.ts';
import { organizationRoutes } from './organization/index.ts';
import { collaborationRoutes } from './collaborations/index.ts';
import { notificationRoutes } from './notifications/index.ts';
import { eventRoutes } from './events/index.ts';
import { actionItemRoutes } from './action-items/index.ts';
import { meetingRoutes } from './meetings/index.ts';
import { channelRoutes } from './channels/index.ts';
import { searchRoutes } from './search/index.ts';
import { archiveRoutes } from './archive/index.ts';
import { reviewRoutes } from './review/index.ts';
import { attachmentRoutes } from './attachments/index.ts';
import { importRoutes } from './imports/index.ts';
import { exportRoutes } from './exports/index.ts';

/** Every resource's routes under /api/v1. */
export const apiRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(authRoutes);
  await app.register(organizationRoutes);
  await app.register(collaborationRoutes);
  await app.register(notificationRoutes);
  await app.register(eventRoutes);
  await app.register(actionItemRoutes);
  await app.register(meetingRoutes);
  await app.register(channelRoutes);
  await app.register(searchRoutes);
  await app.register(archiveRoutes);
  await app.register(reviewRoutes);
  await app.register(attachmentRoutes);
  await app.register(importRoutes);
  await app.register(exportRoutes);
};
