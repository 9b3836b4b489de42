ALTER TABLE `risks` ADD `text_code` text;--> statement-breakpoint
ALTER TABLE `risks` ADD `text_params` text;--> statement-breakpoint
-- Auto-risks stored before text codes: their words as code + parameters where the row still holds the generated text
-- (a title a person changed stays as typed). Titles are rebuilt from the partner's code or the deal's customer; the
-- old bilingual description is kept as legacy text until the next evaluation writes its own lines.
UPDATE `risks` SET
  `text_code` = 'evaluation.' || `rule_code`,
  `text_params` = json_object('partner', (SELECT p.`code` FROM `partners` p WHERE p.`id` = `risks`.`partner_id`), 'legacy', `description`)
WHERE `source` = 'evaluation' AND `rule_code` IN ('revenue_drop', 'low_attainment', 'low_satisfaction', 'expired_certifications', 'low_retention')
  AND `partner_id` IS NOT NULL AND `title` LIKE '%：% / %: %';--> statement-breakpoint
UPDATE `risks` SET
  `text_code` = 'inventory.' || substr(`rule_code`, 11),
  `text_params` = json_object('partner', (SELECT p.`code` FROM `partners` p WHERE p.`id` = `risks`.`partner_id`), 'legacy', `description`)
WHERE `source` = 'evaluation' AND `rule_code` IN ('inventory:stuffing', 'inventory:crossTerritory', 'inventory:belowFloor')
  AND `partner_id` IS NOT NULL AND `title` LIKE '%：% / %: %';--> statement-breakpoint
-- Deal conflicts: everything the text said is in the registration (its customer, partner and recorded conflicts).
UPDATE `risks` SET
  `text_code` = CASE WHEN `title` LIKE '渠道冲突 / Channel conflict：%' THEN 'deal.channelConflict' ELSE 'deal.priceConflict' END,
  `text_params` = (
    SELECT json_object(
      'customer', d.`customer_name`,
      'dealId', d.`id`,
      'registeredBy', CASE WHEN p.`id` IS NULL THEN NULL ELSE json_object('code', p.`code`, 'name', p.`name`) END,
      'heldBy', json((SELECT json_group_array(CASE WHEN c.value ->> 'partnerCode' IS NULL THEN NULL ELSE json_object('code', c.value ->> 'partnerCode', 'name', c.value ->> 'partnerName') END)
                      FROM json_each(coalesce(d.`conflicts`, '[]')) c WHERE c.value ->> 'kind' = 'customer')),
      'windowDays', coalesce((SELECT CAST(s.`value` AS integer) FROM `settings` s WHERE s.`key` = 'deals.conflictWindowDays'), 90),
      'price', json((SELECT json_object('quotedMinor', c.value ->> 'quotedPriceMinor', 'floorMinor', c.value ->> 'floorMinor', 'productLine', c.value ->> 'productLine')
                     FROM json_each(coalesce(d.`conflicts`, '[]')) c WHERE c.value ->> 'kind' = 'price' LIMIT 1)))
    FROM `deal_registrations` d LEFT JOIN `partners` p ON p.`id` = d.`partner_id`
    WHERE d.`id` = CAST(substr(`risks`.`rule_code`, 6) AS integer))
WHERE `source` = 'deal' AND `rule_code` LIKE 'deal:%'
  AND (`title` LIKE '渠道冲突 / Channel conflict：%' OR `title` LIKE '价格冲突 / Price conflict：%')
  AND `description` LIKE '%Deal registration #% awaits the manager''s decision.'
  AND EXISTS (SELECT 1 FROM `deal_registrations` d WHERE d.`id` = CAST(substr(`risks`.`rule_code`, 6) AS integer));
