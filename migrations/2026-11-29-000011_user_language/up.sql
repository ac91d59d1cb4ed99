-- The language a person reads the portal's letters in (en, fr, de): decision
-- letters go to each contact in theirs.
ALTER TABLE users ADD COLUMN language TEXT NOT NULL DEFAULT 'en';
