DROP TABLE funding_decision_versions;
DROP TABLE funding_decisions;
