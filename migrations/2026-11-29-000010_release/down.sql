DROP TABLE redress_requests;
DROP TABLE results;
DROP TABLE releases;
