-- The end of listing_facts and listing_tools (migration 0002): /market and a role's standing
-- in its level are answered by the in-memory search index (app/search/market.ts), fed by the
-- change log (0005), so nothing reads these copies any more. Their triggers on roles and
-- compensation went on costing every write; the triggers on listing_facts itself and the
-- indexes go with the tables.
DROP TRIGGER IF EXISTS `listing_facts_role_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `listing_facts_role_update`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `listing_facts_role_delete`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `listing_facts_compensation_insert`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `listing_facts_compensation_update`;
--> statement-breakpoint
DROP TABLE IF EXISTS `listing_tools`;
--> statement-breakpoint
DROP TABLE IF EXISTS `listing_facts`;
