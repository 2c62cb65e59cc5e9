-- Keyword search over roles (SQLite FTS5) and a version counter for cached listing aggregates.
--
-- roles_fts holds, per role (rowid = roles.id), its title, company name, description and tools.
-- It is contentless (the text lives in roles/companies/compensation already) with
-- contentless_delete so triggers can delete rows by rowid. Tools are indexed as their slugs
-- ("claude-code" tokenizes to "claude" "code"), so "claud" finds Claude Code. A role enters
-- the index when its compensation row is written (always right after the role), so each new
-- role is tokenized once.
CREATE VIRTUAL TABLE `roles_fts` USING fts5(
  title, company, description, tools,
  content = '', contentless_delete = 1,
  tokenize = 'porter unicode61 remove_diacritics 2',
  prefix = '2 3'
);
--> statement-breakpoint
CREATE TRIGGER `roles_fts_after_compensation_insert` AFTER INSERT ON `compensation` BEGIN
  INSERT INTO roles_fts (rowid, title, company, description, tools)
    SELECT r.id, r.title, co.name, r.description, new.tools || ' ' || new.other_tools
    FROM roles r JOIN companies co ON co.id = r.company_id WHERE r.id = new.role_id;
END;
--> statement-breakpoint
CREATE TRIGGER `roles_fts_after_tools_update` AFTER UPDATE OF tools, other_tools ON `compensation` BEGIN
  DELETE FROM roles_fts WHERE rowid = old.role_id;
  INSERT INTO roles_fts (rowid, title, company, description, tools)
    SELECT r.id, r.title, co.name, r.description, new.tools || ' ' || new.other_tools
    FROM roles r JOIN companies co ON co.id = r.company_id WHERE r.id = new.role_id;
END;
--> statement-breakpoint
CREATE TRIGGER `roles_fts_after_role_update` AFTER UPDATE OF title, description, company_id ON `roles` BEGIN
  DELETE FROM roles_fts WHERE rowid = old.id;
  INSERT INTO roles_fts (rowid, title, company, description, tools)
    SELECT new.id, new.title, co.name, new.description, c.tools || ' ' || c.other_tools
    FROM compensation c JOIN companies co ON co.id = new.company_id WHERE c.role_id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER `roles_fts_after_role_delete` AFTER DELETE ON `roles` BEGIN
  DELETE FROM roles_fts WHERE rowid = old.id;
END;
--> statement-breakpoint
CREATE TRIGGER `roles_fts_after_company_rename` AFTER UPDATE OF name ON `companies` BEGIN
  DELETE FROM roles_fts WHERE rowid IN (SELECT id FROM roles WHERE company_id = new.id);
  INSERT INTO roles_fts (rowid, title, company, description, tools)
    SELECT r.id, r.title, new.name, r.description, c.tools || ' ' || c.other_tools
    FROM roles r JOIN compensation c ON c.role_id = r.id WHERE r.company_id = new.id;
END;
--> statement-breakpoint
-- Bumped by every change that can alter a listing, so cached counts, facets and histograms
-- (app/models/search.server.ts) are dropped as soon as they may be stale, by any process.
CREATE TABLE `listing_version` (
  `id` integer PRIMARY KEY NOT NULL CHECK (`id` = 1),
  `version` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `listing_version` (`id`, `version`) VALUES (1, 0);
--> statement-breakpoint
CREATE TRIGGER `listing_version_role_insert` AFTER INSERT ON `roles` BEGIN
  UPDATE listing_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `listing_version_role_update` AFTER UPDATE ON `roles` BEGIN
  UPDATE listing_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `listing_version_role_delete` AFTER DELETE ON `roles` BEGIN
  UPDATE listing_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `listing_version_compensation_insert` AFTER INSERT ON `compensation` BEGIN
  UPDATE listing_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `listing_version_compensation_update` AFTER UPDATE ON `compensation` BEGIN
  UPDATE listing_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `listing_version_company_update` AFTER UPDATE OF name, slug ON `companies` BEGIN
  UPDATE listing_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
-- Roles that existed before this migration.
INSERT INTO roles_fts (rowid, title, company, description, tools)
  SELECT r.id, r.title, co.name, r.description, c.tools || ' ' || c.other_tools
  FROM roles r JOIN companies co ON co.id = r.company_id JOIN compensation c ON c.role_id = r.id;
