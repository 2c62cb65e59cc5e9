-- listing_version invalidates every listing cache (the anonymous page cache, facet counts,
-- the market). Drafts and closed roles are never listed, so their writes must not invalidate
-- it: an employer saving drafts used to empty the caches for every visitor (under a steady
-- stream of posts /roles was rendered afresh on nearly every request).
DROP TRIGGER `listing_version_role_insert`;
--> statement-breakpoint
DROP TRIGGER `listing_version_role_update`;
--> statement-breakpoint
DROP TRIGGER `listing_version_role_delete`;
--> statement-breakpoint
DROP TRIGGER `listing_version_compensation_insert`;
--> statement-breakpoint
DROP TRIGGER `listing_version_compensation_update`;
--> statement-breakpoint
CREATE TRIGGER `listing_version_role_insert` AFTER INSERT ON `roles`
WHEN NEW.status = 'published' BEGIN
  UPDATE listing_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
-- Publishing, closing, editing a published role, or one leaving the published state.
CREATE TRIGGER `listing_version_role_update` AFTER UPDATE ON `roles`
WHEN NEW.status = 'published' OR OLD.status = 'published' BEGIN
  UPDATE listing_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `listing_version_role_delete` AFTER DELETE ON `roles`
WHEN OLD.status = 'published' BEGIN
  UPDATE listing_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `listing_version_compensation_insert` AFTER INSERT ON `compensation`
WHEN (SELECT status FROM roles WHERE id = NEW.role_id) = 'published' BEGIN
  UPDATE listing_version SET version = version + 1 WHERE id = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `listing_version_compensation_update` AFTER UPDATE ON `compensation`
WHEN (SELECT status FROM roles WHERE id = NEW.role_id) = 'published' BEGIN
  UPDATE listing_version SET version = version + 1 WHERE id = 1;
END;
