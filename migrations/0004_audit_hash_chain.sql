CREATE TABLE "audit_chain_heads" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "seq" bigint;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "prev_hash" text;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "hash" text;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_events_chain_idx" ON "audit_events" USING btree ("org_id","seq");--> statement-breakpoint
-- Hand-written below: the hash chain and the append-only guard (drizzle-kit cannot express functions or triggers).
-- The canonical form of an event: a JSON array of its fields, as jsonb prints it; `liaison audit verify`
-- (src/server/audit/verify-chain.ts) builds the same text and recomputes the hashes outside this function.
CREATE OR REPLACE FUNCTION audit_event_digest(prev text, e audit_events, n bigint) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(prev || E'\n' || jsonb_build_array(
    e.id, e.org_id, n, e.actor_id, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    e.entity_type, e.entity_id, e.collaboration_id, e.action, e.before, e.after, to_jsonb(e.restricted_to)
  )::text, 'UTF8')), 'hex')
$$;--> statement-breakpoint
-- Backfill: the events already written, per organisation in the order they happened.
DO $$
DECLARE
  r audit_events;
  current_org uuid;
  n bigint;
  prev text;
BEGIN
  FOR r IN SELECT * FROM audit_events ORDER BY org_id, at, id LOOP
    IF current_org IS DISTINCT FROM r.org_id THEN
      current_org := r.org_id;
      n := 0;
      prev := repeat('0', 64);
    END IF;
    n := n + 1;
    UPDATE audit_events SET seq = n, prev_hash = prev, hash = audit_event_digest(prev, r, n) WHERE id = r.id RETURNING hash INTO prev;
  END LOOP;
  INSERT INTO audit_chain_heads (org_id, seq, hash)
    SELECT DISTINCT ON (org_id) org_id, seq, hash FROM audit_events ORDER BY org_id, seq DESC;
END $$;--> statement-breakpoint
-- Links each new event at commit (a deferred constraint trigger): the organisation's head row is locked only
-- for the commit itself, so writers never hold it while taking other locks (no deadlocks), and events chain
-- in commit order whatever order concurrent transactions inserted them in.
CREATE OR REPLACE FUNCTION audit_chain_link() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  next_seq bigint;
  prev text;
  digest text;
BEGIN
  INSERT INTO audit_chain_heads AS h (org_id, seq, hash) VALUES (NEW.org_id, 1, repeat('0', 64))
    ON CONFLICT (org_id) DO UPDATE SET seq = h.seq + 1
    RETURNING h.seq, h.hash INTO next_seq, prev;
  digest := audit_event_digest(prev, NEW, next_seq);
  UPDATE audit_events SET seq = next_seq, prev_hash = prev, hash = digest WHERE id = NEW.id;
  UPDATE audit_chain_heads SET hash = digest WHERE org_id = NEW.org_id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER audit_events_chain AFTER INSERT ON audit_events
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_chain_link();--> statement-breakpoint
-- Append-only: no UPDATE, DELETE or TRUNCATE, except the chain trigger filling in a new event's links.
CREATE OR REPLACE FUNCTION audit_events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF pg_trigger_depth() > 1 AND OLD.hash IS NULL THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;--> statement-breakpoint
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();
