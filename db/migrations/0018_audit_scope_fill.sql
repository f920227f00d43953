-- audit_log.company_id and employee_id say whose trail a row is in: the company the entity
-- belongs to (else the acting company user's) and the employee it is about. Filled from the
-- entity in the writer's transaction, whatever code path writes (a caseworker's read of a
-- submission lands in the employer's log), and for the rows written before.
UPDATE `audit_log` SET `company_id` = COALESCE(
    CASE `audit_log`.`entity_type`
      WHEN 'employee' THEN (SELECT `company_id` FROM `employees` WHERE `id` = CAST(`audit_log`.`entity_id` AS INTEGER))
      WHEN 'absence' THEN (SELECT `company_id` FROM `absences` WHERE `id` = CAST(`audit_log`.`entity_id` AS INTEGER))
      WHEN 'document' THEN (SELECT `company_id` FROM `documents` WHERE `id` = CAST(`audit_log`.`entity_id` AS INTEGER))
      WHEN 'submission' THEN (SELECT `company_id` FROM `submissions` WHERE `id` = CAST(`audit_log`.`entity_id` AS INTEGER))
      WHEN 'paragraph56' THEN (SELECT `company_id` FROM `paragraph56_agreements` WHERE `id` = CAST(`audit_log`.`entity_id` AS INTEGER))
      WHEN 'social-chapter' THEN (SELECT `company_id` FROM `social_chapter_records` WHERE `id` = CAST(`audit_log`.`entity_id` AS INTEGER))
      WHEN 'company' THEN CAST(`audit_log`.`entity_id` AS INTEGER)
    END,
    (SELECT `company_id` FROM `users` WHERE `id` = `audit_log`.`user_id`)),
  `employee_id` = CASE `audit_log`.`entity_type`
      WHEN 'employee' THEN CAST(`audit_log`.`entity_id` AS INTEGER)
      WHEN 'absence' THEN (SELECT `employee_id` FROM `absences` WHERE `id` = CAST(`audit_log`.`entity_id` AS INTEGER))
      WHEN 'document' THEN (SELECT `employee_id` FROM `documents` WHERE `id` = CAST(`audit_log`.`entity_id` AS INTEGER))
      WHEN 'submission' THEN (SELECT `employee_id` FROM `submissions` WHERE `id` = CAST(`audit_log`.`entity_id` AS INTEGER))
      WHEN 'paragraph56' THEN (SELECT `employee_id` FROM `paragraph56_agreements` WHERE `id` = CAST(`audit_log`.`entity_id` AS INTEGER))
      WHEN 'social-chapter' THEN (SELECT `employee_id` FROM `social_chapter_records` WHERE `id` = CAST(`audit_log`.`entity_id` AS INTEGER))
    END
WHERE `company_id` IS NULL;
--> statement-breakpoint
CREATE TRIGGER `audit_log_scope_insert` AFTER INSERT ON `audit_log`
WHEN NEW.`company_id` IS NULL OR NEW.`employee_id` IS NULL
BEGIN
  UPDATE `audit_log` SET `company_id` = COALESCE(NEW.`company_id`, COALESCE(
    CASE NEW.`entity_type`
      WHEN 'employee' THEN (SELECT `company_id` FROM `employees` WHERE `id` = CAST(NEW.`entity_id` AS INTEGER))
      WHEN 'absence' THEN (SELECT `company_id` FROM `absences` WHERE `id` = CAST(NEW.`entity_id` AS INTEGER))
      WHEN 'document' THEN (SELECT `company_id` FROM `documents` WHERE `id` = CAST(NEW.`entity_id` AS INTEGER))
      WHEN 'submission' THEN (SELECT `company_id` FROM `submissions` WHERE `id` = CAST(NEW.`entity_id` AS INTEGER))
      WHEN 'paragraph56' THEN (SELECT `company_id` FROM `paragraph56_agreements` WHERE `id` = CAST(NEW.`entity_id` AS INTEGER))
      WHEN 'social-chapter' THEN (SELECT `company_id` FROM `social_chapter_records` WHERE `id` = CAST(NEW.`entity_id` AS INTEGER))
      WHEN 'company' THEN CAST(NEW.`entity_id` AS INTEGER)
    END,
    (SELECT `company_id` FROM `users` WHERE `id` = NEW.`user_id`))),
    `employee_id` = COALESCE(NEW.`employee_id`, CASE NEW.`entity_type`
      WHEN 'employee' THEN CAST(NEW.`entity_id` AS INTEGER)
      WHEN 'absence' THEN (SELECT `employee_id` FROM `absences` WHERE `id` = CAST(NEW.`entity_id` AS INTEGER))
      WHEN 'document' THEN (SELECT `employee_id` FROM `documents` WHERE `id` = CAST(NEW.`entity_id` AS INTEGER))
      WHEN 'submission' THEN (SELECT `employee_id` FROM `submissions` WHERE `id` = CAST(NEW.`entity_id` AS INTEGER))
      WHEN 'paragraph56' THEN (SELECT `employee_id` FROM `paragraph56_agreements` WHERE `id` = CAST(NEW.`entity_id` AS INTEGER))
      WHEN 'social-chapter' THEN (SELECT `employee_id` FROM `social_chapter_records` WHERE `id` = CAST(NEW.`entity_id` AS INTEGER))
    END)
  WHERE `id` = NEW.`id`;
END;
