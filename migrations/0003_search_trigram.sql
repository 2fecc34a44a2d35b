-- Search (GET /search): substring matching with ILIKE, served by trigram GIN indexes for queries of 3+ characters.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "collaborations_search_trgm_idx" ON "collaborations" USING gin (("topic" || ' ' || "goal" || ' ' || "progress_summary") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "topics_search_trgm_idx" ON "topics" USING gin (("title" || ' ' || "discussion" || ' ' || "disagreements" || ' ' || "consensus") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "topic_feedback_search_trgm_idx" ON "topic_feedback" USING gin ("text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "action_items_search_trgm_idx" ON "action_items" USING gin (("description" || ' ' || "deliverable" || ' ' || "status_text") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "progress_updates_search_trgm_idx" ON "progress_updates" USING gin (("status_text" || ' ' || coalesce("delay_reason", '') || ' ' || coalesce("remedy", '')) gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "remarks_search_trgm_idx" ON "remarks" USING gin ("text" gin_trgm_ops);
