ALTER TABLE `case_exports` ADD `job_owner` text;--> statement-breakpoint
ALTER TABLE `case_exports` ADD `heartbeat_at` text;--> statement-breakpoint
ALTER TABLE `employee_imports` ADD `job_owner` text;--> statement-breakpoint
ALTER TABLE `employee_imports` ADD `heartbeat_at` text;