-- Issue 14: the company's own territory tree. Every workspace, new or existing, starts with the seven standard regions
-- and China's 34 provincial divisions (GB/T 2260 codes and names) under them; partners' old region names and free-text
-- owners move onto the seeded territories and onto channel managers, so nothing changes for existing users.
INSERT INTO `territories` (`code`, `name_zh`, `name_en`, `parent_id`, `kind`, `sort_order`) VALUES ('HD', '华东', 'East China', NULL, 'territory', 1);
--> statement-breakpoint
INSERT INTO `territories` (`code`, `name_zh`, `name_en`, `parent_id`, `kind`, `sort_order`) VALUES
  ('310000', '上海市', 'Shanghai', (SELECT `id` FROM `territories` WHERE `code` = 'HD'), 'province', 1),
  ('320000', '江苏省', 'Jiangsu', (SELECT `id` FROM `territories` WHERE `code` = 'HD'), 'province', 2),
  ('330000', '浙江省', 'Zhejiang', (SELECT `id` FROM `territories` WHERE `code` = 'HD'), 'province', 3),
  ('340000', '安徽省', 'Anhui', (SELECT `id` FROM `territories` WHERE `code` = 'HD'), 'province', 4),
  ('350000', '福建省', 'Fujian', (SELECT `id` FROM `territories` WHERE `code` = 'HD'), 'province', 5),
  ('360000', '江西省', 'Jiangxi', (SELECT `id` FROM `territories` WHERE `code` = 'HD'), 'province', 6),
  ('370000', '山东省', 'Shandong', (SELECT `id` FROM `territories` WHERE `code` = 'HD'), 'province', 7),
  ('710000', '台湾省', 'Taiwan', (SELECT `id` FROM `territories` WHERE `code` = 'HD'), 'province', 8);
--> statement-breakpoint
INSERT INTO `territories` (`code`, `name_zh`, `name_en`, `parent_id`, `kind`, `sort_order`) VALUES ('HN', '华南', 'South China', NULL, 'territory', 2);
--> statement-breakpoint
INSERT INTO `territories` (`code`, `name_zh`, `name_en`, `parent_id`, `kind`, `sort_order`) VALUES
  ('440000', '广东省', 'Guangdong', (SELECT `id` FROM `territories` WHERE `code` = 'HN'), 'province', 1),
  ('450000', '广西壮族自治区', 'Guangxi', (SELECT `id` FROM `territories` WHERE `code` = 'HN'), 'province', 2),
  ('460000', '海南省', 'Hainan', (SELECT `id` FROM `territories` WHERE `code` = 'HN'), 'province', 3),
  ('810000', '香港特别行政区', 'Hong Kong', (SELECT `id` FROM `territories` WHERE `code` = 'HN'), 'province', 4),
  ('820000', '澳门特别行政区', 'Macao', (SELECT `id` FROM `territories` WHERE `code` = 'HN'), 'province', 5);
--> statement-breakpoint
INSERT INTO `territories` (`code`, `name_zh`, `name_en`, `parent_id`, `kind`, `sort_order`) VALUES ('HB', '华北', 'North China', NULL, 'territory', 3);
--> statement-breakpoint
INSERT INTO `territories` (`code`, `name_zh`, `name_en`, `parent_id`, `kind`, `sort_order`) VALUES
  ('110000', '北京市', 'Beijing', (SELECT `id` FROM `territories` WHERE `code` = 'HB'), 'province', 1),
  ('120000', '天津市', 'Tianjin', (SELECT `id` FROM `territories` WHERE `code` = 'HB'), 'province', 2),
  ('130000', '河北省', 'Hebei', (SELECT `id` FROM `territories` WHERE `code` = 'HB'), 'province', 3),
  ('140000', '山西省', 'Shanxi', (SELECT `id` FROM `territories` WHERE `code` = 'HB'), 'province', 4),
  ('150000', '内蒙古自治区', 'Inner Mongolia', (SELECT `id` FROM `territories` WHERE `code` = 'HB'), 'province', 5);
--> statement-breakpoint
INSERT INTO `territories` (`code`, `name_zh`, `name_en`, `parent_id`, `kind`, `sort_order`) VALUES ('HZ', '华中', 'Central China', NULL, 'territory', 4);
--> statement-breakpoint
INSERT INTO `territories` (`code`, `name_zh`, `name_en`, `parent_id`, `kind`, `sort_order`) VALUES
  ('410000', '河南省', 'Henan', (SELECT `id` FROM `territories` WHERE `code` = 'HZ'), 'province', 1),
  ('420000', '湖北省', 'Hubei', (SELECT `id` FROM `territories` WHERE `code` = 'HZ'), 'province', 2),
  ('430000', '湖南省', 'Hunan', (SELECT `id` FROM `territories` WHERE `code` = 'HZ'), 'province', 3);
--> statement-breakpoint
INSERT INTO `territories` (`code`, `name_zh`, `name_en`, `parent_id`, `kind`, `sort_order`) VALUES ('XN', '西南', 'Southwest China', NULL, 'territory', 5);
--> statement-breakpoint
INSERT INTO `territories` (`code`, `name_zh`, `name_en`, `parent_id`, `kind`, `sort_order`) VALUES
  ('500000', '重庆市', 'Chongqing', (SELECT `id` FROM `territories` WHERE `code` = 'XN'), 'province', 1),
  ('510000', '四川省', 'Sichuan', (SELECT `id` FROM `territories` WHERE `code` = 'XN'), 'province', 2),
  ('520000', '贵州省', 'Guizhou', (SELECT `id` FROM `territories` WHERE `code` = 'XN'), 'province', 3),
  ('530000', '云南省', 'Yunnan', (SELECT `id` FROM `territories` WHERE `code` = 'XN'), 'province', 4),
  ('540000', '西藏自治区', 'Xizang', (SELECT `id` FROM `territories` WHERE `code` = 'XN'), 'province', 5);
--> statement-breakpoint
INSERT INTO `territories` (`code`, `name_zh`, `name_en`, `parent_id`, `kind`, `sort_order`) VALUES ('XB', '西北', 'Northwest China', NULL, 'territory', 6);
--> statement-breakpoint
INSERT INTO `territories` (`code`, `name_zh`, `name_en`, `parent_id`, `kind`, `sort_order`) VALUES
  ('610000', '陕西省', 'Shaanxi', (SELECT `id` FROM `territories` WHERE `code` = 'XB'), 'province', 1),
  ('620000', '甘肃省', 'Gansu', (SELECT `id` FROM `territories` WHERE `code` = 'XB'), 'province', 2),
  ('630000', '青海省', 'Qinghai', (SELECT `id` FROM `territories` WHERE `code` = 'XB'), 'province', 3),
  ('640000', '宁夏回族自治区', 'Ningxia', (SELECT `id` FROM `territories` WHERE `code` = 'XB'), 'province', 4),
  ('650000', '新疆维吾尔自治区', 'Xinjiang', (SELECT `id` FROM `territories` WHERE `code` = 'XB'), 'province', 5);
--> statement-breakpoint
INSERT INTO `territories` (`code`, `name_zh`, `name_en`, `parent_id`, `kind`, `sort_order`) VALUES ('DB', '东北', 'Northeast China', NULL, 'territory', 7);
--> statement-breakpoint
INSERT INTO `territories` (`code`, `name_zh`, `name_en`, `parent_id`, `kind`, `sort_order`) VALUES
  ('210000', '辽宁省', 'Liaoning', (SELECT `id` FROM `territories` WHERE `code` = 'DB'), 'province', 1),
  ('220000', '吉林省', 'Jilin', (SELECT `id` FROM `territories` WHERE `code` = 'DB'), 'province', 2),
  ('230000', '黑龙江省', 'Heilongjiang', (SELECT `id` FROM `territories` WHERE `code` = 'DB'), 'province', 3);
--> statement-breakpoint
UPDATE `partners` SET `territory_id` = (SELECT `id` FROM `territories` WHERE `name_zh` = `partners`.`region` AND `kind` = 'territory') WHERE `region` IS NOT NULL;
--> statement-breakpoint
INSERT INTO `channel_managers` (`name`) SELECT DISTINCT trim(`owner`) FROM `partners` WHERE `owner` IS NOT NULL AND trim(`owner`) <> '' ORDER BY 1;
--> statement-breakpoint
UPDATE `partners` SET `channel_manager_id` = (SELECT `id` FROM `channel_managers` WHERE `name` = trim(`partners`.`owner`)) WHERE `owner` IS NOT NULL AND trim(`owner`) <> '';
--> statement-breakpoint
INSERT INTO `partner_manager_history` (`partner_id`, `from_manager_id`, `to_manager_id`, `changed_on`, `reason`, `changed_by`)
  SELECT `id`, NULL, `channel_manager_id`, substr(`updated_at`, 1, 10), 'migrated', 'migration' FROM `partners` WHERE `channel_manager_id` IS NOT NULL;
--> statement-breakpoint
UPDATE `evaluation_schedules` SET `regions` = (SELECT json_group_array(coalesce(t.`code`, j.`value`)) FROM json_each(`evaluation_schedules`.`regions`) j
  LEFT JOIN `territories` t ON t.`name_zh` = j.`value` AND t.`parent_id` IS NULL) WHERE `regions` <> '[]';
