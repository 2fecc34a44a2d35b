CREATE TABLE "data_migrations" (
	"name" text PRIMARY KEY NOT NULL,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "action_items" ADD COLUMN "search_text" "tsvector" DEFAULT ''::tsvector NOT NULL;--> statement-breakpoint
ALTER TABLE "action_items" ALTER COLUMN "search_text" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "collaborations" ADD COLUMN "search_text" "tsvector" DEFAULT ''::tsvector NOT NULL;--> statement-breakpoint
ALTER TABLE "collaborations" ALTER COLUMN "search_text" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "progress_updates" ADD COLUMN "search_text" "tsvector" DEFAULT ''::tsvector NOT NULL;--> statement-breakpoint
ALTER TABLE "progress_updates" ALTER COLUMN "search_text" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "remarks" ADD COLUMN "search_text" "tsvector" DEFAULT ''::tsvector NOT NULL;--> statement-breakpoint
ALTER TABLE "remarks" ALTER COLUMN "search_text" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "topic_feedback" ADD COLUMN "search_text" "tsvector" DEFAULT ''::tsvector NOT NULL;--> statement-breakpoint
ALTER TABLE "topic_feedback" ALTER COLUMN "search_text" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "topics" ADD COLUMN "search_text" "tsvector" DEFAULT ''::tsvector NOT NULL;--> statement-breakpoint
ALTER TABLE "topics" ALTER COLUMN "search_text" DROP DEFAULT;--> statement-breakpoint
CREATE INDEX "action_items_search_idx" ON "action_items" USING gin ("search_text");--> statement-breakpoint
CREATE INDEX "collaborations_search_idx" ON "collaborations" USING gin ("search_text");--> statement-breakpoint
CREATE INDEX "progress_updates_search_idx" ON "progress_updates" USING gin ("search_text");--> statement-breakpoint
CREATE INDEX "remarks_search_idx" ON "remarks" USING gin ("search_text");--> statement-breakpoint
CREATE INDEX "topic_feedback_search_idx" ON "topic_feedback" USING gin ("search_text");--> statement-breakpoint
CREATE INDEX "topics_search_idx" ON "topics" USING gin ("search_text");--> statement-breakpoint
-- Hand-written below drizzle-kit's statements.
-- Rows that existed before this migration got an empty vector (the temporary default above, dropped so
-- every insert must supply one); the TypeScript data migration 'search_text_backfill'
-- (src/server/db/data-migrations.ts) fills them with the tokenizer's lexemes right after.
-- Search now narrows with the bigram vectors above; the trigram indexes of 0003 served only the old search.
DROP INDEX IF EXISTS "collaborations_search_trgm_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "topics_search_trgm_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "topic_feedback_search_trgm_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "action_items_search_trgm_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "progress_updates_search_trgm_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "remarks_search_trgm_idx";--> statement-breakpoint
DROP EXTENSION IF EXISTS pg_trgm;
