ALTER TABLE `companies` ADD `absence_prompt_min_periods` integer;--> statement-breakpoint
ALTER TABLE `companies` ADD `absence_prompt_months` integer;