CREATE TABLE `statistics_block_versions` (
	`company_id` integer NOT NULL,
	`block` integer NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`company_id`, `block`)
);
--> statement-breakpoint
CREATE INDEX `absences_statistics_idx` ON `absences` (`company_id`,`employee_id`,`first_absence_day`,`id`,`returned_on`,`extent`);