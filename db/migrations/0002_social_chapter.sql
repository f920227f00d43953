CREATE TABLE `social_chapter_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`record_id` integer NOT NULL,
	`entry_date` text NOT NULL,
	`kind` text NOT NULL,
	`text` text NOT NULL,
	`corrects_entry_id` integer,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`record_id`) REFERENCES `social_chapter_records`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `social_chapter_log_record_idx` ON `social_chapter_log` (`record_id`,`entry_date`);--> statement-breakpoint
CREATE TABLE `social_chapter_records` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`employee_id` integer NOT NULL,
	`collective_agreement` text NOT NULL,
	`started_on` text NOT NULL,
	`tasks` text NOT NULL,
	`accommodations` text NOT NULL,
	`hours_per_week` real NOT NULL,
	`wage_terms` text NOT NULL,
	`review_dates` text DEFAULT '[]' NOT NULL,
	`created_by` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`employee_id`) REFERENCES `employees`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `social_chapter_records_employee_id_unique` ON `social_chapter_records` (`employee_id`);--> statement-breakpoint
CREATE INDEX `social_chapter_company_idx` ON `social_chapter_records` (`company_id`);