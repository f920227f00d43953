CREATE TABLE `statistics_block_versions` (
	`company_id` integer NOT NULL,
	`block` integer NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`company_id`, `block`)
);
