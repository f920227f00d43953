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
CREATE INDEX `case_exports_expiry_idx` ON `case_exports` (`expires_at`);--> statement-breakpoint
CREATE TABLE `employee_import_staged` (
	`import_id` integer NOT NULL,
	`line` integer NOT NULL,
	`outcome` text NOT NULL,
	`employee_id` integer,
	`employee_number` text NOT NULL,
	`name` text NOT NULL,
	`birth_date` text NOT NULL,
	`municipality_code` integer NOT NULL,
	`employment_start_date` text NOT NULL,
	`job_title` text,
	`weekly_hours` real,
	`email` text,
	`employment_end_date` text,
	`address_line` text,
	`postal_code` text,
	`city` text,
	`department_name` text,
	`department_key` text,
	`department_id` integer,
	`seen_updated_at` text,
	`moves_from` integer,
	`recompute` integer DEFAULT false NOT NULL,
	`audit_details` text,
	PRIMARY KEY(`import_id`, `line`),
	FOREIGN KEY (`import_id`) REFERENCES `employee_imports`(`id`) ON UPDATE no action ON DELETE cascade
);
