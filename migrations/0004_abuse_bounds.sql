CREATE TABLE `company_invitations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`email` text NOT NULL,
	`role` text NOT NULL,
	`invited_by_user_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`invited_by_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "company_invitations_role_check" CHECK("company_invitations"."role" in ('owner', 'member'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `company_invitations_company_email` ON `company_invitations` (`company_id`,`email`);--> statement-breakpoint
CREATE INDEX `company_invitations_email_idx` ON `company_invitations` (`email`);--> statement-breakpoint
CREATE TABLE `company_slug_history` (
	`slug` text PRIMARY KEY NOT NULL,
	`company_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `visitor_marks` (
	`day` text NOT NULL,
	`kind` text NOT NULL,
	`target_id` integer NOT NULL,
	`visitor` text NOT NULL,
	PRIMARY KEY(`day`, `kind`, `target_id`, `visitor`)
);
--> statement-breakpoint
ALTER TABLE `companies` ADD `description_html` text;--> statement-breakpoint
ALTER TABLE `roles` ADD `description_html` text;--> statement-breakpoint
ALTER TABLE `roles` ADD `description_text` text;