-- Each column that holds one of the domain's enums accepts only its known
-- texts (src/db/columns.rs lists them; tests/api/schema.rs checks both
-- databases against the enums). SQLite cannot add a CHECK to an
-- existing table without rebuilding it, so triggers refuse the write instead.

CREATE TRIGGER users_agency_known_insert BEFORE INSERT ON users
WHEN NEW.agency NOT IN ('MECO', 'FNR', 'DS')
BEGIN SELECT RAISE(ABORT, 'users.agency: unknown value'); END;
CREATE TRIGGER users_agency_known_update BEFORE UPDATE OF agency ON users
WHEN NEW.agency NOT IN ('MECO', 'FNR', 'DS')
BEGIN SELECT RAISE(ABORT, 'users.agency: unknown value'); END;
CREATE TRIGGER users_language_known_insert BEFORE INSERT ON users
WHEN NEW.language NOT IN ('en', 'fr', 'de')
BEGIN SELECT RAISE(ABORT, 'users.language: unknown value'); END;
CREATE TRIGGER users_language_known_update BEFORE UPDATE OF language ON users
WHEN NEW.language NOT IN ('en', 'fr', 'de')
BEGIN SELECT RAISE(ABORT, 'users.language: unknown value'); END;
CREATE TRIGGER organisations_kind_known_insert BEFORE INSERT ON organisations
WHEN NEW.kind NOT IN ('company', 'research_organisation', 'hospital', 'other')
BEGIN SELECT RAISE(ABORT, 'organisations.kind: unknown value'); END;
CREATE TRIGGER organisations_kind_known_update BEFORE UPDATE OF kind ON organisations
WHEN NEW.kind NOT IN ('company', 'research_organisation', 'hospital', 'other')
BEGIN SELECT RAISE(ABORT, 'organisations.kind: unknown value'); END;
CREATE TRIGGER organisations_company_size_known_insert BEFORE INSERT ON organisations
WHEN NEW.company_size NOT IN ('micro', 'small', 'medium', 'large')
BEGIN SELECT RAISE(ABORT, 'organisations.company_size: unknown value'); END;
CREATE TRIGGER organisations_company_size_known_update BEFORE UPDATE OF company_size ON organisations
WHEN NEW.company_size NOT IN ('micro', 'small', 'medium', 'large')
BEGIN SELECT RAISE(ABORT, 'organisations.company_size: unknown value'); END;
CREATE TRIGGER calls_status_known_insert BEFORE INSERT ON calls
WHEN NEW.status NOT IN ('draft', 'open', 'closed', 'in_evaluation', 'decided')
BEGIN SELECT RAISE(ABORT, 'calls.status: unknown value'); END;
CREATE TRIGGER calls_status_known_update BEFORE UPDATE OF status ON calls
WHEN NEW.status NOT IN ('draft', 'open', 'closed', 'in_evaluation', 'decided')
BEGIN SELECT RAISE(ABORT, 'calls.status: unknown value'); END;
CREATE TRIGGER proposals_stage_known_insert BEFORE INSERT ON proposals
WHEN NEW.stage NOT IN ('outline', 'full')
BEGIN SELECT RAISE(ABORT, 'proposals.stage: unknown value'); END;
CREATE TRIGGER proposals_stage_known_update BEFORE UPDATE OF stage ON proposals
WHEN NEW.stage NOT IN ('outline', 'full')
BEGIN SELECT RAISE(ABORT, 'proposals.stage: unknown value'); END;
CREATE TRIGGER proposals_status_known_insert BEFORE INSERT ON proposals
WHEN NEW.status NOT IN ('draft', 'submitted', 'withdrawn', 'eligible', 'ineligible')
BEGIN SELECT RAISE(ABORT, 'proposals.status: unknown value'); END;
CREATE TRIGGER proposals_status_known_update BEFORE UPDATE OF status ON proposals
WHEN NEW.status NOT IN ('draft', 'submitted', 'withdrawn', 'eligible', 'ineligible')
BEGIN SELECT RAISE(ABORT, 'proposals.status: unknown value'); END;
CREATE TRIGGER proposals_research_category_known_insert BEFORE INSERT ON proposals
WHEN NEW.research_category NOT IN ('industrial_research', 'experimental_development')
BEGIN SELECT RAISE(ABORT, 'proposals.research_category: unknown value'); END;
CREATE TRIGGER proposals_research_category_known_update BEFORE UPDATE OF research_category ON proposals
WHEN NEW.research_category NOT IN ('industrial_research', 'experimental_development')
BEGIN SELECT RAISE(ABORT, 'proposals.research_category: unknown value'); END;
CREATE TRIGGER partners_role_known_insert BEFORE INSERT ON partners
WHEN NEW.role NOT IN ('coordinator', 'partner')
BEGIN SELECT RAISE(ABORT, 'partners.role: unknown value'); END;
CREATE TRIGGER partners_role_known_update BEFORE UPDATE OF role ON partners
WHEN NEW.role NOT IN ('coordinator', 'partner')
BEGIN SELECT RAISE(ABORT, 'partners.role: unknown value'); END;
CREATE TRIGGER budget_lines_category_known_insert BEFORE INSERT ON budget_lines
WHEN NEW.category NOT IN ('personnel', 'equipment', 'consumables', 'subcontracting', 'travel', 'other')
BEGIN SELECT RAISE(ABORT, 'budget_lines.category: unknown value'); END;
CREATE TRIGGER budget_lines_category_known_update BEFORE UPDATE OF category ON budget_lines
WHEN NEW.category NOT IN ('personnel', 'equipment', 'consumables', 'subcontracting', 'travel', 'other')
BEGIN SELECT RAISE(ABORT, 'budget_lines.category: unknown value'); END;
CREATE TRIGGER documents_stage_known_insert BEFORE INSERT ON documents
WHEN NEW.stage NOT IN ('outline', 'full')
BEGIN SELECT RAISE(ABORT, 'documents.stage: unknown value'); END;
CREATE TRIGGER documents_stage_known_update BEFORE UPDATE OF stage ON documents
WHEN NEW.stage NOT IN ('outline', 'full')
BEGIN SELECT RAISE(ABORT, 'documents.stage: unknown value'); END;
CREATE TRIGGER submissions_stage_known_insert BEFORE INSERT ON submissions
WHEN NEW.stage NOT IN ('outline', 'full')
BEGIN SELECT RAISE(ABORT, 'submissions.stage: unknown value'); END;
CREATE TRIGGER submissions_stage_known_update BEFORE UPDATE OF stage ON submissions
WHEN NEW.stage NOT IN ('outline', 'full')
BEGIN SELECT RAISE(ABORT, 'submissions.stage: unknown value'); END;
CREATE TRIGGER eligibility_decisions_stage_known_insert BEFORE INSERT ON eligibility_decisions
WHEN NEW.stage NOT IN ('outline', 'full')
BEGIN SELECT RAISE(ABORT, 'eligibility_decisions.stage: unknown value'); END;
CREATE TRIGGER eligibility_decisions_stage_known_update BEFORE UPDATE OF stage ON eligibility_decisions
WHEN NEW.stage NOT IN ('outline', 'full')
BEGIN SELECT RAISE(ABORT, 'eligibility_decisions.stage: unknown value'); END;
CREATE TRIGGER assignments_stage_known_insert BEFORE INSERT ON assignments
WHEN NEW.stage NOT IN ('outline', 'full')
BEGIN SELECT RAISE(ABORT, 'assignments.stage: unknown value'); END;
CREATE TRIGGER assignments_stage_known_update BEFORE UPDATE OF stage ON assignments
WHEN NEW.stage NOT IN ('outline', 'full')
BEGIN SELECT RAISE(ABORT, 'assignments.stage: unknown value'); END;
CREATE TRIGGER assignments_status_known_insert BEFORE INSERT ON assignments
WHEN NEW.status NOT IN ('assigned', 'cleared', 'declined', 'removed')
BEGIN SELECT RAISE(ABORT, 'assignments.status: unknown value'); END;
CREATE TRIGGER assignments_status_known_update BEFORE UPDATE OF status ON assignments
WHEN NEW.status NOT IN ('assigned', 'cleared', 'declined', 'removed')
BEGIN SELECT RAISE(ABORT, 'assignments.status: unknown value'); END;
CREATE TRIGGER reviews_stage_known_insert BEFORE INSERT ON reviews
WHEN NEW.stage NOT IN ('outline', 'full')
BEGIN SELECT RAISE(ABORT, 'reviews.stage: unknown value'); END;
CREATE TRIGGER reviews_stage_known_update BEFORE UPDATE OF stage ON reviews
WHEN NEW.stage NOT IN ('outline', 'full')
BEGIN SELECT RAISE(ABORT, 'reviews.stage: unknown value'); END;
CREATE TRIGGER reviews_status_known_insert BEFORE INSERT ON reviews
WHEN NEW.status NOT IN ('draft', 'submitted')
BEGIN SELECT RAISE(ABORT, 'reviews.status: unknown value'); END;
CREATE TRIGGER reviews_status_known_update BEFORE UPDATE OF status ON reviews
WHEN NEW.status NOT IN ('draft', 'submitted')
BEGIN SELECT RAISE(ABORT, 'reviews.status: unknown value'); END;
CREATE TRIGGER consensus_reports_stage_known_insert BEFORE INSERT ON consensus_reports
WHEN NEW.stage NOT IN ('outline', 'full')
BEGIN SELECT RAISE(ABORT, 'consensus_reports.stage: unknown value'); END;
CREATE TRIGGER consensus_reports_stage_known_update BEFORE UPDATE OF stage ON consensus_reports
WHEN NEW.stage NOT IN ('outline', 'full')
BEGIN SELECT RAISE(ABORT, 'consensus_reports.stage: unknown value'); END;
CREATE TRIGGER consensus_reports_status_known_insert BEFORE INSERT ON consensus_reports
WHEN NEW.status NOT IN ('draft', 'approved')
BEGIN SELECT RAISE(ABORT, 'consensus_reports.status: unknown value'); END;
CREATE TRIGGER consensus_reports_status_known_update BEFORE UPDATE OF status ON consensus_reports
WHEN NEW.status NOT IN ('draft', 'approved')
BEGIN SELECT RAISE(ABORT, 'consensus_reports.status: unknown value'); END;
CREATE TRIGGER reply_windows_stage_known_insert BEFORE INSERT ON reply_windows
WHEN NEW.stage NOT IN ('outline', 'full')
BEGIN SELECT RAISE(ABORT, 'reply_windows.stage: unknown value'); END;
CREATE TRIGGER reply_windows_stage_known_update BEFORE UPDATE OF stage ON reply_windows
WHEN NEW.stage NOT IN ('outline', 'full')
BEGIN SELECT RAISE(ABORT, 'reply_windows.stage: unknown value'); END;
CREATE TRIGGER funding_decisions_agency_known_insert BEFORE INSERT ON funding_decisions
WHEN NEW.agency NOT IN ('MECO', 'FNR', 'DS')
BEGIN SELECT RAISE(ABORT, 'funding_decisions.agency: unknown value'); END;
CREATE TRIGGER funding_decisions_agency_known_update BEFORE UPDATE OF agency ON funding_decisions
WHEN NEW.agency NOT IN ('MECO', 'FNR', 'DS')
BEGIN SELECT RAISE(ABORT, 'funding_decisions.agency: unknown value'); END;
CREATE TRIGGER funding_decisions_decision_known_insert BEFORE INSERT ON funding_decisions
WHEN NEW.decision NOT IN ('approved', 'rejected')
BEGIN SELECT RAISE(ABORT, 'funding_decisions.decision: unknown value'); END;
CREATE TRIGGER funding_decisions_decision_known_update BEFORE UPDATE OF decision ON funding_decisions
WHEN NEW.decision NOT IN ('approved', 'rejected')
BEGIN SELECT RAISE(ABORT, 'funding_decisions.decision: unknown value'); END;
CREATE TRIGGER submission_reminders_stage_known_insert BEFORE INSERT ON submission_reminders
WHEN NEW.stage NOT IN ('outline', 'full')
BEGIN SELECT RAISE(ABORT, 'submission_reminders.stage: unknown value'); END;
CREATE TRIGGER submission_reminders_stage_known_update BEFORE UPDATE OF stage ON submission_reminders
WHEN NEW.stage NOT IN ('outline', 'full')
BEGIN SELECT RAISE(ABORT, 'submission_reminders.stage: unknown value'); END;
CREATE TRIGGER funding_decision_versions_decision_known_insert BEFORE INSERT ON funding_decision_versions
WHEN NEW.decision NOT IN ('approved', 'rejected')
BEGIN SELECT RAISE(ABORT, 'funding_decision_versions.decision: unknown value'); END;
CREATE TRIGGER funding_decision_versions_decision_known_update BEFORE UPDATE OF decision ON funding_decision_versions
WHEN NEW.decision NOT IN ('approved', 'rejected')
BEGIN SELECT RAISE(ABORT, 'funding_decision_versions.decision: unknown value'); END;
CREATE TRIGGER results_outcome_known_insert BEFORE INSERT ON results
WHEN NEW.outcome NOT IN ('funded', 'rejected', 'reserve', 'below_threshold')
BEGIN SELECT RAISE(ABORT, 'results.outcome: unknown value'); END;
CREATE TRIGGER results_outcome_known_update BEFORE UPDATE OF outcome ON results
WHEN NEW.outcome NOT IN ('funded', 'rejected', 'reserve', 'below_threshold')
BEGIN SELECT RAISE(ABORT, 'results.outcome: unknown value'); END;
