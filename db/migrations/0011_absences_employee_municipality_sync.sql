-- absences.employee_municipality_code is a copy of the employee's municipality_code, so the
-- jobcenter reads its open cases from absences_open_municipality_idx. Kept in the writer's
-- transaction by these triggers, whatever code path writes.
UPDATE `absences` SET `employee_municipality_code` = (SELECT `municipality_code` FROM `employees` WHERE `employees`.`id` = `absences`.`employee_id`);
--> statement-breakpoint
CREATE TRIGGER `absences_employee_municipality_insert` AFTER INSERT ON `absences`
WHEN NEW.`employee_municipality_code` IS NOT (SELECT `municipality_code` FROM `employees` WHERE `id` = NEW.`employee_id`)
BEGIN
  UPDATE `absences` SET `employee_municipality_code` = (SELECT `municipality_code` FROM `employees` WHERE `id` = NEW.`employee_id`) WHERE `id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `absences_employee_municipality_update` AFTER UPDATE OF `employee_id`, `employee_municipality_code` ON `absences`
WHEN NEW.`employee_municipality_code` IS NOT (SELECT `municipality_code` FROM `employees` WHERE `id` = NEW.`employee_id`)
BEGIN
  UPDATE `absences` SET `employee_municipality_code` = (SELECT `municipality_code` FROM `employees` WHERE `id` = NEW.`employee_id`) WHERE `id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `employees_municipality_to_absences` AFTER UPDATE OF `municipality_code` ON `employees`
WHEN NEW.`municipality_code` IS NOT OLD.`municipality_code`
BEGIN
  UPDATE `absences` SET `employee_municipality_code` = NEW.`municipality_code` WHERE `employee_id` = NEW.`id`;
END;
