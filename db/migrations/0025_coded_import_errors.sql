ALTER TABLE `import_errors` ADD `code` text;--> statement-breakpoint
ALTER TABLE `import_errors` ADD `params` text;--> statement-breakpoint
-- Row errors stored by runs before codes (English text only): their code and parameters where the text is one a
-- check wrote (shared/importMessages, as worded then), so the history reads in the reader's language. Any other text
-- (a schema's own words, a message no pattern matches) keeps code NULL and is shown as stored. Prefixes and suffixes
-- are compared exactly (substr, not LIKE, which ignores case and treats % and _ as wildcards).
UPDATE `import_errors` SET `code` = CASE `message` WHEN 'contains undecodable characters (is the file''s encoding right?)' THEN 'undecodable' WHEN 'not a number' THEN 'notNumber' WHEN 'not a number ('','' is read as a thousands separator; ''.'' is the decimal point)' THEN 'groupedNumber' WHEN 'number too large' THEN 'numberTooLarge' WHEN 'an amount cannot be a percentage' THEN 'amountPercent' WHEN 'amount too large' THEN 'amountTooLarge' WHEN 'Excel serial 60 is 29 Feb 1900, a day that does not exist' THEN 'excelSerial60' WHEN 'not a date' THEN 'notDate' WHEN 'ambiguous date: day or month first? Set dateFormat in the mapping (DD/MM/YYYY or MM/DD/YYYY)' THEN 'ambiguousDate' WHEN 'not a date (expected e.g. 2024-03-05, 2024/3/5, 2024年3月5日 or the mapping''s dateFormat)' THEN 'notDateExpected' WHEN 'not yes/no (expected 是/否, yes/no, 1/0)' THEN 'notYesNo' WHEN 'not a period (expected 2024-03, 2024-Q1, 2024-H1 or 2024)' THEN 'notPeriod' WHEN 'a satisfaction score is between 1 and 5' THEN 'scoreOneToFive' WHEN 'expected a whole number from 1 to 5' THEN 'wholeOneToFive' WHEN 'a score is between 0 and 100' THEN 'scoreZeroToHundred' WHEN 'a stock quantity cannot be negative' THEN 'negativeStockQuantity' WHEN 'a stock value cannot be negative' THEN 'negativeStockValue' WHEN 'another row of this file has the same partner, date, product and warehouse (sum them, or name the warehouses)' THEN 'duplicateStockRow' WHEN 'a price cannot be negative' THEN 'negativePrice' WHEN 'the floor price is above the list price' THEN 'floorAboveList' WHEN 'the price ends before it starts' THEN 'priceEndsBeforeStart' WHEN 'a target cannot be negative' THEN 'negativeTarget' WHEN 'Residual likelihood and residual impact are given together (or both left empty)' THEN 'residualPair' WHEN 'The residual score cannot be higher than the inherent score' THEN 'residualAboveInherent' END, `params` = '{}'
WHERE `code` IS NULL AND `message` IN ('contains undecodable characters (is the file''s encoding right?)', 'not a number', 'not a number ('','' is read as a thousands separator; ''.'' is the decimal point)', 'number too large', 'an amount cannot be a percentage', 'amount too large', 'Excel serial 60 is 29 Feb 1900, a day that does not exist', 'not a date', 'ambiguous date: day or month first? Set dateFormat in the mapping (DD/MM/YYYY or MM/DD/YYYY)', 'not a date (expected e.g. 2024-03-05, 2024/3/5, 2024年3月5日 or the mapping''s dateFormat)', 'not yes/no (expected 是/否, yes/no, 1/0)', 'not a period (expected 2024-03, 2024-Q1, 2024-H1 or 2024)', 'a satisfaction score is between 1 and 5', 'expected a whole number from 1 to 5', 'a score is between 0 and 100', 'a stock quantity cannot be negative', 'a stock value cannot be negative', 'another row of this file has the same partner, date, product and warehouse (sum them, or name the warehouses)', 'a price cannot be negative', 'the floor price is above the list price', 'the price ends before it starts', 'a target cannot be negative', 'Residual likelihood and residual impact are given together (or both left empty)', 'The residual score cannot be higher than the inherent score');
--> statement-breakpoint
UPDATE `import_errors` SET `code` = 'returnSigns', `params` = json_object('negative', CASE WHEN `message` LIKE 'negative quantity%' THEN 'quantity' ELSE 'amount' END)
WHERE `code` IS NULL AND `message` IN ('negative quantity with a positive amount (a return has both negative)', 'negative amount with a positive quantity (a return has both negative)');
--> statement-breakpoint
UPDATE `import_errors` SET `code` = 'required', `params` = json_object('field', substr(`message`, 1, instr(`message`, ' ') - 1))
WHERE `code` IS NULL AND substr(`message`, -22) = ' is required but empty' AND length(`message`) > 22 AND instr(`message`, ' ') = length(`message`) - 22 + 1;
--> statement-breakpoint
UPDATE `import_errors` SET `code` = 'requiredNullWord', `params` = json_object('field', substr(`message`, 1, instr(`message`, ' ') - 1), 'word', substr(`message`, instr(`message`, ' is required but the file says ''') + 32, length(`message`) - instr(`message`, ' is required but the file says ''') - 31 - 12))
WHERE `code` IS NULL AND substr(`message`, -12) = ''' (no value)' AND length(`message`) > 12 AND instr(`message`, ' is required but the file says ''') > 0 AND instr(`message`, ' ') = instr(`message`, ' is required but the file says ''');
--> statement-breakpoint
UPDATE `import_errors` SET `code` = 'tooLong', `params` = json_object('max', CAST(substr(`message`, 13, length(`message`) - 12 - 11) AS integer))
WHERE `code` IS NULL AND substr(`message`, 1, 12) = 'longer than ' AND substr(`message`, -11) = ' characters' AND length(`message`) > 23 AND substr(`message`, 13, length(`message`) - 12 - 11) NOT GLOB '*[^0-9]*';
--> statement-breakpoint
UPDATE `import_errors` SET `code` = 'yearOutOfRange', `params` = json_object('year', CAST(substr(`message`, 6, length(`message`) - 5 - 16) AS integer))
WHERE `code` IS NULL AND substr(`message`, 1, 5) = 'year ' AND substr(`message`, -16) = ' is out of range' AND length(`message`) > 21 AND substr(`message`, 6, length(`message`) - 5 - 16) NOT GLOB '*[^0-9]*';
--> statement-breakpoint
UPDATE `import_errors` SET `code` = 'noSuchMonth', `params` = json_object('month', CAST(substr(`message`, 7, length(`message`) - 6 - 15) AS integer))
WHERE `code` IS NULL AND substr(`message`, 1, 6) = 'month ' AND substr(`message`, -15) = ' does not exist' AND length(`message`) > 21 AND substr(`message`, 7, length(`message`) - 6 - 15) NOT GLOB '*[^0-9]*';
--> statement-breakpoint
UPDATE `import_errors` SET `code` = 'noSuchDay', `params` = json_object('day', CAST(substr(`message`, 5, instr(`message`, ' does not exist in ') - 5) AS integer), 'month', substr(`message`, instr(`message`, ' does not exist in ') + 19))
WHERE `code` IS NULL AND substr(`message`, 1, 4) = 'day ' AND length(`message`) > 4 AND instr(`message`, ' does not exist in ') > 5 AND substr(`message`, 5, instr(`message`, ' does not exist in ') - 5) NOT GLOB '*[^0-9]*';
--> statement-breakpoint
UPDATE `import_errors` SET `code` = 'notExcelSerial', `params` = json_object('serial', CAST(substr(`message`, 1, length(`message`) - 28) AS real))
WHERE `code` IS NULL AND substr(`message`, -28) = ' is not an Excel date serial' AND length(`message`) > 28 AND instr(`message`, ' ') = length(`message`) - 28 + 1;
--> statement-breakpoint
UPDATE `import_errors` SET `code` = 'notCurrency', `params` = json_object('value', substr(`message`, 2, length(`message`) - 1 - 38))
WHERE `code` IS NULL AND substr(`message`, 1, 1) = '''' AND substr(`message`, -38) = ''' is not a currency code (CNY, USD, …)' AND length(`message`) > 39;
--> statement-breakpoint
UPDATE `import_errors` SET `code` = 'notMetric', `params` = json_object('value', substr(`message`, 2, length(`message`) - 1 - 75))
WHERE `code` IS NULL AND substr(`message`, 1, 1) = '''' AND substr(`message`, -75) = ''' is not a metric (revenue, grossProfit, quantity, orders, newCustomers, …)' AND length(`message`) > 76;
--> statement-breakpoint
UPDATE `import_errors` SET `code` = 'unknownProvince', `params` = json_object('value', substr(`message`, 2, length(`message`) - 1 - 71))
WHERE `code` IS NULL AND substr(`message`, 1, 1) = '''' AND substr(`message`, -71) = ''' is not a province of the territory tree (浙江, 浙江省, Zhejiang or 330000)' AND length(`message`) > 72;
--> statement-breakpoint
UPDATE `import_errors` SET `code` = 'notEnumValue', `params` = json_object(
    'value', substr(`message`, 2, instr(`message`, ''' is not a ') - 2),
    'what', substr(`message`, instr(`message`, ''' is not a ') + 11, instr(`message`, ' (expected one of ') - instr(`message`, ''' is not a ') - 11),
    'allowed', substr(`message`, instr(`message`, ' (expected one of ') + 18, length(`message`) - 38 - instr(`message`, ' (expected one of ') - 17))
WHERE `code` IS NULL AND substr(`message`, 1, 1) = '''' AND substr(`message`, -38) = '; or map it in the mapping''s "values")' AND length(`message`) > 39 AND instr(`message`, ''' is not a ') > 1 AND instr(`message`, ' (expected one of ') > instr(`message`, ''' is not a ');
--> statement-breakpoint
UPDATE `import_errors` SET `code` = 'unknownPartner', `params` = json_object('code', substr(`message`, 23, length(`message`) - 22 - 29), 'alike', json('[]'))
WHERE `code` IS NULL AND substr(`message`, 1, 22) = 'unknown partner code ''' AND substr(`message`, -29) = ''' (import the partners first)' AND length(`message`) > 51;
--> statement-breakpoint
UPDATE `import_errors` SET `code` = 'unknownPartner', `params` = json_object('code', substr(`message`, 23, instr(`message`, '''; did you mean ''') - 23), 'alike', json('["' || replace(substr(`message`, instr(`message`, '''; did you mean ''') + 17, length(`message`) - 39 - instr(`message`, '''; did you mean ''') - 16), ''' or ''', '","') || '"]'))
WHERE `code` IS NULL AND substr(`message`, 1, 22) = 'unknown partner code ''' AND substr(`message`, -39) = '''? (codes match exactly, case included)' AND length(`message`) > 61 AND instr(`message`, '''; did you mean ''') > 22 AND json_valid('["' || replace(substr(`message`, instr(`message`, '''; did you mean ''') + 17, length(`message`) - 39 - instr(`message`, '''; did you mean ''') - 16), ''' or ''', '","') || '"]');
--> statement-breakpoint
UPDATE `import_errors` SET `code` = 'partnerDeleted', `params` = json_object('code', substr(`message`, 10, length(`message`) - 9 - 30))
WHERE `code` IS NULL AND substr(`message`, 1, 9) = 'partner ''' AND substr(`message`, -30) = ''' is deleted; restore it first' AND length(`message`) > 39;
--> statement-breakpoint
UPDATE `import_errors` SET `code` = 'unknownProduct', `params` = json_object('value', substr(`message`, 18, length(`message`) - 17 - 29))
WHERE `code` IS NULL AND substr(`message`, 1, 17) = 'unknown product ''' AND substr(`message`, -29) = ''' (import the products first)' AND length(`message`) > 46;
--> statement-breakpoint
UPDATE `import_errors` SET `code` = 'ambiguousProduct', `params` = json_object('value', substr(`message`, 10, length(`message`) - 9 - 51))
WHERE `code` IS NULL AND substr(`message`, 1, 9) = 'product ''' AND substr(`message`, -51) = ''' names more than one product; use the product code' AND length(`message`) > 60;
--> statement-breakpoint
UPDATE `import_errors` SET `code` = 'newProductNeedsName', `params` = json_object('code', substr(`message`, 10, length(`message`) - 9 - 25))
WHERE `code` IS NULL AND substr(`message`, 1, 9) = 'product ''' AND substr(`message`, -25) = ''' is new: it needs a name' AND length(`message`) > 34;
--> statement-breakpoint
UPDATE `import_errors` SET `code` = 'newPartnerNeedsName', `params` = json_object('code', substr(`message`, 16, length(`message`) - 15 - 14))
WHERE `code` IS NULL AND substr(`message`, 1, 15) = 'a new partner (' AND substr(`message`, -14) = ') needs a name' AND length(`message`) > 29;
--> statement-breakpoint
UPDATE `import_errors` SET `code` = 'newPartnerNeedsChannelType', `params` = json_object('code', substr(`message`, 16, length(`message`) - 15 - 22))
WHERE `code` IS NULL AND substr(`message`, 1, 15) = 'a new partner (' AND substr(`message`, -22) = ') needs a channel type' AND length(`message`) > 37;
--> statement-breakpoint
UPDATE `import_errors` SET `code` = 'unknownTerritory', `params` = json_object('value', substr(`message`, 20, length(`message`) - 19 - 1))
WHERE `code` IS NULL AND substr(`message`, 1, 19) = 'unknown territory ''' AND substr(`message`, -1) = '''' AND length(`message`) > 20;
--> statement-breakpoint
UPDATE `import_errors` SET `code` = 'unknownChannelManager', `params` = json_object('value', substr(`message`, 26, length(`message`) - 25 - 1))
WHERE `code` IS NULL AND substr(`message`, 1, 25) = 'unknown channel manager ''' AND substr(`message`, -1) = '''' AND length(`message`) > 26;
--> statement-breakpoint
UPDATE `import_errors` SET `code` = 'ambiguousTerritory', `params` = json_object('value', substr(`message`, 2, length(`message`) - 1 - 45))
WHERE `code` IS NULL AND substr(`message`, 1, 1) = '''' AND substr(`message`, -45) = ''' names more than one territory; use its code' AND length(`message`) > 46;
--> statement-breakpoint
UPDATE `import_errors` SET `code` = 'ambiguousChannelManager', `params` = json_object('value', substr(`message`, 2, length(`message`) - 1 - 55))
WHERE `code` IS NULL AND substr(`message`, 1, 1) = '''' AND substr(`message`, -55) = ''' names more than one channel manager; use their e-mail' AND length(`message`) > 56;
--> statement-breakpoint
UPDATE `import_errors` SET `code` = 'unknownCourse', `params` = json_object('code', substr(`message`, 22, length(`message`) - 21 - 41))
WHERE `code` IS NULL AND substr(`message`, 1, 21) = 'unknown course code ''' AND substr(`message`, -41) = ''' (add the course to the catalogue first)' AND length(`message`) > 62;
--> statement-breakpoint
UPDATE `import_errors` SET `code` = 'fieldCount', `params` = json_object('fields', CAST(substr(`message`, 13, instr(`message`, ' fields but the header has ') - 13) AS integer), 'header', CAST(substr(`message`, instr(`message`, ' fields but the header has ') + 27, length(`message`) - 41 - instr(`message`, ' fields but the header has ') - 26) AS integer))
WHERE `code` IS NULL AND substr(`message`, 1, 12) = 'the row has ' AND substr(`message`, -41) = ' (a stray delimiter or an unquoted text?)' AND length(`message`) > 53 AND instr(`message`, ' fields but the header has ') > 12;
