ALTER TABLE `absences` ADD `employee_municipality_code` integer;--> statement-breakpoint
CREATE INDEX `absences_open_municipality_idx` ON `absences` (`employee_municipality_code`,`first_absence_day`,`id`,`employee_id`) WHERE returned_on is null;--> statement-breakpoint
CREATE INDEX `employee_moves_from_idx` ON `employee_moves` (`from_municipality_code`,`moved_on`);--> statement-breakpoint
CREATE INDEX `employee_moves_to_idx` ON `employee_moves` (`to_municipality_code`,`moved_on`);