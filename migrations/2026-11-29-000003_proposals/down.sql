DROP TABLE budget_lines;
DROP TABLE invitations;
DROP TABLE partner_contacts;
DROP TABLE partners;
DROP TABLE proposals;
