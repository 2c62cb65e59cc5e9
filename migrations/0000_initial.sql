CREATE TABLE `companies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`website` text,
	`description` text DEFAULT '' NOT NULL,
	`size_band` text,
	`headquarters` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `companies_slug_unique` ON `companies` (`slug`);--> statement-breakpoint
CREATE TABLE `compensation` (
	`role_id` integer PRIMARY KEY NOT NULL,
	`salary_currency` text NOT NULL,
	`salary_min` real,
	`salary_max` real,
	`bonus_target_percent` real,
	`equity_kind` text,
	`equity_min` real,
	`equity_max` real,
	`token_amount` real,
	`token_unit` text,
	`token_period` text,
	`token_cap` text,
	`token_scope` text,
	`token_pool_size` integer,
	`tools` text DEFAULT '[]' NOT NULL,
	`other_tools` text DEFAULT '' NOT NULL,
	`gpu_access` text DEFAULT '' NOT NULL,
	`pricing_basis_id` integer,
	`token_usd_per_year` real,
	`tokens_per_month` real,
	`salary_min_usd` real,
	`salary_max_usd` real,
	`total_min_usd` real,
	`total_max_usd` real,
	`inference_share` real,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`role_id`) REFERENCES `roles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`pricing_basis_id`) REFERENCES `pricing_bases`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "compensation_salary_range" CHECK("compensation"."salary_min" is null or "compensation"."salary_max" is null or "compensation"."salary_min" <= "compensation"."salary_max"),
	CONSTRAINT "compensation_token_nonnegative" CHECK("compensation"."token_amount" is null or "compensation"."token_amount" >= 0)
);
--> statement-breakpoint
CREATE INDEX `compensation_token_usd_idx` ON `compensation` (`token_usd_per_year`,`role_id`);--> statement-breakpoint
CREATE INDEX `compensation_salary_max_idx` ON `compensation` (`salary_max_usd`,`role_id`);--> statement-breakpoint
CREATE INDEX `compensation_total_max_idx` ON `compensation` (`total_max_usd`,`role_id`);--> statement-breakpoint
CREATE INDEX `compensation_share_idx` ON `compensation` (`inference_share`,`role_id`);--> statement-breakpoint
CREATE TABLE `exchange_rates` (
	`currency` text PRIMARY KEY NOT NULL,
	`usd_per_unit` real NOT NULL,
	`as_of` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `memberships` (
	`user_id` integer NOT NULL,
	`company_id` integer NOT NULL,
	`role` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `company_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "memberships_role_check" CHECK("memberships"."role" in ('owner', 'member'))
);
--> statement-breakpoint
CREATE INDEX `memberships_company_idx` ON `memberships` (`company_id`);--> statement-breakpoint
CREATE TABLE `pricing_bases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`model_name` text NOT NULL,
	`provider` text NOT NULL,
	`usd_per_m_input` real NOT NULL,
	`usd_per_m_output` real NOT NULL,
	`usd_per_m_cached_input` real,
	`input_share` real NOT NULL,
	`as_of` text NOT NULL,
	`source_url` text,
	`is_default` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pricing_bases_slug_unique` ON `pricing_bases` (`slug`);--> statement-breakpoint
CREATE UNIQUE INDEX `pricing_bases_one_default` ON `pricing_bases` (`is_default`) WHERE "pricing_bases"."is_default" = 1;--> statement-breakpoint
CREATE TABLE `role_daily_stats` (
	`role_id` integer NOT NULL,
	`day` text NOT NULL,
	`views` integer DEFAULT 0 NOT NULL,
	`apply_clicks` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`role_id`, `day`),
	FOREIGN KEY (`role_id`) REFERENCES `roles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `role_tools` (
	`tool` text NOT NULL,
	`role_id` integer NOT NULL,
	PRIMARY KEY(`tool`, `role_id`),
	FOREIGN KEY (`role_id`) REFERENCES `roles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `role_tools_role_idx` ON `role_tools` (`role_id`);--> statement-breakpoint
CREATE TABLE `roles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`company_id` integer NOT NULL,
	`title` text NOT NULL,
	`level` text NOT NULL,
	`discipline` text NOT NULL,
	`employment_type` text NOT NULL,
	`workplace` text NOT NULL,
	`location_text` text DEFAULT '' NOT NULL,
	`country_codes` text DEFAULT '' NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`apply_url` text,
	`apply_email` text,
	`status` text NOT NULL,
	`published_at` integer,
	`expires_at` integer,
	`closed_at` integer,
	`created_by_user_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "roles_status_check" CHECK("roles"."status" in ('draft', 'published', 'closed')),
	CONSTRAINT "roles_published_has_dates" CHECK("roles"."status" <> 'published' or ("roles"."published_at" is not null and "roles"."expires_at" is not null))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `roles_slug_unique` ON `roles` (`slug`);--> statement-breakpoint
CREATE INDEX `roles_listing_newest_idx` ON `roles` (`published_at`,`id`) WHERE "roles"."status" = 'published';--> statement-breakpoint
CREATE INDEX `roles_company_status_idx` ON `roles` (`company_id`,`status`,`published_at`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `shortlist_items` (
	`shortlist_id` integer NOT NULL,
	`role_id` integer NOT NULL,
	`position` integer NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	PRIMARY KEY(`shortlist_id`, `role_id`),
	FOREIGN KEY (`shortlist_id`) REFERENCES `shortlists`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`role_id`) REFERENCES `roles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `shortlist_items_order_idx` ON `shortlist_items` (`shortlist_id`,`position`);--> statement-breakpoint
CREATE TABLE `shortlists` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`public_id` text NOT NULL,
	`recruiter_id` integer NOT NULL,
	`title` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`recruiter_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `shortlists_public_id_unique` ON `shortlists` (`public_id`);--> statement-breakpoint
CREATE INDEX `shortlists_recruiter_idx` ON `shortlists` (`recruiter_id`,`updated_at`);--> statement-breakpoint
CREATE TABLE `tracked_link_daily_stats` (
	`link_id` integer NOT NULL,
	`day` text NOT NULL,
	`visits` integer DEFAULT 0 NOT NULL,
	`bot_visits` integer DEFAULT 0 NOT NULL,
	`apply_clicks` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`link_id`, `day`),
	FOREIGN KEY (`link_id`) REFERENCES `tracked_links`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `tracked_links` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`role_id` integer,
	`shortlist_id` integer,
	`recruiter_id` integer NOT NULL,
	`label` text DEFAULT '' NOT NULL,
	`disabled_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`role_id`) REFERENCES `roles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`shortlist_id`) REFERENCES `shortlists`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recruiter_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "tracked_links_one_target" CHECK(("tracked_links"."role_id" is null) <> ("tracked_links"."shortlist_id" is null))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tracked_links_code_unique` ON `tracked_links` (`code`);--> statement-breakpoint
CREATE INDEX `tracked_links_recruiter_idx` ON `tracked_links` (`recruiter_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `tracked_links_role_idx` ON `tracked_links` (`role_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`password_hash` text NOT NULL,
	`display_name` text NOT NULL,
	`is_recruiter` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_lower_unique` ON `users` (lower("email"));