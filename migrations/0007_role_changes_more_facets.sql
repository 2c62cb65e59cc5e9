-- The search index now also filters by discipline, employment type and country
-- (app/search/index.ts): a change to those columns of a published role must reach the change
-- log like the other columns the index reads (0005), or a process would go on listing the
-- role under its old values.
DROP TRIGGER `role_changes_role_update`;
--> statement-breakpoint
CREATE TRIGGER `role_changes_role_update`
AFTER UPDATE OF status, published_at, expires_at, title, description, company_id, level, workplace, discipline, employment_type, country_codes ON `roles`
WHEN NEW.status = 'published' OR OLD.status = 'published' BEGIN
  INSERT INTO role_changes (role_id, changed_at) VALUES (NEW.id, CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;
