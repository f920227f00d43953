CREATE TABLE `case_exports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`scope` text NOT NULL,
	`format` text NOT NULL,
	`filters` text NOT NULL,
	`as_of` text NOT NULL,
	`status` text NOT NULL,
	`rows_done` integer DEFAULT 0 NOT NULL,
	`rows_total` integer NOT NULL,
	`error` text,
	`file_name` text NOT NULL,
	`file` blob,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`expires_at` text NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `case_exports_user_idx` ON `case_exports` (`user_id`,`id`);--> statement-breakpoint
CREATE INDEX `case_exports_expiry_idx` ON `case_exports` (`expires_at`);