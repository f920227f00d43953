CREATE TABLE `municipality_open_absences` (
	`municipality_code` integer PRIMARY KEY NOT NULL,
	`open_absences` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `absences` ADD `employee_municipality_code` integer;--> statement-breakpoint
CREATE INDEX `absences_open_municipality_idx` ON `absences` (`employee_municipality_code`,`first_absence_day`,`id`,`employee_id`) WHERE returned_on is null;--> statement-breakpoint
ALTER TABLE `companies` ADD `data_version` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `employee_moves_from_idx` ON `employee_moves` (`from_municipality_code`,`moved_on`);--> statement-breakpoint
CREATE INDEX `employee_moves_to_idx` ON `employee_moves` (`to_municipality_code`,`moved_on`);