DROP TABLE eligibility_decisions;
