-- The change log that feeds every process's in-memory search index (app/search, fed by
-- app/models/search-feed.server.ts; docs/decisions/002-search-index.md), and the end of FTS5.
--
-- Every change to what the index holds appends (role id, time) in the writing transaction, so
-- a reader that applies the rows after the last seq it saw is exactly as current as the
-- database, whichever process or script wrote. Only changes that can move a listed role are
-- logged: writes to published roles (or roles leaving the published state), and only of the
-- columns the index reads, so a draft being saved or a rendered description being stored
-- costs the log nothing.
CREATE TABLE `role_changes` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`role_id` integer NOT NULL,
	`changed_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TRIGGER `role_changes_role_insert` AFTER INSERT ON `roles`
WHEN NEW.status = 'published' BEGIN
  INSERT INTO role_changes (role_id, changed_at) VALUES (NEW.id, CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `role_changes_role_update`
AFTER UPDATE OF status, published_at, expires_at, title, description, company_id, level, workplace ON `roles`
WHEN NEW.status = 'published' OR OLD.status = 'published' BEGIN
  INSERT INTO role_changes (role_id, changed_at) VALUES (NEW.id, CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `role_changes_role_delete` AFTER DELETE ON `roles`
WHEN OLD.status = 'published' BEGIN
  INSERT INTO role_changes (role_id, changed_at) VALUES (OLD.id, CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `role_changes_compensation_insert` AFTER INSERT ON `compensation`
WHEN (SELECT status FROM roles WHERE id = NEW.role_id) = 'published' BEGIN
  INSERT INTO role_changes (role_id, changed_at) VALUES (NEW.role_id, CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `role_changes_compensation_update`
AFTER UPDATE OF token_usd_per_year, salary_max_usd, total_max_usd, inference_share, tools, other_tools ON `compensation`
WHEN (SELECT status FROM roles WHERE id = NEW.role_id) = 'published' BEGIN
  INSERT INTO role_changes (role_id, changed_at) VALUES (NEW.role_id, CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `role_changes_compensation_delete` AFTER DELETE ON `compensation`
WHEN (SELECT status FROM roles WHERE id = OLD.role_id) = 'published' BEGIN
  INSERT INTO role_changes (role_id, changed_at) VALUES (OLD.role_id, CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `role_changes_tool_insert` AFTER INSERT ON `role_tools`
WHEN (SELECT status FROM roles WHERE id = NEW.role_id) = 'published' BEGIN
  INSERT INTO role_changes (role_id, changed_at) VALUES (NEW.role_id, CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;
--> statement-breakpoint
CREATE TRIGGER `role_changes_tool_delete` AFTER DELETE ON `role_tools`
WHEN (SELECT status FROM roles WHERE id = OLD.role_id) = 'published' BEGIN
  INSERT INTO role_changes (role_id, changed_at) VALUES (OLD.role_id, CAST(unixepoch('subsec') * 1000 AS INTEGER));
END;
--> statement-breakpoint
-- A company's name is one of its roles' keywords and its slug is the company filter.
CREATE TRIGGER `role_changes_company_update` AFTER UPDATE OF name, slug ON `companies` BEGIN
  INSERT INTO role_changes (role_id, changed_at)
    SELECT id, CAST(unixepoch('subsec') * 1000 AS INTEGER) FROM roles WHERE company_id = NEW.id AND status = 'published';
END;
--> statement-breakpoint
-- Pruning, paid by writers a batch at a time: every 1,024th row deletes up to 2,048 of the
-- oldest rows that are more than a day old (never the newest row, so the highest seq stays
-- readable). A reader more than a day behind finds a gap after its last seq and rebuilds.
CREATE TRIGGER `role_changes_prune` AFTER INSERT ON `role_changes`
WHEN NEW.seq % 1024 = 0 BEGIN
  DELETE FROM role_changes
  WHERE seq IN (SELECT seq FROM role_changes WHERE seq < NEW.seq ORDER BY seq LIMIT 2048)
    AND changed_at < NEW.changed_at - 86400000;
END;
--> statement-breakpoint
-- FTS5 no longer serves any query: keywords are answered by the index's term bitmaps. At a
-- million roles its table took 1.07 GB of the 2.85 GB database, and its triggers tokenized
-- every role on every write.
DROP TRIGGER `roles_fts_after_compensation_insert`;
--> statement-breakpoint
DROP TRIGGER `roles_fts_after_tools_update`;
--> statement-breakpoint
DROP TRIGGER `roles_fts_after_role_update`;
--> statement-breakpoint
DROP TRIGGER `roles_fts_after_role_delete`;
--> statement-breakpoint
DROP TRIGGER `roles_fts_after_company_rename`;
--> statement-breakpoint
DROP TABLE `roles_fts`;
