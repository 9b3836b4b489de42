-- Rows the reader skipped as not data (issue 16): title rows above the header and total rows (合计, Total…) were reported
-- with the import's result but not kept, so the history could not show them later. JSON {titles, totals, totalRows} as
-- the result reports them; null when none was skipped (and for imports from before this migration).
ALTER TABLE `imports` ADD `skipped` text;