CREATE TABLE `user_departments` (
	`user_id` integer NOT NULL,
	`department_id` integer NOT NULL,
	PRIMARY KEY(`user_id`, `department_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `user_departments_department_idx` ON `user_departments` (`department_id`);--> statement-breakpoint
ALTER TABLE `calendar_feeds` ADD `user_id` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `companies` ADD `managers_may_submit` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `invitations` ADD `access_level` text DEFAULT 'hr' NOT NULL;--> statement-breakpoint
ALTER TABLE `invitations` ADD `department_ids` text;--> statement-breakpoint
ALTER TABLE `users` ADD `access_level` text DEFAULT 'hr' NOT NULL;