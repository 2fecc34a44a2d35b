CREATE TABLE "sent_reminders" (
	"org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"occurrence" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sent_reminders_kind_subject_id_occurrence_pk" PRIMARY KEY("kind","subject_id","occurrence")
);
--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "late_flagged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "dead_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "lease_until" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "action_items_open_due_idx" ON "action_items" USING btree ("org_id","due_date") WHERE "action_items"."status" IN ('todo', 'in_progress', 'blocked');--> statement-breakpoint
CREATE INDEX "action_items_open_activity_idx" ON "action_items" USING btree ("org_id",coalesce("last_update_at", "created_at")) WHERE "action_items"."status" IN ('todo', 'in_progress', 'blocked');--> statement-breakpoint
CREATE INDEX "meetings_agenda_unsent_idx" ON "meetings" USING btree ("org_id","planned_start") WHERE "meetings"."agenda_sent_at" IS NULL AND "meetings"."cancelled_at" IS NULL AND "meetings"."held_at" IS NULL;--> statement-breakpoint
CREATE INDEX "meetings_unpublished_idx" ON "meetings" USING btree ("org_id","planned_end") WHERE "meetings"."minutes_status" = 'draft' AND "meetings"."cancelled_at" IS NULL;--> statement-breakpoint
CREATE INDEX "channels_org_id_department_id_index" ON "channels" USING btree ("org_id","department_id");--> statement-breakpoint
CREATE INDEX "notifications_due_idx" ON "notifications" USING btree ("next_attempt_at") WHERE "notifications"."delivered_at" IS NULL AND "notifications"."dead_at" IS NULL;--> statement-breakpoint
CREATE INDEX "notifications_dead_idx" ON "notifications" USING btree ("org_id","dead_at") WHERE "notifications"."dead_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "notifications_channel_id_created_at_index" ON "notifications" USING btree ("channel_id","created_at");