CREATE TABLE `municipality_open_absences` (
	`municipality_code` integer PRIMARY KEY NOT NULL,
	`open_absences` integer NOT NULL
);
