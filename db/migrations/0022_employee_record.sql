CREATE TABLE `departments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`company_id` integer NOT NULL,
	`name` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`company_id`) REFERENCES `companies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `departments_company_name_uq` ON `departments` (`company_id`,`name`);--> statement-breakpoint
ALTER TABLE `employees` ADD `employee_number` text;--> statement-breakpoint
ALTER TABLE `employees` ADD `email` text;--> statement-breakpoint
ALTER TABLE `employees` ADD `department_id` integer REFERENCES departments(id);--> statement-breakpoint
ALTER TABLE `employees` ADD `address_line` text;--> statement-breakpoint
ALTER TABLE `employees` ADD `postal_code` text;--> statement-breakpoint
ALTER TABLE `employees` ADD `city` text;--> statement-breakpoint
CREATE UNIQUE INDEX `employees_company_number_uq` ON `employees` (`company_id`,`employee_number`) WHERE "employees"."employee_number" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `employees_department_idx` ON `employees` (`department_id`);