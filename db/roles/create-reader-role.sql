-- Run as a role with CREATEROLE where the archive's migrating user may not create roles:
--   psql -v reader_role=livestation_reader -f db/roles/create-reader-role.sql
-- then start the job once: its migration grants the role read access to the archive.
-- Analysts log in with their own roles and get read access by membership:
--   GRANT livestation_reader TO alice;
CREATE ROLE :"reader_role" NOLOGIN;
