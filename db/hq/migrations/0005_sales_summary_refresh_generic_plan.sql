-- The refresh plans its statements for any office (generic plans): with statistics taken before an office's first
-- publish, that office's id is not among them, the planner took `office_id = '<new office>'` for one row and walked
-- the office's primary-key range for every stale key (minutes for a first publish) instead of the (office_id,
-- partner_id, date) index. A generic plan estimates an office's share from the number of offices, which picks it.
ALTER FUNCTION hq.refresh_sales_summary(text) SET plan_cache_mode = force_generic_plan;
