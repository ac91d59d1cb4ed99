-- Each column that holds one of the domain's enums accepts only its known
-- texts (src/db/columns.rs lists them; tests/api/schema.rs checks both
-- databases against the enums). PostgreSQL adds CHECK constraints
-- to existing tables.

ALTER TABLE users ADD CONSTRAINT users_agency_known CHECK (agency IN ('MECO', 'FNR', 'DS'));
ALTER TABLE users ADD CONSTRAINT users_language_known CHECK (language IN ('en', 'fr', 'de'));
ALTER TABLE organisations ADD CONSTRAINT organisations_kind_known CHECK (kind IN ('company', 'research_organisation', 'hospital', 'other'));
ALTER TABLE organisations ADD CONSTRAINT organisations_company_size_known CHECK (company_size IN ('micro', 'small', 'medium', 'large'));
ALTER TABLE calls ADD CONSTRAINT calls_status_known CHECK (status IN ('draft', 'open', 'closed', 'in_evaluation', 'decided'));
ALTER TABLE proposals ADD CONSTRAINT proposals_stage_known CHECK (stage IN ('outline', 'full'));
ALTER TABLE proposals ADD CONSTRAINT proposals_status_known CHECK (status IN ('draft', 'submitted', 'withdrawn', 'eligible', 'ineligible'));
ALTER TABLE proposals ADD CONSTRAINT proposals_research_category_known CHECK (research_category IN ('industrial_research', 'experimental_development'));
ALTER TABLE partners ADD CONSTRAINT partners_role_known CHECK (role IN ('coordinator', 'partner'));
ALTER TABLE budget_lines ADD CONSTRAINT budget_lines_category_known CHECK (category IN ('personnel', 'equipment', 'consumables', 'subcontracting', 'travel', 'other'));
ALTER TABLE documents ADD CONSTRAINT documents_stage_known CHECK (stage IN ('outline', 'full'));
ALTER TABLE submissions ADD CONSTRAINT submissions_stage_known CHECK (stage IN ('outline', 'full'));
ALTER TABLE eligibility_decisions ADD CONSTRAINT eligibility_decisions_stage_known CHECK (stage IN ('outline', 'full'));
ALTER TABLE assignments ADD CONSTRAINT assignments_stage_known CHECK (stage IN ('outline', 'full'));
ALTER TABLE assignments ADD CONSTRAINT assignments_status_known CHECK (status IN ('assigned', 'cleared', 'declined', 'removed'));
ALTER TABLE reviews ADD CONSTRAINT reviews_stage_known CHECK (stage IN ('outline', 'full'));
ALTER TABLE reviews ADD CONSTRAINT reviews_status_known CHECK (status IN ('draft', 'submitted'));
ALTER TABLE consensus_reports ADD CONSTRAINT consensus_reports_stage_known CHECK (stage IN ('outline', 'full'));
ALTER TABLE consensus_reports ADD CONSTRAINT consensus_reports_status_known CHECK (status IN ('draft', 'approved'));
ALTER TABLE reply_windows ADD CONSTRAINT reply_windows_stage_known CHECK (stage IN ('outline', 'full'));
ALTER TABLE funding_decisions ADD CONSTRAINT funding_decisions_agency_known CHECK (agency IN ('MECO', 'FNR', 'DS'));
ALTER TABLE funding_decisions ADD CONSTRAINT funding_decisions_decision_known CHECK (decision IN ('approved', 'rejected'));
ALTER TABLE submission_reminders ADD CONSTRAINT submission_reminders_stage_known CHECK (stage IN ('outline', 'full'));
ALTER TABLE funding_decision_versions ADD CONSTRAINT funding_decision_versions_decision_known CHECK (decision IN ('approved', 'rejected'));
ALTER TABLE results ADD CONSTRAINT results_outcome_known CHECK (outcome IN ('funded', 'rejected', 'reserve', 'below_threshold'));
