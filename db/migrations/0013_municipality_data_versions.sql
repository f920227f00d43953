CREATE TABLE `municipality_data_versions` (
	`municipality_code` integer PRIMARY KEY NOT NULL,
	`version` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `submissions_employee_idx` ON `submissions` (`employee_id`);