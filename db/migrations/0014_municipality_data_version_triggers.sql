-- municipality_data_versions.version changes with every write to what a jobcenter's inbox
-- (submissions by submissions.municipality_code) and open-case list (absences by
-- absences.employee_municipality_code, adjusted by employee_moves) show: the
-- submissions and absences themselves, the employee's name, birth date and residence,
-- moves, and the company's name and CVR number. Bumped in the writer's transaction, whatever code
-- path or process writes; the lists are cached while the version is unchanged.
CREATE TRIGGER `submissions_municipality_version_insert` AFTER INSERT ON `submissions`
BEGIN
  INSERT INTO `municipality_data_versions` (`municipality_code`, `version`)
    SELECT `code`, 1 FROM (SELECT NEW.`municipality_code` AS `code`) WHERE `code` IS NOT NULL
    ON CONFLICT (`municipality_code`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `submissions_municipality_version_update` AFTER UPDATE ON `submissions`
BEGIN
  INSERT INTO `municipality_data_versions` (`municipality_code`, `version`)
    SELECT `code`, 1 FROM (SELECT OLD.`municipality_code` AS `code` UNION SELECT NEW.`municipality_code`) WHERE `code` IS NOT NULL
    ON CONFLICT (`municipality_code`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `submissions_municipality_version_delete` AFTER DELETE ON `submissions`
BEGIN
  INSERT INTO `municipality_data_versions` (`municipality_code`, `version`)
    SELECT `code`, 1 FROM (SELECT OLD.`municipality_code` AS `code`) WHERE `code` IS NOT NULL
    ON CONFLICT (`municipality_code`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `absences_municipality_version_insert` AFTER INSERT ON `absences`
BEGIN
  INSERT INTO `municipality_data_versions` (`municipality_code`, `version`)
    SELECT `code`, 1 FROM (SELECT NEW.`employee_municipality_code` AS `code`) WHERE `code` IS NOT NULL
    ON CONFLICT (`municipality_code`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `absences_municipality_version_update` AFTER UPDATE ON `absences`
BEGIN
  INSERT INTO `municipality_data_versions` (`municipality_code`, `version`)
    SELECT `code`, 1 FROM (SELECT OLD.`employee_municipality_code` AS `code` UNION SELECT NEW.`employee_municipality_code`
      UNION SELECT `municipality_code` FROM `submissions` WHERE `absence_id` IN (OLD.`id`, NEW.`id`)) WHERE `code` IS NOT NULL
    ON CONFLICT (`municipality_code`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `absences_municipality_version_delete` AFTER DELETE ON `absences`
BEGIN
  INSERT INTO `municipality_data_versions` (`municipality_code`, `version`)
    SELECT `code`, 1 FROM (SELECT OLD.`employee_municipality_code` AS `code`
      UNION SELECT `municipality_code` FROM `submissions` WHERE `absence_id` = OLD.`id`) WHERE `code` IS NOT NULL
    ON CONFLICT (`municipality_code`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `employees_municipality_version_update` AFTER UPDATE ON `employees`
BEGIN
  INSERT INTO `municipality_data_versions` (`municipality_code`, `version`)
    SELECT `code`, 1 FROM (SELECT OLD.`municipality_code` AS `code` UNION SELECT NEW.`municipality_code`
      UNION SELECT `municipality_code` FROM `submissions` WHERE `employee_id` IN (OLD.`id`, NEW.`id`)) WHERE `code` IS NOT NULL
    ON CONFLICT (`municipality_code`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `employees_municipality_version_delete` AFTER DELETE ON `employees`
BEGIN
  INSERT INTO `municipality_data_versions` (`municipality_code`, `version`)
    SELECT `code`, 1 FROM (SELECT OLD.`municipality_code` AS `code`) WHERE `code` IS NOT NULL
    ON CONFLICT (`municipality_code`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `employee_moves_municipality_version_insert` AFTER INSERT ON `employee_moves`
BEGIN
  INSERT INTO `municipality_data_versions` (`municipality_code`, `version`)
    SELECT `code`, 1 FROM (SELECT NEW.`from_municipality_code` AS `code` UNION SELECT NEW.`to_municipality_code`) WHERE `code` IS NOT NULL
    ON CONFLICT (`municipality_code`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `employee_moves_municipality_version_update` AFTER UPDATE ON `employee_moves`
BEGIN
  INSERT INTO `municipality_data_versions` (`municipality_code`, `version`)
    SELECT `code`, 1 FROM (SELECT OLD.`from_municipality_code` AS `code` UNION SELECT OLD.`to_municipality_code`
      UNION SELECT NEW.`from_municipality_code` UNION SELECT NEW.`to_municipality_code`) WHERE `code` IS NOT NULL
    ON CONFLICT (`municipality_code`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `employee_moves_municipality_version_delete` AFTER DELETE ON `employee_moves`
BEGIN
  INSERT INTO `municipality_data_versions` (`municipality_code`, `version`)
    SELECT `code`, 1 FROM (SELECT OLD.`from_municipality_code` AS `code` UNION SELECT OLD.`to_municipality_code`) WHERE `code` IS NOT NULL
    ON CONFLICT (`municipality_code`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `companies_municipality_version_identity` AFTER UPDATE OF `name`, `cvr` ON `companies`
WHEN NEW.`name` IS NOT OLD.`name` OR NEW.`cvr` IS NOT OLD.`cvr`
BEGIN
  INSERT INTO `municipality_data_versions` (`municipality_code`, `version`)
    SELECT `code`, 1 FROM (SELECT `municipality_code` AS `code` FROM `submissions` WHERE `company_id` = NEW.`id`
      UNION SELECT `employee_municipality_code` FROM `absences` WHERE `company_id` = NEW.`id` AND `returned_on` IS NULL) WHERE `code` IS NOT NULL
    ON CONFLICT (`municipality_code`) DO UPDATE SET `version` = `version` + 1;
END;
