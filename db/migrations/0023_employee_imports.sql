CREATE TABLE `employee_import_rows` (
	`import_id` integer NOT NULL,
	`line` integer NOT NULL,
	`outcome` text NOT NULL,
	`employee_id` integer,
	`data` text NOT NULL,
	`notes` text,
	FOREIGN KEY (`import_id`) REFERENCES `employee_imports`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `employee_import_rows_line_uq` ON `employee_import_rows` (`import_id`,`line`);--> statement-breakpoint
CREATE INDEX `employee_import_rows_outcome_idx` ON `employee_import_rows` (`import_id`,`outcome`,`line`);--> statement-breakpoint
CREATE TABLE `employee_imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`token_hash` text NOT NULL,
	`company_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`file_name` text NOT NULL,
	`headers` text NOT NULL,
	`moved_on` text NOT NULL,
	`expires_at` text NOT NULL,
	`confirmed_at` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `employee_imports_token_hash_unique` ON `employee_imports` (`token_hash`);--> statement-breakpoint
CREATE INDEX `employee_imports_expiry_idx` ON `employee_imports` (`expires_at`);