import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { searchCursorSchema, searchQuery } from '../../../shared/schemas/search.ts';
import { requireActor } from '../../plugins/authenticate.ts';
import { searchRecords } from '../../db/queries/search.ts';
import { presentSearchResult } from '../../presenters/search-result.ts';
import { decodeCursor, page } from '../pagination.ts';

/** GET /search: Chinese substring search over everything the caller may read, archived or not. */
export const searchRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/search', { schema: { tags: ['search'], querystring: searchQuery } }, async (request) => {
    const actor = requireActor(request);
    const { q, limit, cursor } = request.query;
    const after = decodeCursor(cursor, searchCursorSchema);
    const rows = await searchRecords(app.db, actor, { q, limit, after });
    const result = page(rows, limit, (last) => ({ rank: last.rank, createdAt: last.created_at.toISOString(), id: last.id }));
    return { items: result.items.map((row) => presentSearchResult(row, q)), nextCursor: result.nextCursor };
  });
};
