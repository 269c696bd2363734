// Steps by month: the monthly points and ranking read one month of steps.
CREATE INDEX step_month IF NOT EXISTS FOR (n:Step) ON (n.month)
