DROP TABLE assignments;
DROP TABLE call_experts;
