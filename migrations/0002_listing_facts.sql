-- A narrow read model of published roles for the market page: one row per published role with
-- just the columns the charts aggregate. Scanning it is what keeps /market fast: the roles
-- table's rows carry whole descriptions, so a full pass over them (even through an index)
-- reads hundreds of megabytes at 100k roles. Triggers keep it in step with roles and
-- compensation; expiry is a filter at query time (expires_at), not a write.
CREATE TABLE `listing_facts` (
  `role_id` integer PRIMARY KEY NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
  `level` text NOT NULL,
  `workplace` text NOT NULL,
  `published_month` text NOT NULL,
  `expires_at` integer NOT NULL,
  `token_usd_per_year` real,
  `inference_share` real,
  `salary_max_usd` real,
  `slug` text NOT NULL,
  `title` text NOT NULL,
  `tools` text NOT NULL DEFAULT '[]'
);
--> statement-breakpoint
-- Serves the listed-role condition (expires_at > now) with the grouping columns at hand.
CREATE INDEX `listing_facts_expiry_idx` ON `listing_facts` (`expires_at`, `level`, `workplace`);
--> statement-breakpoint
-- Serve the box plots: per level, budgets in order, so a quartile is an index walk to an
-- offset, not a sort of every role (the other columns make the walk index-only).
CREATE INDEX `listing_facts_level_budget_idx` ON `listing_facts` (`level`, `token_usd_per_year`, `expires_at`, `workplace`);
--> statement-breakpoint
-- Serves the monthly medians the same way.
CREATE INDEX `listing_facts_month_share_idx` ON `listing_facts` (`published_month`, `inference_share`, `expires_at`, `level`, `workplace`);
--> statement-breakpoint
-- The tools of listed roles with their expiry, so "share of roles providing each tool" is one
-- index range count per tool instead of a pass over every role. Kept by triggers on
-- listing_facts itself.
CREATE TABLE `listing_tools` (
  `tool` text NOT NULL,
  `role_id` integer NOT NULL REFERENCES listing_facts(role_id) ON DELETE CASCADE,
  `expires_at` integer NOT NULL,
  PRIMARY KEY (`tool`, `role_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `listing_tools_expiry_idx` ON `listing_tools` (`tool`, `expires_at`);
--> statement-breakpoint
CREATE TRIGGER `listing_tools_facts_insert` AFTER INSERT ON `listing_facts` BEGIN
  INSERT OR IGNORE INTO listing_tools SELECT j.value, new.role_id, new.expires_at FROM json_each(new.tools) AS j;
END;
--> statement-breakpoint
CREATE TRIGGER `listing_tools_facts_update` AFTER UPDATE OF tools, expires_at ON `listing_facts` BEGIN
  DELETE FROM listing_tools WHERE role_id = old.role_id;
  INSERT OR IGNORE INTO listing_tools SELECT j.value, new.role_id, new.expires_at FROM json_each(new.tools) AS j;
END;
--> statement-breakpoint
CREATE TRIGGER `listing_tools_facts_delete` AFTER DELETE ON `listing_facts` BEGIN
  DELETE FROM listing_tools WHERE role_id = old.role_id;
END;
--> statement-breakpoint
CREATE TRIGGER `listing_facts_role_insert` AFTER INSERT ON `roles` WHEN new.status = 'published' BEGIN
  INSERT OR REPLACE INTO listing_facts
    SELECT new.id, new.level, new.workplace, strftime('%Y-%m', new.published_at / 1000, 'unixepoch'), new.expires_at,
           c.token_usd_per_year, c.inference_share, c.salary_max_usd, new.slug, new.title, c.tools
    FROM compensation c WHERE c.role_id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER `listing_facts_role_update` AFTER UPDATE ON `roles` BEGIN
  DELETE FROM listing_facts WHERE role_id = old.id;
  INSERT INTO listing_facts
    SELECT new.id, new.level, new.workplace, strftime('%Y-%m', new.published_at / 1000, 'unixepoch'), new.expires_at,
           c.token_usd_per_year, c.inference_share, c.salary_max_usd, new.slug, new.title, c.tools
    FROM compensation c WHERE c.role_id = new.id AND new.status = 'published';
END;
--> statement-breakpoint
CREATE TRIGGER `listing_facts_role_delete` AFTER DELETE ON `roles` BEGIN
  DELETE FROM listing_facts WHERE role_id = old.id;
END;
--> statement-breakpoint
CREATE TRIGGER `listing_facts_compensation_insert` AFTER INSERT ON `compensation` BEGIN
  INSERT OR REPLACE INTO listing_facts
    SELECT r.id, r.level, r.workplace, strftime('%Y-%m', r.published_at / 1000, 'unixepoch'), r.expires_at,
           new.token_usd_per_year, new.inference_share, new.salary_max_usd, r.slug, r.title, new.tools
    FROM roles r WHERE r.id = new.role_id AND r.status = 'published';
END;
--> statement-breakpoint
CREATE TRIGGER `listing_facts_compensation_update` AFTER UPDATE ON `compensation` BEGIN
  UPDATE listing_facts
    SET token_usd_per_year = new.token_usd_per_year, inference_share = new.inference_share, salary_max_usd = new.salary_max_usd,
        tools = new.tools
    WHERE role_id = new.role_id;
END;
--> statement-breakpoint
-- Roles that existed before this migration.
INSERT INTO listing_facts
  SELECT r.id, r.level, r.workplace, strftime('%Y-%m', r.published_at / 1000, 'unixepoch'), r.expires_at,
         c.token_usd_per_year, c.inference_share, c.salary_max_usd, r.slug, r.title, c.tools
  FROM roles r JOIN compensation c ON c.role_id = r.id WHERE r.status = 'published';
