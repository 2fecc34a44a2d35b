CREATE INDEX "action_items_meeting_id_index" ON "action_items" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "action_items_owner_id_due_date_id_index" ON "action_items" USING btree ("owner_id","due_date","id");--> statement-breakpoint
CREATE INDEX "action_items_org_id_due_date_index" ON "action_items" USING btree ("org_id","due_date");--> statement-breakpoint
CREATE INDEX "action_items_done_idx" ON "action_items" USING btree ("org_id","completed_at") WHERE "action_items"."status" = 'done';--> statement-breakpoint
CREATE INDEX "action_items_cancelled_idx" ON "action_items" USING btree ("org_id","updated_at") WHERE "action_items"."status" = 'cancelled';--> statement-breakpoint
CREATE INDEX "collaborations_org_id_health_created_at_index" ON "collaborations" USING btree ("org_id","health","created_at");--> statement-breakpoint
CREATE INDEX "collaborations_org_id_status_created_at_index" ON "collaborations" USING btree ("org_id","status","created_at");--> statement-breakpoint
CREATE INDEX "progress_updates_org_id_created_at_index" ON "progress_updates" USING btree ("org_id","created_at");