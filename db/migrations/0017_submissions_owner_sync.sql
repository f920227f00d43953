-- submissions.employee_municipality_code is a copy of the employee's municipality_code: the
-- whole case (every submission, also those sent before a move) belongs to the employee's
-- home municipality from the moving date (Retssikkerhedsloven § 9), and the inbox reads it
-- from submissions_owner_inbox_idx. Kept in the writer's transaction, whatever code path writes.
UPDATE `submissions` SET `employee_municipality_code` = (SELECT `municipality_code` FROM `employees` WHERE `employees`.`id` = `submissions`.`employee_id`);
--> statement-breakpoint
CREATE TRIGGER `submissions_employee_municipality_insert` AFTER INSERT ON `submissions`
WHEN NEW.`employee_municipality_code` IS NOT (SELECT `municipality_code` FROM `employees` WHERE `id` = NEW.`employee_id`)
BEGIN
  UPDATE `submissions` SET `employee_municipality_code` = (SELECT `municipality_code` FROM `employees` WHERE `id` = NEW.`employee_id`) WHERE `id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `submissions_employee_municipality_update` AFTER UPDATE OF `employee_id`, `employee_municipality_code` ON `submissions`
WHEN NEW.`employee_municipality_code` IS NOT (SELECT `municipality_code` FROM `employees` WHERE `id` = NEW.`employee_id`)
BEGIN
  UPDATE `submissions` SET `employee_municipality_code` = (SELECT `municipality_code` FROM `employees` WHERE `id` = NEW.`employee_id`) WHERE `id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `employees_municipality_to_submissions` AFTER UPDATE OF `municipality_code` ON `employees`
WHEN NEW.`municipality_code` IS NOT OLD.`municipality_code`
BEGIN
  UPDATE `submissions` SET `employee_municipality_code` = NEW.`municipality_code` WHERE `employee_id` = NEW.`id`;
END;
--> statement-breakpoint
-- The data versions (migration 0014) now also follow the municipality a submission belongs
-- to, beside the one it was sent to: a move, or a write to a moved case, makes both
-- jobcenters' cached inbox stale.
DROP TRIGGER `submissions_municipality_version_insert`;
--> statement-breakpoint
CREATE TRIGGER `submissions_municipality_version_insert` AFTER INSERT ON `submissions`
BEGIN
  INSERT INTO `municipality_data_versions` (`municipality_code`, `version`)
    SELECT `code`, 1 FROM (SELECT NEW.`municipality_code` AS `code` UNION SELECT NEW.`employee_municipality_code`) WHERE `code` IS NOT NULL
    ON CONFLICT (`municipality_code`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
DROP TRIGGER `submissions_municipality_version_update`;
--> statement-breakpoint
CREATE TRIGGER `submissions_municipality_version_update` AFTER UPDATE ON `submissions`
BEGIN
  INSERT INTO `municipality_data_versions` (`municipality_code`, `version`)
    SELECT `code`, 1 FROM (SELECT OLD.`municipality_code` AS `code` UNION SELECT NEW.`municipality_code`
      UNION SELECT OLD.`employee_municipality_code` UNION SELECT NEW.`employee_municipality_code`) WHERE `code` IS NOT NULL
    ON CONFLICT (`municipality_code`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
DROP TRIGGER `submissions_municipality_version_delete`;
--> statement-breakpoint
CREATE TRIGGER `submissions_municipality_version_delete` AFTER DELETE ON `submissions`
BEGIN
  INSERT INTO `municipality_data_versions` (`municipality_code`, `version`)
    SELECT `code`, 1 FROM (SELECT OLD.`municipality_code` AS `code` UNION SELECT OLD.`employee_municipality_code`) WHERE `code` IS NOT NULL
    ON CONFLICT (`municipality_code`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
DROP TRIGGER `absences_municipality_version_update`;
--> statement-breakpoint
CREATE TRIGGER `absences_municipality_version_update` AFTER UPDATE ON `absences`
BEGIN
  INSERT INTO `municipality_data_versions` (`municipality_code`, `version`)
    SELECT `code`, 1 FROM (SELECT OLD.`employee_municipality_code` AS `code` UNION SELECT NEW.`employee_municipality_code`
      UNION SELECT `municipality_code` FROM `submissions` WHERE `absence_id` IN (OLD.`id`, NEW.`id`)
      UNION SELECT `employee_municipality_code` FROM `submissions` WHERE `absence_id` IN (OLD.`id`, NEW.`id`)) WHERE `code` IS NOT NULL
    ON CONFLICT (`municipality_code`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
DROP TRIGGER `absences_municipality_version_delete`;
--> statement-breakpoint
CREATE TRIGGER `absences_municipality_version_delete` AFTER DELETE ON `absences`
BEGIN
  INSERT INTO `municipality_data_versions` (`municipality_code`, `version`)
    SELECT `code`, 1 FROM (SELECT OLD.`employee_municipality_code` AS `code`
      UNION SELECT `municipality_code` FROM `submissions` WHERE `absence_id` = OLD.`id`
      UNION SELECT `employee_municipality_code` FROM `submissions` WHERE `absence_id` = OLD.`id`) WHERE `code` IS NOT NULL
    ON CONFLICT (`municipality_code`) DO UPDATE SET `version` = `version` + 1;
END;
--> statement-breakpoint
DROP TRIGGER `companies_municipality_version_identity`;
--> statement-breakpoint
CREATE TRIGGER `companies_municipality_version_identity` AFTER UPDATE OF `name`, `cvr` ON `companies`
WHEN NEW.`name` IS NOT OLD.`name` OR NEW.`cvr` IS NOT OLD.`cvr`
BEGIN
  INSERT INTO `municipality_data_versions` (`municipality_code`, `version`)
    SELECT `code`, 1 FROM (SELECT `municipality_code` AS `code` FROM `submissions` WHERE `company_id` = NEW.`id`
      UNION SELECT `employee_municipality_code` FROM `submissions` WHERE `company_id` = NEW.`id`
      UNION SELECT `employee_municipality_code` FROM `absences` WHERE `company_id` = NEW.`id` AND `returned_on` IS NULL) WHERE `code` IS NOT NULL
    ON CONFLICT (`municipality_code`) DO UPDATE SET `version` = `version` + 1;
END;
