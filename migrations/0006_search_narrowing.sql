ALTER TABLE "progress_updates" ADD COLUMN "collaboration_id" uuid;--> statement-breakpoint
ALTER TABLE "topic_feedback" ADD COLUMN "collaboration_id" uuid;--> statement-breakpoint
ALTER TABLE "topics" ADD COLUMN "collaboration_id" uuid;--> statement-breakpoint
CREATE INDEX "collaborations_creator_id_index" ON "collaborations" USING btree ("creator_id");--> statement-breakpoint
CREATE INDEX "collaborations_owner_id_index" ON "collaborations" USING btree ("owner_id");--> statement-breakpoint
CREATE INDEX "collaborations_org_visible_idx" ON "collaborations" USING btree ("org_id") WHERE "collaborations"."visibility" = 'organization';--> statement-breakpoint
CREATE INDEX "meetings_host_id_index" ON "meetings" USING btree ("host_id");--> statement-breakpoint
CREATE INDEX "meetings_recorder_id_index" ON "meetings" USING btree ("recorder_id");--> statement-breakpoint
CREATE INDEX "progress_updates_collaboration_id_index" ON "progress_updates" USING btree ("collaboration_id");--> statement-breakpoint
CREATE INDEX "topic_feedback_collaboration_id_index" ON "topic_feedback" USING btree ("collaboration_id");--> statement-breakpoint
CREATE INDEX "topics_collaboration_id_index" ON "topics" USING btree ("collaboration_id");--> statement-breakpoint
-- Hand-written below drizzle-kit's statements.
-- Search narrows each table by the reader's visible collaborations before it reads rows (a BitmapAnd of the
-- bigram GIN index and this column's btree). Topics, feedback and progress updates reach their collaboration
-- only through a parent, so the parent's is copied here on insert. Nothing depends on it for correctness:
-- search treats NULL as "not known" and still joins through the parent to decide visibility.
CREATE OR REPLACE FUNCTION topics_copy_collaboration_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.collaboration_id := (SELECT m.collaboration_id FROM meetings m WHERE m.id = NEW.meeting_id);
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER topics_collaboration_id BEFORE INSERT OR UPDATE OF meeting_id ON topics
  FOR EACH ROW EXECUTE FUNCTION topics_copy_collaboration_id();--> statement-breakpoint
CREATE OR REPLACE FUNCTION topic_feedback_copy_collaboration_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.collaboration_id := (SELECT m.collaboration_id FROM topics t JOIN meetings m ON m.id = t.meeting_id WHERE t.id = NEW.topic_id);
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER topic_feedback_collaboration_id BEFORE INSERT OR UPDATE OF topic_id ON topic_feedback
  FOR EACH ROW EXECUTE FUNCTION topic_feedback_copy_collaboration_id();--> statement-breakpoint
CREATE OR REPLACE FUNCTION progress_updates_copy_collaboration_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.collaboration_id := (SELECT a.collaboration_id FROM action_items a WHERE a.id = NEW.action_item_id);
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER progress_updates_collaboration_id BEFORE INSERT OR UPDATE OF action_item_id ON progress_updates
  FOR EACH ROW EXECUTE FUNCTION progress_updates_copy_collaboration_id();--> statement-breakpoint
UPDATE topics t SET collaboration_id = m.collaboration_id FROM meetings m WHERE m.id = t.meeting_id AND t.collaboration_id IS NULL;--> statement-breakpoint
UPDATE topic_feedback f SET collaboration_id = t.collaboration_id FROM topics t WHERE t.id = f.topic_id AND f.collaboration_id IS NULL;--> statement-breakpoint
UPDATE progress_updates u SET collaboration_id = a.collaboration_id FROM action_items a WHERE a.id = u.action_item_id AND u.collaboration_id IS NULL;
